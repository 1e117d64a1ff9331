"""With every tool open the side panel scrolls, and its rows stay whole: the vertical scroll bar
takes its width from the area, not from the secant's buttons and lines."""

from PySide6.QtCore import QPoint

from explorer.app.secant_state import SecantSetting
from explorer.app.state import DocumentState
from explorer.views.secant_panel import SecantPanel

ALL_TOOLS = DocumentState(text="x^3 - 3x", show_features=True, show_sign_charts=True, show_taylor=True,
                          taylor_degree=5, secant=SecantSetting(True, 0.5))


def _scroll_area(window):
    panel = window.secant_panel
    while panel is not None and not hasattr(panel, "verticalScrollBar"):
        panel = panel.parentWidget()
    return panel


def test_the_secant_rows_are_whole_while_the_side_panel_scrolls(open_window, qtbot):
    window = open_window(ALL_TOOLS)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.session.last_reading is not None
                  and window.session.last_reading.secant is not None)
    scroll = _scroll_area(window)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().isVisible())
    viewport = scroll.viewport()
    panel: SecantPanel = window.secant_panel
    for widget in panel.findChildren(type(panel.copy_button)):
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), widget.text()
    best = panel.best_label
    right = best.mapTo(viewport, QPoint(best.width(), 0)).x()
    assert right <= viewport.width()
    assert best.height() >= best.heightForWidth(best.width())


def test_the_side_panel_is_never_narrower_than_its_rows(open_window, qtbot):
    window = open_window(ALL_TOOLS)
    scroll = _scroll_area(window)
    window.resize(300, 900)  # the window's minimum wins
    qtbot.wait(50)
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()
