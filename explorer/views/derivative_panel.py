"""Which derivative curves are shown (f′ … f⁽⁶⁾), overlaid or stacked, and the tangent line on/off."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QWidget

from explorer.app.state import MAX_ORDER
from explorer.notation import derivative_name

LAYOUTS = (("overlay", "Overlaid"), ("stacked", "Stacked (shared x axis)"))


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(colour)
    return QIcon(pixmap)


class DerivativePanel(QWidget):
    order_toggled = Signal(int, bool)
    layout_chosen = Signal(str)
    tangent_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Curves of derivatives:", self), 0, 0, 1, 3)
        self.boxes: dict[int, QCheckBox] = {}
        for order in range(1, MAX_ORDER + 1):
            box = QCheckBox(derivative_name(order), self)
            box.setObjectName(f"order{order}Box")
            box.setAccessibleName(f"Show the curve of derivative {order}, {derivative_name(order)}")
            box.setToolTip(f"Show {derivative_name(order)} (Ctrl+{order})")
            box.toggled.connect(lambda checked, k=order: self.order_toggled.emit(k, checked))
            grid.addWidget(box, 1 + (order - 1) // 3, (order - 1) % 3)
            self.boxes[order] = box
        self.layout_box = QComboBox(self)
        self.layout_box.setObjectName("layoutBox")
        self.layout_box.setAccessibleName("Layout of the derivative curves")
        for key, label in LAYOUTS:
            self.layout_box.addItem(label, key)
        self.layout_box.currentIndexChanged.connect(
            lambda index: self.layout_chosen.emit(self.layout_box.itemData(index)))
        grid.addWidget(self.layout_box, 3, 0, 1, 3)
        self.tangent_box = QCheckBox("Tangent line at x\u2080", self)
        self.tangent_box.setObjectName("tangentBox")
        self.tangent_box.setAccessibleName("Show the tangent line")
        self.tangent_box.toggled.connect(self.tangent_toggled)
        grid.addWidget(self.tangent_box, 4, 0, 1, 3)

    def set_colours(self, colour_of_order) -> None:
        for order, box in self.boxes.items():
            box.setIcon(_swatch(colour_of_order(order)))

    def show_state(self, orders: tuple[int, ...], layout: str, show_tangent: bool) -> None:
        for order, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(order in orders)
            box.blockSignals(False)
        self.layout_box.blockSignals(True)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout)))
        self.layout_box.blockSignals(False)
        self.tangent_box.blockSignals(True)
        self.tangent_box.setChecked(show_tangent)
        self.tangent_box.blockSignals(False)
