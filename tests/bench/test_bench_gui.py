"""The GUI section runs on the real window with a tiny configuration and reports well-formed figures.

Nothing here asserts a speed: timings are checked only for being positive, finite and ordered.
"""

import contextlib
import io
import json
import math

import pytest

from explorer.bench.__main__ import main
from explorer.bench.config import BenchConfig
from explorer.bench.functions import CORPUS
from explorer.bench.gui import MOVES_PER_DRAG, GuiCounts, gui_tables, gui_targets
from explorer.bench.report import render_text
from explorer.bench.sections import SectionResult

# Qt's offscreen platform warns that it cannot pass size hints to a window manager.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

QUICK = GuiCounts.for_config(BenchConfig.quick())


@pytest.fixture(scope="module")
def report(qapp) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--quick", "--json", "--sections", "gui"]) == 0
    return json.loads(out.getvalue())


def _positive_finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def _well_formed(stats: dict, calls: int, may_be_zero: bool = False) -> None:
    assert stats["calls"] == calls
    assert _positive_finite(stats["p50_ms"]) or (may_be_zero and stats["p50_ms"] == 0)
    assert stats["p50_ms"] <= stats["p95_ms"] <= stats["max_ms"]


def test_only_the_chosen_section_runs(report):
    assert set(report["sections"]) == {"gui"}
    gui = report["sections"]["gui"]
    assert gui["window"] == [1200, 800] and gui["orders"] == [1, 2]
    assert all(pixels > 0 for pixels in gui["plot_pixels"])
    assert gui["qt_platform"] == "offscreen"
    assert gui["load_average_1m_at_start"] >= 0 and gui["load_average_1m_at_end"] >= 0


def test_drag_frames_are_timed_whole_and_in_parts(report):
    drag = report["sections"]["gui"]["drag_frame"]
    _well_formed(drag, QUICK.drag_frames)
    _well_formed(drag["handling"], QUICK.drag_frames)
    _well_formed(drag["repaint"], QUICK.drag_frames)
    # both parts fit in the frame they were taken from
    assert drag["handling"]["max_ms"] <= drag["max_ms"] and drag["repaint"]["max_ms"] <= drag["max_ms"]
    # each drag's first move (which freezes the still layers) is timed apart, once per drag
    _well_formed(drag["start"], math.ceil(QUICK.drag_frames / MOVES_PER_DRAG))


def test_drag_frames_with_the_secant_shown_are_timed_for_p_and_for_q(report):
    secant = report["sections"]["gui"]["secant_drag_frame"]
    for drag in (secant["p"], secant["q"]):
        _well_formed(drag, QUICK.drag_frames)
        _well_formed(drag["handling"], QUICK.drag_frames)
        _well_formed(drag["repaint"], QUICK.drag_frames)
        assert drag["handling"]["max_ms"] <= drag["max_ms"] and drag["repaint"]["max_ms"] <= drag["max_ms"]


def test_the_secant_tool_is_hidden_again_after_its_rows(report, qapp):
    from explorer.bench.gui import explorer_window, measure_secant_drag_frames

    with explorer_window() as window:
        measure_secant_drag_frames(window, 12)
        assert not window.session.state.secant.shown
        assert window.session.state.secant.h != 0.5  # Q was dragged: h moved


def test_keystrokes_and_exports_are_timed(report):
    gui = report["sections"]["gui"]
    assert gui["keystroke"]["functions"] == [entry.text for entry in CORPUS[: QUICK.keystroke_functions]]
    keystroke = gui["keystroke"]
    assert keystroke["rounds"] == QUICK.keystroke_rounds
    keystrokes = QUICK.keystroke_functions * QUICK.keystroke_rounds
    _well_formed(keystroke, keystrokes)
    for stage in ("commit", "sample", "repaint"):
        # The curves of a text sent ahead often come while the window parses it: no wait after the commit.
        _well_formed(keystroke[stage], keystrokes, may_be_zero=stage == "sample")
        assert keystroke[stage]["max_ms"] <= keystroke["max_ms"]
    assert gui["export"]["size"] == [1600, 1000]
    _well_formed(gui["export"], QUICK.exports)


def test_launch_shows_the_window_before_the_first_curve(report):
    launch = report["sections"]["gui"]["launch"]
    assert launch["runs"] == len(launch["all"]) == QUICK.launches
    for run in launch["all"]:
        assert _positive_finite(run["visible_s"]) and run["visible_s"] < run["first_curve_s"]
    assert launch["visible_p50_s"] <= launch["visible_p95_s"] < launch["first_curve_p95_s"]


def test_memory_growth_is_the_difference_of_two_readings(report):
    memory = report["sections"]["gui"]["memory"]
    assert memory["drag_frames"] == QUICK.memory_frames and memory["edits"] == QUICK.memory_edits
    assert _positive_finite(memory["rss_before_mb"]) and _positive_finite(memory["rss_after_mb"])
    assert math.isclose(memory["growth_mb"], memory["rss_after_mb"] - memory["rss_before_mb"], abs_tol=1e-9)


def test_every_gui_target_has_a_verdict(report):
    targets = [target for target in report["targets"] if target["name"].startswith("[gui]")]
    assert len(targets) == len(report["targets"]) == 12
    assert any(target["name"] == "[gui] drag frame with T₁₀ shown, p95" for target in targets)
    for target in targets:
        assert math.isfinite(target["measured"]) and _positive_finite(target["limit"])
        assert target["passed"] == (target["measured"] <= target["limit"])


def test_text_report_shows_the_gui_tables(report):
    data = report["sections"]["gui"]
    text = render_text({"cpu": "test"}, [SectionResult("gui", gui_tables(data), data, gui_targets(data))])
    for heading in ("[gui] interaction at a 1200×800 window", "[gui] launch, fresh process", "[gui] resident memory"):
        assert heading in text
    assert "of which: repaint" in text and "keystroke to repainted plot" in text
    assert text.count("[PASS]") + text.count("[MISS]") == 12
    assert "drag frame with T₁₀ shown" in text
    assert "drag frame with the secant and its error plot shown" in text and "drag frame of the secant's Q" in text
    assert "repaint of a steep curve (tan(1000x) on the default view)" in text
    assert "wheel burst (10 notches 5 ms apart) to its view's curves painted" in text


def test_a_steep_curve_is_repainted_whole(report):
    steep = report["sections"]["gui"]["steep_repaint"]
    assert steep["function"] == "tan(1000x)"
    _well_formed(steep, QUICK.steep_repaints)


def test_quick_measures_less_than_the_full_run():
    full = GuiCounts.for_config(BenchConfig())
    assert (full.memory_frames, full.memory_edits) == (2000, 100)
    assert all(getattr(QUICK, name) < getattr(full, name) for name in vars(full))


def test_a_fast_wheel_is_timed_until_its_view_is_drawn(report, qapp):
    wheel = report["sections"]["gui"]["wheel_burst"]
    assert wheel["notches"] == 10 and wheel["gap_ms"] == 5
    _well_formed(wheel, QUICK.wheel_bursts)
    # no burst is over before its notches are: 10 of them 5 ms apart take 50 ms at least
    assert wheel["p50_ms"] >= 10 * 5
