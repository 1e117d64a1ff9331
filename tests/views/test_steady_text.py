"""Readout lines whose text changes leave the side panel's layout alone, and whose height is QLabel's own."""

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from explorer.views.steady_text import SteadyText

WIDTH = 300


class LayoutRequests(QObject):
    """Counts the layout passes asked of one widget."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


@pytest.fixture
def line(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    text = SteadyText("line", "A readout line", panel)
    layout.addWidget(text)
    layout.addStretch(1)
    panel.resize(WIDTH, 400)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    text.requests = LayoutRequests(panel)
    text.panel = panel  # keeps it alive
    return text


def needed(label, text):
    """What QLabel itself says `text` needs at the line's width."""
    label.setText(text)
    return label.heightForWidth(label.width())


def test_new_numbers_on_one_line_ask_for_no_layout_pass(line):
    for i in range(50):
        line.set_text(f"f\u2032({1 + i / 7:.6g}) = {233 + i * 1.1:.6g}")
        QApplication.processEvents()
    assert line.requests.count == 0
    assert line.label.text() == f"f\u2032({1 + 49 / 7:.6g}) = {233 + 49 * 1.1:.6g}"


@pytest.mark.parametrize("text", [
    "f(1) = 0.841471",
    "\u2202f/\u2202x = 4\n\u2202f/\u2202y = 27",
    "f\u2033(x\u2080) = 6\nf\u2034(x\u2080) = 6\nf\u207d\u2074\u207e(x\u2080) = 0",
    "Half-tangents: y = \u22121.23457x + 4.56789 (left), y = 1.23457x + 4.56789 (right)",
])
def test_the_height_is_what_the_label_needs(line, text):
    line.set_text(text)
    QApplication.processEvents()
    assert line.height() == needed(line.label, text) > 0


def test_a_wrapping_sentence_grows_the_line_which_keeps_its_height_until_the_rows_change(line):
    short, long = "Tangent: y = 2x \u2212 1", "Half-tangents: y = \u2212x (left), y = x + 100000 (right), at a corner"
    line.set_text(short)
    QApplication.processEvents()
    one = line.height()
    line.set_text(long)
    QApplication.processEvents()
    assert line.height() > one and line.requests.count == 1
    line.set_text(short)  # fits on one line again: the panel does not twitch back
    QApplication.processEvents()
    assert line.height() > one and line.requests.count == 1
    line.set_text(short + "\n" + short)  # another number of rows: measured afresh
    QApplication.processEvents()
    assert line.height() == needed(line.label, short + "\n" + short)


def hover(label, inside: bool) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QEnterEvent

    QApplication.sendEvent(label, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)) if inside
                           else QEvent(QEvent.Type.Leave))


def test_the_text_is_selectable_while_the_pointer_is_over_it_or_a_selection_is_kept(line):
    from PySide6.QtCore import Qt

    flags = Qt.TextInteractionFlag
    line.set_text("f(1) = 0.841471")
    assert line.label.textInteractionFlags() == flags.NoTextInteraction  # plain, painted cheaply
    hover(line.label, True)
    assert line.label.textInteractionFlags() == flags.TextSelectableByMouse
    hover(line.label, False)
    assert line.label.textInteractionFlags() == flags.NoTextInteraction
    hover(line.label, True)
    line.label.setSelection(0, 4)
    hover(line.label, False)  # the selection stays, to be copied
    assert line.label.selectedText() == "f(1)" and line.label.textInteractionFlags() == flags.TextSelectableByMouse
    line.set_text("f(2) = 0.909297")  # a new reading replaces the text, and the selection with it
    assert line.label.textInteractionFlags() == flags.NoTextInteraction


@pytest.mark.parametrize("dark", [False, True])
def test_plain_and_selectable_text_look_the_same_in_a_group_box(qtbot, dark):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QGroupBox

    box = QGroupBox("Point of tangency")
    qtbot.addWidget(box)
    if dark:
        box.setPalette(QPalette(QColor("#202124")))
    line = SteadyText("line", "A readout line", box)
    QVBoxLayout(box).addWidget(line)
    box.resize(WIDTH, 120)
    box.show()
    qtbot.waitExposed(box)
    line.set_text("Half-tangents: y = \u22121.23457x + 4.56789 (left), y = 1.23457x + 4.56789 (right)\n"
                  "\u2202f/\u2202a = 1")
    QApplication.processEvents()
    plain = box.grab().toImage()
    line.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert box.grab().toImage() == plain
