"""The explorer window driven like a student would: typing, dragging, toggling, sliding, undoing."""

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStatusBar
from window_driving import mouse_drag, plot_to_widget, settle

from explorer.app.state import DocumentState, ParameterSetting

# Qt's offscreen platform (used by the tests) warns that it cannot pass size hints to a window manager.


def drawn(item):
    """Number of points a curve or scatter item draws."""
    x, _ = item.getData()
    return 0 if x is None else len(x)


def plotted(window, order):
    """(x, y, connect) of the curve drawn for derivative `order`."""
    item = window.plot_view.curve_item(order)
    x, y = item.getData()
    return x, y, item.opts["connect"]


def test_launch_shows_the_default_function_drawn(open_window, real_engine):
    window = open_window()
    assert window.windowHandle().title() == "Slope Explorer"
    assert window.function_input.edit.text() == DocumentState().text
    for name in ("fileMenu", "editMenu", "viewMenu", "helpMenu"):
        assert window.findChild(QMenu, name) is not None, name
    x, y, _ = plotted(window, 0)
    np.testing.assert_allclose(y, x ** 3 - 3 * x, atol=1e-9)
    assert x[0] == pytest.approx(-4.0) and x[-1] == pytest.approx(4.0)
    # the grid follows the plot's width: a few samples per pixel (drawn through those the pixels need)
    width = window.plot_view.main_plot.getViewBox().width()
    assert 2 * width <= len(window.session.last_curves.x) <= 4 * width + 1
    assert np.isin(x, window.session.last_curves.x).all()
    assert window.readout.slope_label.text() == "f\u2032(1) = 0"


def retype(window, qtbot, text: str) -> None:
    """Replace the function by typing `text` (no Enter), and wait until it is drawn."""
    edit = window.function_input.edit
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: window.session.state.text == text and not window.session.busy)
    settle(window)


def test_typing_redraws_live_without_enter(open_window, qtbot):
    window = open_window()
    retype(window, qtbot, "sin(x)")
    x, y, _ = plotted(window, 0)
    np.testing.assert_allclose(y, np.sin(x), atol=1e-9)
    x1, y1, _ = plotted(window, 1)
    np.testing.assert_allclose(y1, np.cos(x1), atol=1e-9)


def test_the_plot_draws_the_frames_samples_for_its_own_pixels(open_window, qtbot):
    """The frame brings samples; the plot draws tan x through those its pixels need, broken at the
    poles and clamped around the y-range it is seen in."""
    window = open_window()
    retype(window, qtbot, "tan(x)")
    curves = window.session.last_frame.main
    for order in (0, *window.session.state.orders):
        x, y, connect = plotted(window, order)
        assert np.isin(x, curves.x).all() and len(x) < len(curves.x) / 2
        assert not connect.all()  # broken at the poles
        low, high = window.plot_view.curve_item(order).getViewBox().viewRange()[1]
        assert low - 2 * (high - low) <= y.min() and y.max() <= high + 2 * (high - low)
    x, y, _ = plotted(window, 0)
    finite = np.abs(y) < 5
    np.testing.assert_allclose(y[finite], np.tan(x[finite]), rtol=1e-9, atol=1e-12)


def test_a_typo_is_marked_and_the_last_curve_stays(open_window, qtbot):
    window = open_window()
    before = plotted(window, 0)[1].copy()
    edit = window.function_input.edit
    edit.setFocus()
    edit.end(False)
    qtbot.keyClicks(edit, " + * 2")
    qtbot.waitUntil(lambda: window.function_input.error_label.isVisible())
    error = window.session.error
    assert error is not None
    assert error.message in window.function_input.error_label.text()
    assert edit.error_column == error.column
    assert edit.text()[error.column] in "+*"  # the mark is at the operators, not at the start
    np.testing.assert_array_equal(plotted(window, 0)[1], before)
    # fixing it clears the mark
    for _ in range(3):
        qtbot.keyClick(edit, Qt.Key.Key_Left)
    qtbot.keyClicks(edit, "x")
    qtbot.waitUntil(lambda: window.session.error is None)
    assert edit.error_column is None and not window.function_input.error_label.isVisible()


def test_the_error_mark_is_painted_under_the_column(open_window, qtbot):
    window = open_window(DocumentState(text="x + )"))
    edit = window.function_input.edit
    assert window.session.error is not None
    image = edit.grab().toImage()
    column_x = round(edit.column_x(edit.error_column))
    reds = [(px, py) for px in range(max(0, column_x - 2), min(image.width(), column_x + 10))
            for py in range(image.height())
            if (c := image.pixelColor(px, py)).red() > 150 and c.green() < 120 and c.blue() < 120]
    assert reds, "no red underline at the error column"


