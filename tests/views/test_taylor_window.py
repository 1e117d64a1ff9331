"""The Taylor tool in the window: toggled from the menu's shortcut, degree 0…20 labelled "degree",
Tₙ drawn and written out, following a drag; T₁ is the tangent to the bit; the error plot; a saved
session keeps the tool; an exported image shows Tₙ. Truth from sympy, not from the code."""

import math

import numpy as np
import pytest
import sympy
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from window_driving import mouse_drag, plot_to_widget, settle

from explorer.app.document_file import load_document, save_document
from explorer.app.state import DocumentState


def taylor_state(text, x0, degree, **more):
    return DocumentState(text=text, x0=x0, show_taylor=True, taylor_degree=degree, **more)


def test_shortcut_toggles_the_tool_and_the_degree_is_labelled_degree(open_window, qtbot):
    window = open_window(DocumentState(text="sin x", x0=0.0))
    assert not window.taylor_tool.curve.isVisible()
    assert window.taylor_action.shortcut().toString() == "Ctrl+Shift+P"
    others = [a.shortcut().toString() for a in window.findChildren(type(window.taylor_action))
              if a is not window.taylor_action and not a.shortcut().isEmpty()]
    assert "Ctrl+Shift+P" not in others
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle(window)
    assert window.session.state.show_taylor and window.taylor_panel.show_box.isChecked()
    labels = [label.text() for label in window.taylor_panel.findChildren(QLabel)]
    assert "degree" in labels and "order" not in " ".join(labels)
    box = window.taylor_panel.degree_box
    assert (box.minimum(), box.maximum()) == (0, 20)
    box.setValue(7)
    settle(window)
    assert window.session.state.taylor_degree == 7
    truth = sympy.series(sympy.sin(sympy.Symbol("x")), n=8).removeO()
    assert window.taylor_panel.formula.text() == "T₇(x) = x − 0.1667·x³ + 0.008333·x⁵ − 0.0001984·x⁷"
    assert float(truth.coeff(sympy.Symbol("x"), 7)) == pytest.approx(-0.0001984, rel=1e-3)
    x, y = window.taylor_tool.curve.getData()
    xs = sympy.Symbol("x")
    expected = sympy.lambdify(xs, truth, "numpy")(x)
    inside = np.abs(expected) < 10
    assert window.taylor_tool.curve.isVisible() and np.allclose(y[inside], expected[inside], rtol=1e-12, atol=1e-12)
    window.undo()
    assert window.session.state.taylor_degree == 3


def test_t1_is_the_tangent_to_the_bit(open_window):
    window = open_window(taylor_state("e^(x^2) / (1 + x)", 0.77, 1))
    reading = window.session.last_reading
    assert reading.taylor.coefficients[1] == reading.slope and reading.taylor.coefficients[0] == reading.value
    assert window.readout.slope_label.text().startswith("f\u2032(")
    tx, ty = window.plot_view.tangent_item.getData()
    tangent_slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
    assert reading.taylor.coefficients[1] == pytest.approx(tangent_slope, rel=1e-12)
    curve = reading.taylor.curve
    assert np.array_equal(curve.polynomial, reading.slope * (curve.x - 0.77) + reading.value)


def test_tn_follows_a_drag(open_window):
    window = open_window(taylor_state("cos x", 1.0, 4))
    plot = window.plot_view.main_plot
    mouse_drag(plot, plot_to_widget(plot, 1.0, math.cos(1.0)), plot_to_widget(plot, 2.0, 30.0))
    settle(window)
    reading = window.session.last_reading
    assert reading.x != 1.0 and reading.taylor.x0 == reading.x
    x = sympy.Symbol("x")
    truth = sympy.series(sympy.cos(x), x, sympy.nsimplify(reading.x), 5).removeO()
    drawn_x, drawn_y = window.taylor_tool.curve.getData()
    near = np.abs(drawn_x - reading.x) < 0.5
    expected = np.array([float(truth.subs(x, v)) for v in drawn_x[near][::50]])
    assert np.allclose(drawn_y[near][::50], expected, rtol=1e-9, atol=1e-12)


def test_error_plot_and_tolerance_interval(open_window):
    window = open_window(taylor_state("ln(1+x)", 0.0, 10, show_taylor_error=True, x_range=(-1.5, 2.5)))
    assert window.taylor_tool.error_plot.isVisible()
    lo, hi = window.taylor_tool.region.getRegion()
    assert window.taylor_tool.region.isVisible() and lo < 0 < hi
    x = sympy.Symbol("x")
    polynomial = sympy.series(sympy.log(1 + x), x, 0, 11).removeO()
    for edge in (lo, hi):  # |f − T₁₀| reaches the tolerance at the interval's ends, to within a pixel
        inside = edge - 0.01 * np.sign(edge)
        assert abs(float((sympy.log(1 + x) - polynomial).subs(x, inside))) < 1e-3
    assert "1" in window.taylor_panel.radius.text() and "estimate" in window.taylor_panel.radius.text()


def test_a_corner_says_so_and_draws_both_sides(open_window):
    window = open_window(taylor_state("|x|", 0.0, 3))
    text = window.taylor_panel.formula.text()
    assert "corner" in text and "left: T₃(x) = −x" in text and "right: T₃(x) = x" in text
    x, y = window.taylor_tool.curve.getData()
    assert np.allclose(y, np.abs(x))


def test_saved_session_keeps_the_tool(open_window, tmp_path):
    window = open_window(taylor_state("sin x", 0.0, 9, show_taylor_error=True, taylor_tolerance=1e-5))
    path = tmp_path / "t.slope"
    save_document(window.session.state, path)
    loaded = load_document(path)
    assert (loaded.show_taylor, loaded.taylor_degree, loaded.show_taylor_error, loaded.taylor_tolerance) == (
        True, 9, True, 1e-5)


def test_exported_picture_shows_tn(open_window, tmp_path):
    from PySide6.QtGui import QImage

    from explorer.export.images import export_image

    images = []
    for shown in (False, True):
        window = open_window(DocumentState(text="sin x", x0=0.0, show_taylor=shown, taylor_degree=1,
                                           show_tangent=False, orders=()))
        path = tmp_path / f"shown{shown}.png"
        export_image(window.plot_view, path, (800, 600))
        images.append(QImage(str(path)))
    pink = [sum(1 for i in range(0, image.width(), 2) for j in range(0, image.height(), 2)
                if image.pixelColor(i, j).name() == "#f03e9c") for image in images]
    assert pink[0] == 0 and pink[1] > 100
