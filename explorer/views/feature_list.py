"""The features panel of the side panel: which families the plot marks, the sign charts and the
colouring of f by sign, and the list of features (kind, x, y). The list copies as tab-separated
text (Ctrl+C, or its context menu, which also exports it as CSV or JSON); activating a row (a
double click, Enter) takes x₀ there.

It shows the FeatureSet it is handed and the state's toggles; every choice goes out as a signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.app.state import FEATURE_FAMILIES
from explorer.notation import derivative_name
from explorer.views.feature_words import FAMILY_LABELS, feature_tip, kinds_text, x_text, y_text

COLUMNS = ("kind", "x", "y")
#: Qt's text margin either side of a cell's text, and a little air.
CELL_MARGIN_PX = 6
COLOURINGS = (("none", "Curve in one colour"), ("first", f"Curve coloured by the sign of {derivative_name(1)}"),
              ("second", f"Curve coloured by the sign of {derivative_name(2)}"))


def rows_of(features) -> list[tuple[str, str, str]]:
    """The list's rows: kind(s), x (with its exact form), y, as the student reads them."""
    return [(kinds_text(feature), x_text(feature), y_text(feature)) for feature in features]


def rows_text(rows) -> str:
    """Tab-separated text with a header, for the clipboard: spreadsheets paste it into cells."""
    return "\n".join("\t".join(row) for row in (COLUMNS, *rows)) + "\n"