def test_dragging_the_point_moves_x0_along_the_curve(open_window):
    window = open_window()
    plot = window.plot_view.main_plot
    start = plot_to_widget(plot, 1.0, -2.0)
    target_x = 2.0
    end = plot_to_widget(plot, target_x, 30.0)  # the pointer leaves the curve; the point does not
    mouse_drag(plot, start, end)
    (x_min, x_max), _ = plot.getViewBox().viewRange()
    one_pixel = (x_max - x_min) / plot.getViewBox().width()
    reading = window.session.last_reading
    assert reading.x == pytest.approx(target_x, abs=one_pixel)
    assert reading.value == pytest.approx(reading.x ** 3 - 3 * reading.x)
    assert window.readout.x0_box.value() == pytest.approx(reading.x, abs=1e-4)
    assert window.readout.slope_label.text().startswith("f\u2032(")
    slope = 3 * reading.x ** 2 - 3
    assert window.session.last_reading.slope == pytest.approx(slope)
    # the drawn point sits on the curve, the tangent goes through it with that slope
    point = window.plot_view.point
    assert point.isVisible() and (point.pos().x(), point.pos().y()) == (reading.x, reading.value)
    tx, ty = window.plot_view.tangent_item.getData()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(slope)
    assert tx[0] <= x_min and tx[-1] >= x_max  # it crosses the whole view
    # the drag was one undo step
    window.undo()
    assert window.session.state.x0 == 1.0


def test_a_drag_away_from_the_point_pans_instead(open_window):
    window = open_window()
    plot = window.plot_view.main_plot
    (x_min, x_max), _ = plot.getViewBox().viewRange()
    mouse_drag(plot, plot_to_widget(plot, -3.0, 30.0), plot_to_widget(plot, -2.0, 30.0))
    assert window.session.state.x0 == 1.0
    assert window.session.state.x_range[0] == pytest.approx(x_min - 1.0, abs=0.05)
    settle(window)
    assert plotted(window, 0)[0][0] == pytest.approx(window.session.state.x_range[0])


def test_typing_x0_and_stepping_with_arrow_keys(open_window, qtbot):
    window = open_window(DocumentState(text="5x^4 + 3x^3 + 7x^2 + 9x - 5"))
    box = window.readout.x0_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "2")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.session.state.x0 == 2.0
    assert window.readout.slope_label.text() == "f\u2032(2) = 233"
    assert window.readout.tangent_label.text() == "Tangent: \u2113(x) = 233x \u2212 321"
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert window.session.state.x0 == pytest.approx(2.1)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert window.session.state.x0 == pytest.approx(1.9)


def test_the_status_line_repeats_the_reading_only_while_the_readout_is_out_of_sight(open_window):
    from PySide6.QtWidgets import QSplitter

    window = open_window(DocumentState(text="5x^4 + 3x^3 + 7x^2 + 9x - 5"))
    status, splitter = window.statusBar(), window.findChild(QSplitter)
    window.session.set_x0(2.0)
    assert window.readout.slope_label.text() == "f\u2032(2) = 233" and status.currentMessage() == ""
    splitter.setSizes([splitter.width(), 0])  # the side panel collapsed
    QApplication.processEvents()
    window.session.set_x0(1.0)
    assert status.currentMessage() == "x\u2080 = 1   f(1) = 19   f\u2032(1) = 52"
    splitter.setSizes([splitter.width() - 300, 300])
    QApplication.processEvents()
    window.session.set_x0(2.0)
    assert status.currentMessage() == "" and window.readout.slope_label.text() == "f\u2032(2) = 233"


def test_the_plot_keeps_its_size_when_the_first_reading_arrives(qtbot, real_engine):
    """The status line is there from the start: made by the first reading, it took 22 pixels from the
    plot a moment later, under a pointer that had pressed on what was there before."""
    from explorer.app.in_process_engine import InProcessEngine
    from explorer.app.session import Session
    from explorer.views.main_window import MainWindow

    session = Session(DocumentState(text="x^3 - 3x"), engine=InProcessEngine(real_engine))
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert session.last_reading is None and window.findChild(QStatusBar) is not None
    with qtbot.waitActive(window):
        window.show()
    QApplication.processEvents()
    size = window.plot_view.graphics.size()
    qtbot.waitUntil(lambda: session.last_reading is not None and not session.busy)
    QApplication.processEvents()
    assert window.statusBar().isVisible() and window.plot_view.graphics.size() == size


