"""Engine.probe a hair away from a special point: an ordinary point, with autograd's values (issue #14).

Only where x is the special point to within its own rounding (a few units in its last place) does the
probe look at one-sided limits; 1/x at 10⁻³⁰⁰ is 10³⁰⁰, not "undefined". Values are checked against
sympy's exact derivatives evaluated by mpmath at the exact double x, never against the engine.
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import mpmath
import pytest
import sympy

from explorer.model.engine import Engine
from explorer.model.function import X, parameter_symbol
from explorer.model.parsing import parse
from explorer.model.readings import PointKind
from tests.model.corpus import real_reference

ROOT = Path(__file__).resolve().parents[2]
#: The largest finite double: a true value beyond it cannot be reported, and is NaN.
LARGEST = sys.float_info.max
HALF_PI = math.pi / 2  # the double nearest π/2: tan x's pole as far as a double can tell


def ulps_from(x: float, count: int) -> float:
    """The double `count` units in the last place above x (below for a negative count)."""
    for _ in range(abs(count)):
        x = math.nextafter(x, math.inf if count > 0 else -math.inf)
    return x


# (text, parameters, points that are not the special point, however close)
NEAR = [
    ("1/x", {}, [1e-9, 1e-12, 1e-14, -1e-14, 1e-100, 1e-150, 1e-300]),
    ("tan x", {}, [1.5707963, 1.5707963267948, HALF_PI - 1e-10, ulps_from(HALF_PI, 64), ulps_from(HALF_PI, -64)]),
    ("ln x", {}, [1e-14, 1e-300]),
    ("sqrt x", {}, [1e-14, 1e-300]),
    ("|x|", {}, [1e-300, -1e-300, 1e-14]),
    ("floor x", {}, [0.99999999, 0.9999999999999, 3 - 1e-13]),
    ("x^(1/3)", {}, [1e-14, -1e-14, 1e-300, -1e-300]),
    ("1/(x - a)", {"a": 0.3}, [0.3 + 1e-15, 0.3 - 1e-13]),
]
CASES = [(text, params, x0) for text, params, points in NEAR for x0 in points]


def exact_values(text: str, params: dict[str, float], x0: float, order: int) -> list[float]:
    """f … f^(order) at the exact double x0 (sympy.diff, mpmath at 50 digits), odd roots real."""
    expr = real_reference(parse(text).expr).subs({parameter_symbol(k): sympy.Float(v, 50) for k, v in params.items()})
    rows = [expr]
    for _ in range(order):
        rows.append(sympy.diff(rows[-1], X).replace(sympy.DiracDelta, lambda *args: sympy.S.Zero))
    out = []
    with mpmath.workdps(50):
        for row in rows:
            if row.has(sympy.Derivative):  # floor′: sympy leaves it unevaluated; it is 0 between integers
                row = sympy.S.Zero
            out.append(float(sympy.lambdify(X, row, modules="mpmath")(mpmath.mpf(x0))))
    return out


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


@pytest.mark.parametrize("text, params, x0", CASES, ids=[f"{t} at {x!r}" for t, _, x in CASES])
def test_a_point_beside_a_special_one_gets_its_exact_values(engine, text, params, x0):
    reading = engine.probe(parse(text), x0, order=2, params=params)
    assert reading.kind is PointKind.SMOOTH, reading
    for k, exact in enumerate(exact_values(text, params, x0, 2)):
        got = reading.values[k]
        if abs(exact) <= LARGEST:
            assert got == pytest.approx(exact, rel=1e-12, abs=1e-300), f"f^({k}) at {x0!r}: {got!r} vs {exact!r}"
        else:  # beyond double precision (1/x at 1e-300 has f′ = −1e600): no number to give
            assert math.isnan(got), f"f^({k}) at {x0!r} is {got!r}, beyond double precision"
    assert reading.left_slope == reading.right_slope == reading.slope or math.isnan(reading.slope)


# (text, x0 within a few units in the last place of the special point, kind there)
AT = [
    ("1/x", 0.0, PointKind.UNDEFINED),
    ("tan x", HALF_PI, PointKind.UNDEFINED),
    ("tan x", ulps_from(HALF_PI, 1), PointKind.UNDEFINED),
    ("tan x", ulps_from(HALF_PI, -2), PointKind.UNDEFINED),
    ("floor x", 1.0, PointKind.DISCONTINUOUS),
    ("floor x", ulps_from(1.0, -1), PointKind.DISCONTINUOUS),
    ("|x - 0.3|", 0.1 + 0.2, PointKind.CORNER),  # 0.30000000000000004: 0.3 as far as doubles tell
    ("sqrt x", 0.0, PointKind.VERTICAL),
]


@pytest.mark.parametrize("text, x0, kind", AT, ids=[f"{t} at {x!r}" for t, x, _ in AT])
def test_the_special_point_to_within_rounding_keeps_its_analysis(engine, text, x0, kind):
    assert engine.probe(parse(text), x0, order=2).kind is kind


def test_a_drag_batch_reads_near_points_as_single_probes_do(engine):
    function = parse("1/x + |x|")
    xs = [0.0, 1e-300, -1e-14, ulps_from(0.0, 1), 0.5]
    many = engine.probe_many(function, xs, order=2)
    single = [engine.probe(function, x0, order=2) for x0 in xs]
    assert [(r.kind, repr(r.values)) for r in many] == [(r.kind, repr(r.values)) for r in single]
    assert [r.kind for r in many] == [PointKind.UNDEFINED, PointKind.SMOOTH, PointKind.SMOOTH,
                                      PointKind.UNDEFINED, PointKind.SMOOTH]


def test_a_point_outside_the_domain_beside_its_edge_has_no_slopes(engine):
    """ln x at −10⁻¹⁰ is undefined, and the one-sided slopes of ln x at 0 are not its slopes."""
    reading = engine.probe(parse("ln x"), -1e-10, order=2)
    assert reading.kind is PointKind.UNDEFINED
    assert all(map(math.isnan, (*reading.values, reading.left_slope, reading.right_slope)))


def test_table_command_gives_values_a_hair_from_a_pole():
    """The issue's reproduction, as a real process."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "explorer", "table", "1/x", "--at", "1e-9", "1e-12", "1e-300",
                           "0", "--order", "2", "--format", "json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    rows = json.loads(done.stdout)
    assert [row["kind"] for row in rows] == ["smooth", "smooth", "smooth", "undefined"]
    for row in rows[:2]:
        x0 = row["x"]
        assert (row["f"], row["f'"], row["f''"]) == pytest.approx((1 / x0, -1 / x0**2, 2 / x0**3), rel=1e-14)
    assert rows[2]["f"] == pytest.approx(1e300, rel=1e-15) and rows[2]["f'"] is None  # f′ = −1e600
    assert rows[3]["f"] is None
