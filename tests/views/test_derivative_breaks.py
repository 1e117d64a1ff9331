"""A derivative curve breaks wherever f (or any lower order) breaks or jumps: f′ does not exist there.

Truth: floor x jumps at every integer, so its derivative (0 elsewhere) does not exist at the
integers; sign x jumps at 0; |x| has a corner at 0 (f continuous, f′ jumps: f″ does not exist there).
"""

import math

import numpy as np
import pytest

from explorer.app.state import DocumentState
from explorer.model import Engine
from explorer.model.parsing import parse

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _drawn_spans(item) -> list[tuple[float, float]]:
    """The x-intervals of the segments the curve item strokes."""
    x, _ = item.getData()
    connect = np.asarray(item.opts["connect"], dtype=bool)
    return [(x[i], x[i + 1]) for i in np.flatnonzero(connect[:-1])]


@pytest.mark.parametrize(("text", "order", "where"), [
    ("floor x", 1, [-3, -2, -1, 0, 1, 2, 3]),
    ("sign(x)", 1, [0]),
    ("abs(x)", 2, [0]),
    ("floor x", 2, [-3, -2, -1, 0, 1, 2, 3]),
])
def test_no_derivative_line_runs_through_a_point_where_it_does_not_exist(open_window, text, order, where):
    window = open_window(DocumentState(text=text, orders=tuple(range(1, order + 1))))
    spans = _drawn_spans(window.plot_view.curve_item(order))
    assert spans  # the curve is drawn between the breaks
    for point in where:
        assert not any(a <= point <= b for a, b in spans), (text, order, point)


@pytest.mark.parametrize("text", ["floor x", "sign(x)", "abs(x)", "1/x", "sqrt(abs(x))", "tan x",
                                  "x - floor(x)", "abs(x^2 - 1)"])
def test_every_row_breaks_where_a_lower_row_breaks(text):
    curves = Engine(device="cpu").sample(parse(text), -4, 4, 801, 3)
    connected = curves.connected
    for k in range(1, 4):
        assert not (connected[k] & ~connected[:k].all(axis=0)).any(), (text, k)


def test_the_derivative_of_floor_breaks_exactly_at_the_integers():
    """Wherever floor changes value between two samples it jumps in between, and f′ does not exist
    there; wherever it does not, f′ = 0 exists all along and is drawn."""
    curves = Engine(device="cpu").sample(parse("floor x"), -4, 4, 801, 1)
    x = curves.x
    jumps = np.floor(x[:-1]) != np.floor(x[1:])
    assert jumps.sum() == 8
    assert not curves.connected[1, :-1][jumps].any()
    assert curves.connected[1, :-1][~jumps].sum() >= len(jumps) - 3 * 8
    assert np.all(curves.values[1][np.isfinite(curves.values[1])] == 0) and math.isfinite(curves.values[1][1])