def test_a_corner_shows_two_half_tangents_and_no_slope(open_window):
    window = open_window(DocumentState(text="abs(x)", x0=0.0))
    reading = window.session.last_reading
    assert str(reading.kind.value) == "corner"
    assert window.readout.slope_label.text() == "f\u2032(0) does not exist: left \u22121, right 1"
    tx, ty = window.plot_view.tangent_item.getData()
    assert len(tx) == 3 and (tx[1], ty[1]) == (0.0, 0.0)
    assert ty[0] == pytest.approx(-tx[0]) and ty[2] == pytest.approx(tx[2])


def test_outside_the_domain_the_readout_says_undefined(open_window):
    window = open_window(DocumentState(text="ln(x)", x0=-1.0))
    assert "undefined" in window.readout.slope_label.text()
    assert not window.plot_view.point.isVisible()
    assert drawn(window.plot_view.tangent_item) == 0


def test_tan_breaks_at_its_asymptotes_and_gets_a_readable_range(open_window):
    window = open_window(DocumentState(text="tan(x)", orders=()))
    x, y, connect = plotted(window, 0)
    assert not connect[np.searchsorted(x, math.pi / 2) - 1]  # no line across the pole
    (_, _), (y_min, y_max) = window.plot_view.main_plot.getViewBox().viewRange()
    assert 1 < y_max < 100 and -100 < y_min < -1


def test_derivative_curves_toggle_with_shortcuts_and_checkboxes(open_window, qtbot):
    window = open_window(DocumentState(text="x^5", orders=()))
    assert window.plot_view.curve_item(1) is None
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert window.session.state.orders == (2,)
    assert window.derivative_panel.boxes[2].isChecked()
    x, y, _ = plotted(window, 2)
    np.testing.assert_allclose(y, 20 * x ** 3, rtol=1e-9, atol=1e-9)
    window.derivative_panel.boxes[6].click()
    settle(window)
    assert window.session.state.orders == (2, 6)
    x, y, _ = plotted(window, 6)
    np.testing.assert_allclose(y, np.zeros_like(x), atol=1e-9)
    # the point on each derivative curve at x0 is marked
    markers = window.plot_view.markers
    assert [(markers[k].pos().x(), markers[k].pos().y()) for k in (2, 6)] == [(1.0, 20.0), (1.0, 0.0)]


def test_stacked_layout_gives_each_derivative_a_plot_sharing_x(open_window, qtbot):
    window = open_window(DocumentState(text="x^3", orders=(1, 2)))
    window.derivative_panel.layout_box.setCurrentIndex(1)
    settle(window)
    assert window.session.state.layout == "stacked"
    plots = window.plot_view.plots()
    assert len(plots) == 3
    for plot in plots[1:]:
        assert plot.getViewBox().viewRange()[0] == pytest.approx(plots[0].getViewBox().viewRange()[0])
    window.session.set_view((0.0, 2.0), None)
    settle(window)
    assert plots[2].getViewBox().viewRange()[0] == pytest.approx([0.0, 2.0])
    x, y, _ = plotted(window, 2)
    np.testing.assert_allclose(y, 6 * x, atol=1e-9)


def test_a_stacked_plot_keeps_the_y_range_the_user_chose_until_reset(open_window):
    window = open_window(DocumentState(text="x^3", orders=(1, 2), layout="stacked"))
    second = window.plot_view.plots()[2]
    mouse_drag(second, plot_to_widget(second, -1.5, 2.0), plot_to_widget(second, -1.5, -8.0))
    settle(window)
    chosen = second.getViewBox().viewRange()[1]
    assert chosen != pytest.approx(list(window.session.last_frame.y_ranges[2]))
    assert [order for order, _ in window.session.state.stacked_y_ranges] == [2]  # saved with the document
    assert window.session.state.stacked_y_ranges[0][1] == pytest.approx(chosen)
    window.session.set_text("2x^3")
    settle(window)
    assert second.getViewBox().viewRange()[1] == pytest.approx(chosen)  # new curves, same range
    first = window.plot_view.plots()[1]
    assert first.getViewBox().viewRange()[1] == pytest.approx(list(window.session.last_frame.y_ranges[1]))
    window.reset_view_action.trigger()
    settle(window)
    assert second.getViewBox().viewRange()[1] == pytest.approx(list(window.session.last_frame.y_ranges[2]))
    assert window.session.state.stacked_y_ranges == ()


