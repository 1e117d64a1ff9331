"""Moving a parameter's slider holds the y-range, so the curve is seen to change (a · sin(b x)
grows with a instead of the axis' labels changing); Fit and Reset refit, and so does a curve that
leaves the held range entirely. Driven through the real window's slider, keys and menu.

Truth: a · sin(b x) on the default [−4, 4] (b = 1) reaches |a| (sin x = 1 at π/2); x² + c is at
least c.
"""

import pytest
from PySide6.QtCore import Qt

from explorer.app.state import DocumentState, ParameterSetting

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _y_range(window) -> tuple[float, float]:
    return tuple(window.plot_view.main_plot.getViewBox().viewRange()[1])


def _find_slider(window, name):
    from PySide6.QtWidgets import QSlider

    return window.parameter_panel.findChild(QSlider, f"slider_{name}")


def _press(qtbot, window, widget, key, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(widget, key)
        qtbot.waitUntil(lambda: not window.session.busy)


def _top_of_curve(window) -> float:
    _, y = window.plot_view.curve_item(0).getData()
    return float(y.max())


@pytest.fixture
def sine(open_window):
    state = DocumentState(text="a sin(b x)", parameters=(ParameterSetting("a", 1.0, 0.0, 5.0),
                                                          ParameterSetting("b", 1.0, 0.0, 5.0)))
    return open_window(state)


def test_moving_a_holds_the_y_range_and_the_curve_grows(sine, qtbot):
    window = sine
    before = _y_range(window)
    assert _top_of_curve(window) == pytest.approx(1.0, abs=1e-3)
    _press(qtbot, window, _find_slider(window, "a"), Qt.Key.Key_PageUp, 2)  # a: 1 → 2 (a tenth of 0…5 a page)
    assert window.session.state.parameter_values()["a"] == pytest.approx(2.0)
    assert _y_range(window) == pytest.approx(before)
    assert _top_of_curve(window) == pytest.approx(2.0, abs=2e-3)  # drawn above the held top, as it is


def test_fit_refits_after_a_slider_move(sine, qtbot):
    window = sine
    before = _y_range(window)
    _press(qtbot, window, _find_slider(window, "a"), Qt.Key.Key_PageUp, 4)  # a = 3
    assert _y_range(window) == pytest.approx(before)
    window.fit_action.trigger()
    qtbot.waitUntil(lambda: _y_range(window)[1] > 3.0)
    low, high = _y_range(window)
    assert low < -3.0 and high < 3.0 * 1.5  # fitted to ±3, not left at ±1


def test_reset_refits_after_a_slider_move(sine, qtbot):
    window = sine
    _press(qtbot, window, _find_slider(window, "a"), Qt.Key.Key_PageUp, 4)
    window.reset_view_action.trigger()
    qtbot.waitUntil(lambda: _y_range(window)[1] > 3.0)
    assert window.session.state.y_range is None


def test_a_curve_that_leaves_the_held_range_is_fitted_again(open_window, qtbot):
    window = open_window(DocumentState(text="x^2 + c", parameters=(ParameterSetting("c", 0.0, 0.0, 1000.0),)))
    before = _y_range(window)
    _press(qtbot, window, _find_slider(window, "c"), Qt.Key.Key_PageUp, 1)  # c = 100 > every y shown
    low, high = _y_range(window)
    assert (low, high) != pytest.approx(before)
    assert low <= 100.0 + 1e-9 <= high  # x² + 100 is seen again: its lowest value, 100 at x = 0


def test_a_new_function_is_fitted_after_a_slider_move(sine, qtbot):
    window = sine
    _press(qtbot, window, _find_slider(window, "a"), Qt.Key.Key_PageUp, 1)
    window.session.set_text("10 x")
    qtbot.waitUntil(lambda: not window.session.busy and _y_range(window)[1] > 30)


def test_stacked_derivative_plots_hold_their_ranges_too(open_window, qtbot):
    state = DocumentState(text="a sin(x)", orders=(1,), layout="stacked",
                          parameters=(ParameterSetting("a", 1.0, 0.0, 5.0),))
    window = open_window(state)
    derivative_box = window.plot_view.plots()[1].getViewBox()
    before_f, before_f1 = _y_range(window), tuple(derivative_box.viewRange()[1])
    _press(qtbot, window, _find_slider(window, "a"), Qt.Key.Key_PageUp, 2)
    assert _y_range(window) == pytest.approx(before_f)
    assert tuple(derivative_box.viewRange()[1]) == pytest.approx(before_f1)
    _, f1 = window.plot_view.curve_item(1).getData()
    assert f1.max() == pytest.approx(2.0, abs=2e-3)  # (2 sin x)′ = 2 cos x reaches 2 at 0
    window.fit_action.trigger()
    qtbot.waitUntil(lambda: derivative_box.viewRange()[1][1] > 2.0)