class FeatureTable(QTableWidget):
    """The list itself; Ctrl+C copies the rows selected, or all of them."""

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("featureTable")
        self.setAccessibleName("Features of the curve")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().setVisible(False)
        # x and y as wide as their longest text in the list; the kind ("zero, maximum, corner") takes
        # the rest of the width, and a longer text wraps onto more lines rather than being cut to
        # "zero, max…". Widths set when the list changes: Qt's sizing of columns to their contents
        # on every update cost a keystroke a millisecond or two.
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._widest = {0: 0, 1: 0, 2: 0}
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Qt sizes rows to their text when the text changes, not when the kind column narrows.
        header.sectionResized.connect(lambda column, *_: column == 0 and self._fit_rows())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setMinimumHeight(140)

    def set_rows(self, rows, tip) -> None:
        """The list's rows (kind, x, y texts) with `tip(row)` as each one's tooltip."""
        self.setRowCount(len(rows))
        metrics = self.fontMetrics()
        self._widest = {0: 0, 1: 0, 2: 0}
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(row))
                self.setItem(row, column, item)
                self._widest[column] = max(self._widest[column], metrics.horizontalAdvance(text))
        self._fit_numbers()
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped text, where some text wraps or a row was made taller before
        (sizing rows to their contents is most of what the list costs a keystroke)."""
        plain = self.verticalHeader().defaultSectionSize()
        wraps = any(self._widest[column] + 2 * CELL_MARGIN_PX > self.columnWidth(column) for column in (0, 1, 2))
        if wraps or any(self.rowHeight(row) != plain for row in range(self.rowCount())):
            self.resizeRowsToContents()

    def resizeEvent(self, event) -> None:
        self._fit_numbers()
        super().resizeEvent(event)

    def _fit_numbers(self) -> None:
        """x and y as wide as their longest text, at most a quarter and a third of the list (y's
        "undefined (limit 1)" is the longer; it wraps)."""
        width = self.viewport().width()
        header = max(self.fontMetrics().horizontalAdvance(COLUMNS[column]) for column in (1, 2))
        for column, share in ((1, 4), (2, 3)):
            wanted = max(self._widest[column], header) + 2 * CELL_MARGIN_PX
            fitted = min(wanted, width // share)
            if self.columnWidth(column) != fitted:
                self.horizontalHeader().resizeSection(column, fitted)

    def copy_rows(self) -> str:
        """Put the selected rows (all, where none is) on the clipboard as tab-separated text."""
        chosen = sorted({index.row() for index in self.selectedIndexes()}) or range(self.rowCount())
        text = rows_text([tuple(self.item(row, column).text() for column in range(len(COLUMNS))) for row in chosen])
        QApplication.clipboard().setText(text)
        self.copied.emit(text)
        return text

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_rows()
            event.accept()
            return
        super().keyPressEvent(event)


class FeaturePanel(QWidget):
    """`family_toggled(family, shown)`, `sign_charts_toggled(shown)`, `colouring_chosen(key)`,
    `x_chosen(x)` (a row activated), `export_requested(suffix)` ('.csv' or '.json')."""

    family_toggled = Signal(str, bool)
    sign_charts_toggled = Signal(bool)
    colouring_chosen = Signal(str)
    x_chosen = Signal(float)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.family_boxes: dict[str, QCheckBox] = {}
        for index, family in enumerate(FEATURE_FAMILIES):
            box = QCheckBox(FAMILY_LABELS[family], self)
            box.setObjectName(f"{family}Box")
            box.setAccessibleName(f"Mark {FAMILY_LABELS[family].lower()}")
            box.toggled.connect(lambda checked, name=family: self.family_toggled.emit(name, checked))
            grid.addWidget(box, index, 0)
            self.family_boxes[family] = box
        layout.addLayout(grid)
        self.charts_box = QCheckBox(f"Sign charts of {derivative_name(1)} and {derivative_name(2)}", self)
        self.charts_box.setObjectName("signChartsBox")
        self.charts_box.setAccessibleName("Show the sign charts")
        self.charts_box.toggled.connect(self.sign_charts_toggled)
        layout.addWidget(self.charts_box)
        self.colouring_box = QComboBox(self)
        self.colouring_box.setObjectName("colouringBox")
        self.colouring_box.setAccessibleName("Colour of the curve of f")
        for key, label in COLOURINGS:
            self.colouring_box.addItem(label, key)
        self.colouring_box.currentIndexChanged.connect(
            lambda index: self.colouring_chosen.emit(self.colouring_box.itemData(index)))
        layout.addWidget(self.colouring_box)
        self.table = FeatureTable(self)
        self.table.itemActivated.connect(lambda item: self._activated(item.row()))
        for text, slot in (("Copy", self.table.copy_rows),
                           ("Export as CSV…", lambda: self.export_requested.emit(".csv")),
                           ("Export as JSON…", lambda: self.export_requested.emit(".json"))):
            action = QAction(text, self.table)
            action.triggered.connect(slot)
            self.table.addAction(action)
        layout.addWidget(self.table)
        self.caveat = QLabel(self)
        self.caveat.setWordWrap(True)
        self.caveat.setVisible(False)
        layout.addWidget(self.caveat)
        self._features: tuple = ()

    def show_state(self, families, sign_charts: bool, colouring: str) -> None:
        """The toggles as the document has them (no signal goes out)."""
        for family, box in self.family_boxes.items():
            box.blockSignals(True)
            box.setChecked(family in families)
            box.blockSignals(False)
        self.charts_box.blockSignals(True)
        self.charts_box.setChecked(sign_charts)
        self.charts_box.blockSignals(False)
        self.colouring_box.blockSignals(True)
        self.colouring_box.setCurrentIndex(max(0, self.colouring_box.findData(colouring)))
        self.colouring_box.blockSignals(False)

    def show_features(self, feature_set) -> None:
        """List the features of `feature_set` (None: an empty list)."""
        features = feature_set.features if feature_set is not None else ()
        if features == self._features:
            return
        self._features = features
        self.table.set_rows(rows_of(features), lambda row: feature_tip(features[row]))
        caveat = feature_set.caveat if feature_set is not None else None
        self.caveat.setText(caveat or "")
        self.caveat.setVisible(bool(caveat))

    def _activated(self, row: int) -> None:
        if 0 <= row < len(self._features):
            self.x_chosen.emit(self._features[row].x)