def test_a_document_opens_with_its_stacked_plots_y_ranges(open_window):
    state = DocumentState(text="x^3", orders=(1, 2), layout="stacked", stacked_y_ranges=((2, (-30.0, 7.5)),))
    window = open_window(state)
    settle(window)
    first, second = window.plot_view.plots()[1:]
    assert second.getViewBox().viewRange()[1] == pytest.approx([-30.0, 7.5])
    assert first.getViewBox().viewRange()[1] == pytest.approx(list(window.session.last_frame.y_ranges[1]))
    window.session.set_layout("overlay")  # the chosen range waits while its plot is not shown
    window.session.set_layout("stacked")
    settle(window)
    assert window.plot_view.plots()[2].getViewBox().viewRange()[1] == pytest.approx([-30.0, 7.5])


def test_a_slider_redraws_and_the_readout_shows_partials(open_window, qtbot):
    window = open_window(DocumentState(text="x^2 + y^3", x0=2.0))
    row = window.parameter_panel.rows["y"]
    row.slider.setValue(800)  # -5 + 10 * 0.8 = 3
    settle(window)
    assert window.session.state.parameters[0].value == pytest.approx(3.0)
    x, y, _ = plotted(window, 0)
    np.testing.assert_allclose(y, x ** 2 + 27, atol=1e-9)
    text = window.readout.partials_label.text()
    assert "\u2202f/\u2202x = 4" in text and "\u2202f/\u2202y = 27" in text
    assert row.value.value() == pytest.approx(3.0)


def test_undo_redo_over_typing_with_the_keyboard(open_window, qtbot):
    window = open_window()
    edit = window.function_input.edit
    edit.selectAll()
    qtbot.keyClicks(edit, "cos(x)")
    qtbot.waitUntil(lambda: window.session.state.text == "cos(x)")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state.text == DocumentState().text
    assert edit.text() == DocumentState().text
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.state.text == "cos(x)" and edit.text() == "cos(x)"


def test_reset_view_and_fit(open_window):
    window = open_window()
    window.session.set_view((10.0, 12.0), (0.0, 1.0))
    settle(window)
    window.fit_action.trigger()
    settle(window)
    _, (y_min, y_max) = window.plot_view.main_plot.getViewBox().viewRange()
    assert y_min < 10 ** 3 - 30 and y_max > 12 ** 3 - 36  # the curve on [10, 12] is in view
    window.reset_view_action.trigger()
    settle(window)
    assert window.plot_view.main_plot.getViewBox().viewRange()[0] == pytest.approx(DocumentState().x_range)
    assert window.reset_view_action.shortcut() == QKeySequence("Ctrl+0")


def test_plot_colours_follow_a_dark_palette(open_window):
    window = open_window()
    light_background = window.plot_view.theme.background
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, Qt.GlobalColor.black),
                         (QPalette.ColorRole.Base, Qt.GlobalColor.black),
                         (QPalette.ColorRole.Text, Qt.GlobalColor.white)):
        dark.setColor(role, colour)
    window.setPalette(dark)
    QApplication.processEvents()
    theme = window.plot_view.theme
    assert theme.dark and theme.background != light_background
    assert window.plot_view.graphics.backgroundBrush().color() == theme.background
    assert window.plot_view.curve_item(0).opts["pen"].color() == theme.curve(0)
    # the window's other plot follows: the Taylor error plot's background and axes
    taylor_plot = window.taylor_tool.error_plot
    assert taylor_plot.backgroundBrush().color() == theme.background
    assert taylor_plot.getPlotItem().getAxis("left").textPen().color() == theme.foreground


def test_controls_have_accessible_names(open_window):
    window = open_window(DocumentState(text="a x", parameters=(ParameterSetting("a"),)))
    for widget in (window.function_input.edit, window.readout.x0_box, window.parameter_panel.rows["a"].slider,
                   *window.derivative_panel.boxes.values(), window.derivative_panel.layout_box):
        assert widget.accessibleName(), widget


def test_keyboard_focus_goes_from_the_function_to_x0(open_window, qtbot):
    window = open_window()
    window.function_input.edit.setFocus()
    qtbot.keyClick(window.function_input.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (window.readout.x0_box, window.readout.x0_box.lineEdit())
    assert window.plot_view.graphics.focusPolicy() == Qt.FocusPolicy.NoFocus
