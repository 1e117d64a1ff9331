"""Under the function box: how the text was read, in standard notation, or the parser's error in
its place (the same line: the plot does not move), with positions worded as everywhere ("column 5")."""

import pytest
import sympy

from explorer.app.state import DocumentState
from explorer.model import parse
from explorer.model.standard_notation import standard_notation


def typed(window, qtbot, text):
    window.function_input.edit.setText(text)
    window.function_input.flush()
    qtbot.waitUntil(lambda: window.session.state.text == text)


@pytest.mark.parametrize(("text", "shown"), [
    ("1/2x", "1/(2x)"), ("sin x^2", "sin(x\u00b2)"), ("sinx", "sin(x)"), ("x^3 - 3x", "x\u00b3 \u2212 3x"),
])
def test_the_reading_is_shown_under_the_box(open_window, qtbot, text, shown):
    window = open_window(DocumentState(text="x"))
    typed(window, qtbot, text)
    label = window.function_input.reading_label
    assert label.isVisible() and label.text() == f"read as  f(x) = {shown}"


X, A, B = sympy.symbols("x a b")


@pytest.mark.parametrize(("text", "truth"), [
    ("1/2x", 1 / (2 * X)), ("sin x^2", sympy.sin(X ** 2)), ("2^-x", 2 ** -X), ("a sin(b x)", A * sympy.sin(B * X)),
    ("sqrt(x+1)/|x|", sympy.sqrt(X + 1) / sympy.Abs(X)),
])
def test_the_notation_reads_back_as_the_same_function(text, truth):
    """The printed notation, typed again, is the function sympy built (superscripts and √ are typeable)."""
    shown = standard_notation(parse(text).expr)
    again = parse(shown.replace("\u2212", "-").replace("\u00b7", "*"))
    assert sympy.simplify(again.expr.subs({s: sympy.Symbol(s.name) for s in again.expr.free_symbols}) - truth) == 0


def test_d_dx_is_refused_with_the_real_shortcut_for_f_prime(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    typed(window, qtbot, "d/dx x^2")
    shortcut = window.order_actions[1].shortcut().toString()
    assert shortcut == "Ctrl+1"
    error = window.function_input.error_label
    assert error.isVisible() and f"turn on f\u2032 ({shortcut})" in error.text()
    assert "d" not in window.parameter_panel.rows


def test_an_error_says_column_as_the_command_line_does_and_does_not_move_the_plot(open_window, qtbot):
    window = open_window(DocumentState(text="x^2"))
    plot_top = window.plot_view.mapTo(window, window.plot_view.rect().topLeft()).y()
    typed(window, qtbot, "x^2 +* 3")
    error = window.function_input.error_label
    assert error.isVisible() and error.text() == "missing a value between '+' and '*' (column 6)"
    assert not window.function_input.reading_label.isVisible()
    assert window.plot_view.mapTo(window, window.plot_view.rect().topLeft()).y() == plot_top
    typed(window, qtbot, "x^2 + 3")
    assert not error.isVisible() and window.function_input.reading_label.text() == "read as  f(x) = x\u00b2 + 3"
    assert window.plot_view.mapTo(window, window.plot_view.rect().topLeft()).y() == plot_top
