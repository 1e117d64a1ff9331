"""The legends of the merged window list what is drawn and nothing else: Tₙ only while the Taylor
tool shows it, the tangent only while it is shown, the secant while its tool is; the exported
picture lists the same; the error plot's legend is written in the theme's foreground."""

import pytest
from PySide6.QtGui import QColor

from explorer.app.secant_state import SecantSetting
from explorer.app.state import DocumentState
from explorer.headless import _show_session
from explorer.views.plot_view import PlotView


def _names(window) -> list[str]:
    return [label.text for _, label in window.plot_view.legend.items]


def test_hidden_taylor_and_tangent_are_not_listed(open_window, qtbot):
    window = open_window(DocumentState(text="sin x", show_tangent=False))
    assert _names(window) == ["f(x)", "f′(x)"]
    window.taylor_action.trigger()
    qtbot.waitUntil(lambda: window.taylor_tool.curve.isVisible())
    assert _names(window) == ["f(x)", "f′(x)", "Tₙ"]
    assert all(sample.item.isVisible() for sample, _ in window.plot_view.legend.items)
    window.taylor_action.trigger()
    qtbot.waitUntil(lambda: not window.taylor_tool.curve.isVisible())
    assert _names(window) == ["f(x)", "f′(x)"]
    window.tangent_action.trigger()
    assert _names(window) == ["f(x)", "f′(x)", "tangent at x₀"]


def test_the_secant_is_listed_while_its_tool_is_shown_and_survives_a_rebuild(open_window, qtbot):
    window = open_window(DocumentState(text="sin x", show_taylor=True))
    qtbot.waitUntil(lambda: window.taylor_tool.curve.isVisible())
    window.secant_action.trigger()
    assert _names(window) == ["f(x)", "f′(x)", "tangent at x₀", "secant PQ", "Tₙ"]
    window.order_actions[2].trigger()  # a new curve rebuilds the plots
    assert _names(window) == ["f(x)", "f′(x)", "f″(x)", "tangent at x₀", "secant PQ", "Tₙ"]
    window.secant_action.trigger()
    assert _names(window) == ["f(x)", "f′(x)", "f″(x)", "tangent at x₀", "Tₙ"]


@pytest.mark.parametrize("dark", [False, True])
def test_the_error_plots_legend_is_in_the_themes_foreground(open_window, dark):
    window = open_window(DocumentState(text="sin x", secant=SecantSetting(True, 0.5)))
    view = window.plot_view
    if dark:
        from explorer.views.theme import export_palette

        view.setPalette(export_palette(True))
    foreground = QColor(view.theme.foreground)
    labels = [label for _, label in view.error_plot.legend.items]
    assert [label.text for label in labels] == ["forward", "central"]
    for label in labels:  # the colour the label was last written in, as pyqtgraph renders it
        assert f"color:{foreground.name()};" in label.item.toHtml().lower()


def test_the_exported_plot_lists_taylor_and_secant_as_drawn(qtbot):
    from explorer.app.session import Session

    state = DocumentState(text="x^3 - 3x", show_taylor=True, taylor_degree=5, secant=SecantSetting(True, 0.5))
    session = Session(state, threaded=False)
    view = PlotView()
    qtbot.addWidget(view)
    _show_session(view, session)
    session.compute_now()
    assert [label.text for _, label in view.legend.items] == ["f(x)", "f′(x)", "tangent at x₀", "secant PQ", "Tₙ"]
    session.close()
