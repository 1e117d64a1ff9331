"""The readout's words, in the real window: the tangent's name never clashes with a parameter, and a
point where f exists but f′ does not says f′."""

from explorer.app.state import DocumentState, ParameterSetting


def test_the_tangent_is_not_named_after_a_parameter(open_window):
    window = open_window(DocumentState(text="x^2 + y^3", parameters=(ParameterSetting("y", 1.0),), x0=3.0))
    text = window.readout.tangent_label.text()
    assert text == "Tangent: \u2113(x) = 6x \u2212 8"  # x² + 1 at 3: slope 6, 10 − 18
    assert "y =" not in text


def test_an_isolated_point_says_the_slope_is_undefined_not_f(open_window):
    window = open_window(DocumentState(text="sqrt(x) + sqrt(-x)", x0=0.0))
    assert window.readout.value_label.text() == "f(0) = 0"
    assert window.readout.slope_label.text() == "f\u2032(0) is undefined: no tangent here"


def test_the_second_and_third_derivative_lines_are_spaced_as_the_other_rows(open_window, qtbot):
    window = open_window(DocumentState(text="x^4", orders=(1, 2, 3)))
    readout = window.readout
    qtbot.waitUntil(lambda: readout.derivatives_label.text() == "f\u2033(1) = 12\nf\u2034(1) = 24")

    def top(widget):
        return widget.mapTo(readout, widget.rect().topLeft()).y()

    row_pitch = top(readout.tangent_label) - top(readout.slope_label)
    second, third = readout.derivatives_label.lines()
    assert top(third) - top(second) == row_pitch
    assert top(second) - top(readout.tangent_label) == row_pitch
