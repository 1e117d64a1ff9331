"""The bench runs end to end with a tiny configuration and reports well-formed, plausible figures.

Nothing here asserts a speed: timings are checked only for being positive and finite.
"""

import contextlib
import io
import json
import math

import numpy as np
import pytest
import torch

from explorer.bench.__main__ import main
from explorer.bench.baselines import naive_torch, sympy_numpy
from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS, X_RANGE
from explorer.bench.report import render_text
from explorer.bench.sections import SectionResult, Table, Target
from explorer.bench.timing import repeat
from explorer.model import parse


@pytest.fixture(scope="module")
def report() -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--quick", "--json", "--device", "cpu"]) == 0
    return json.loads(out.getvalue())


def _positive_finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_json_records_the_machine(report):
    machine = report["machine"]
    assert machine["cpu"] and machine["cores"] >= 1
    assert machine["torch"] == torch.__version__
    assert machine["torch_threads_default"] >= 1
    assert machine["load_average_1m_at_start"] >= 0 and machine["load_average_1m_at_end"] >= 0
    assert machine["calibration_ms_at_start"] > 0 and machine["calibration_ms_at_end"] > 0


def test_sweep_has_every_size_and_order_with_positive_times(report):
    quick = BenchConfig.quick()
    sweep = report["sections"]["model"]["cpu"]["sweep"]
    assert sweep["threads"] >= 1
    cells = {(cell["n"], cell["order"]): cell for cell in sweep["cells"]}
    assert set(cells) == {(n, order) for n in quick.sizes for order in quick.orders}
    for cell in cells.values():
        assert set(cell["engine_s"]) == set(sweep["functions"]) == set(cell["sympy_numpy_s"])
        times = [*cell["engine_s"].values(), *cell["naive_s"].values(), *cell["sympy_numpy_s"].values()]
        assert all(_positive_finite(t) for t in times)
        assert _positive_finite(cell["engine_over_naive_geomean"])
        assert _positive_finite(cell["engine_over_sympy_numpy_geomean"])
        ratios = cell["engine_over_naive"]
        assert math.isclose(cell["engine_over_naive_geomean"],
                            math.exp(np.mean(np.log(list(ratios.values())))), rel_tol=1e-9)


def test_engine_agrees_with_symbolic_derivatives(report):
    for cell in report["sections"]["model"]["cpu"]["sweep"]["cells"]:
        assert all(difference < 1e-6 for difference in cell["engine_vs_sympy_max_difference"].values())


def test_latency_and_memory_figures_are_well_formed(report):
    model = report["sections"]["model"]["cpu"]
    assert model["keystroke"]["threads"] == model["probe"]["threads"] == model["secant"]["threads"] == 1
    assert model["features"]["threads"] == model["far_probe"]["threads"] == 1
    assert model["secant"]["error_plot_h"] == 17
    assert model["far_probe"]["functions"][0] == "e^x on [800, 820]"
    for stats in (model["keystroke"]["parse"], model["keystroke"]["parse_build"],
                  model["keystroke"]["parse_build_sample"], model["probe"], model["far_probe"], model["features"],
                  model["secant"]):
        assert _positive_finite(stats["p50_ms"]) and stats["p50_ms"] <= stats["p95_ms"]
        assert _positive_finite(stats["cpu_p50_ms"]) and stats["cpu_p50_ms"] <= stats["cpu_p95_ms"]
        assert stats["calls"] > 0
    memory = model["memory"]
    assert "process" in memory["method"]
    for figures in memory["functions"].values():
        assert _positive_finite(figures["engine_bytes"]) and _positive_finite(figures["naive_bytes"])
        assert math.isclose(figures["engine_over_naive"], figures["engine_bytes"] / figures["naive_bytes"])


def test_targets_have_a_verdict(report):
    targets = report["targets"]
    assert len([t for t in targets if t["name"].startswith("[cpu]")]) == 7  # the model section's seven
    assert any(t["name"] == "[cpu] Taylor degree 20 at one point, p95" for t in targets)
    for target in targets:
        # RSS growth can be zero or negative (memory handed back); every other figure is a positive amount.
        growth = target["name"].startswith("[gui] RSS growth")
        assert math.isfinite(target["measured"]) if growth else _positive_finite(target["measured"])
        assert _positive_finite(target["limit"])
        assert target["passed"] == (target["measured"] <= target["limit"])


def test_text_report_aligns_columns_and_marks_targets():
    table = Table("sizes", ("size", "time ms"), [("1e3", "0.5"), ("1e6", "120")], ["threads: 1"])
    targets = [Target("probe", 0.2, 0.5, "ms"), Target("memory", 0.3, 0.25, "×")]
    text = render_text({"cpu": "test"}, [SectionResult("model", [table], {}, targets)])
    lines = text.splitlines()
    assert lines[0] == "machine: cpu=test"
    assert lines[2:7] == ["sizes", "size  time ms", "----  -------", "1e3       0.5", "1e6       120"]
    assert "  note: threads: 1" in lines
    assert "  [PASS] probe: 0.2 ms (target ≤ 0.5 ms)" in lines
    assert "  [MISS] memory: 0.3 × (target ≤ 0.25 ×)" in lines


def test_repetitions_stay_within_their_bounds():
    calls = []
    assert len(repeat(lambda: calls.append(1), budget_s=0.0, min_reps=3, max_reps=5, sync=lambda: None)) == 3
    assert len(repeat(lambda: calls.append(1), budget_s=60.0, min_reps=1, max_reps=4, sync=lambda: None)) == 4
    assert len(calls) == 7


def test_unknown_section_is_refused_with_a_message():
    with pytest.raises(SystemExit, match="unknown section.*nope"):
        main(["--quick", "--sections", "nope"])


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message shown when CUDA is missing")
def test_cuda_without_a_device_is_refused_with_a_message():
    with pytest.raises(SystemExit, match="no CUDA device"):
        main(["--quick", "--device", "cuda"])


@pytest.mark.parametrize("entry", CORPUS, ids=[entry.text for entry in CORPUS])
def test_corpus_text_parses_to_its_sympy_form(entry):
    parsed, built = parse(entry.text), entry.build()
    assert parsed.parameters == built.parameters
    points = np.linspace(0.3, 0.9, 5)
    values = [sympy_numpy(fn, 0, entry.params)(points[0], points[-1], points.size)[1] for fn in (parsed, built)]
    np.testing.assert_allclose(*values, rtol=1e-12)


def test_baselines_give_the_known_derivatives():
    entry = next(entry for entry in CORPUS if entry.text == "x^3 - 3x")
    fn = entry.build()
    for sampler in (naive_torch(fn, 3, {}), sympy_numpy(fn, 3, {})):
        x, values = sampler(*X_RANGE, 9)
        np.testing.assert_allclose(values, [x**3 - 3 * x, 3 * x**2 - 3, 6 * x, np.full_like(x, 6.0)], atol=1e-12)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_quick_bench_runs_on_cuda():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--quick", "--json", "--device", "cuda"]) == 0
    cuda = json.loads(out.getvalue())["sections"]["model"]["cuda"]
    assert all(_positive_finite(cell["engine_over_naive_geomean"]) for cell in cuda["sweep"]["cells"])
    assert "cuda" in cuda["memory"]["method"]
