"""A table of f, f′, f″ … at chosen x values, for worksheets: typed points or start/step/count.

Values come from the session's engine (`Session.submit_table`: the readings the tangent tool gets),
so a corner or a vertical tangent is named in the table instead of showing autograd's number. The
dialog never waits for them: it says "Computing…" and turns Compute into Cancel, and fills the
table when the answer to its newest request comes. An answer to a request it has given up (Cancel,
Compute again, or a function or slider changed since) is dropped; a failure keeps the table shown.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.app.state import MAX_ORDER
from explorer.export.tables import table_columns, table_row, table_text
from explorer.model.parsing.errors import ParseError
from explorer.model.parsing.numbers import read_number
from explorer.notation import format_number

MAX_POINTS = 1000
_SEPARATORS = re.compile(r"[\s,;]+")


class PointsError(ValueError):
    """The typed points are not a list of numbers; the message says which one."""


def parse_number(token: str) -> float:
    """A number as a student types it (1.5, -2, pi/2, sqrt(2), e^2), read as the command line reads
    one: by the parser, evaluated at 40 digits and rounded once."""
    try:
        return read_number(token)
    except ParseError as error:
        raise PointsError(f"{token!r} is not a number: {error.message}") from None


def parse_points(text: str) -> list[float]:
    tokens = [t for t in _SEPARATORS.split(text.strip()) if t]
    if not tokens:
        raise PointsError("type one or more x values, e.g. 0, 1, pi/2")
    if len(tokens) > MAX_POINTS:
        raise PointsError(f"at most {MAX_POINTS} points")
    return [parse_number(t) for t in tokens]


def stepped_points(start: float, step: float, count: int) -> list[float]:
    # start + i*step, not repeated addition: 0.1 steps stay 0.3, not 0.30000000000000004.
    return [round(start + i * step, 12) for i in range(count)]


class ValueTableDialog(QDialog):
    """Takes the session (its engine, function and parameter values); computes when asked."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Value Table")
        self._session = session
        self.readings = []
        self.order = 2
        #: The parameters of the function the table lists (its ∂f/∂p columns).
        self.parameters: tuple[str, ...] = ()
        #: The TableRequest whose answer the dialog waits for, or None.
        self.pending = None

        self.list_mode = QRadioButton("Points:", objectName="listMode", checked=True)
        self.points_edit = QLineEdit("-2, -1, 0, 1, 2", objectName="pointsEdit")
        self.points_edit.setPlaceholderText("e.g. 0, 0.5, 1, pi/2")
        self.step_mode = QRadioButton("From:", objectName="stepMode")
        self.start_box = self._number_box("startBox", -2.0)
        self.step_box = self._number_box("stepBox", 0.5)
        self.count_box = QSpinBox(objectName="countBox", minimum=1, maximum=MAX_POINTS, value=9)
        self.order_box = QSpinBox(objectName="orderBox", minimum=0, maximum=MAX_ORDER, value=self.order)
        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        self.table = QTableWidget(objectName="valueTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.compute_button = QPushButton("Compute", objectName="computeButton", default=True)
        self.copy_button = QPushButton("Copy Table", objectName="copyButton")

        step_row = QHBoxLayout()
        for label, widget in (("", self.start_box), ("step", self.step_box), ("count", self.count_box)):
            if label:
                step_row.addWidget(QLabel(label))
            step_row.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.list_mode, self.points_edit)
        form.addRow(self.step_mode, step_row)
        form.addRow("Up to derivative:", self.order_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        self.resize(640, 420)

        self.compute_button.clicked.connect(self._compute_or_cancel)
        self.points_edit.returnPressed.connect(self.compute)
        self.points_edit.textEdited.connect(lambda: self.list_mode.setChecked(True))
        for box in (self.start_box, self.step_box, self.count_box):
            box.valueChanged.connect(lambda: self.step_mode.setChecked(True))
        self.copy_button.clicked.connect(self.copy_table)
        session.table_computed.connect(self._table_computed)
        session.table_failed.connect(self._table_failed)
        session.state_changed.connect(self._state_changed)

    @staticmethod
    def _number_box(name: str, value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(objectName=name, decimals=6, minimum=-1e9, maximum=1e9, value=value)
        box.setSingleStep(0.5)
        return box

    def points(self) -> list[float]:
        if self.list_mode.isChecked():
            return parse_points(self.points_edit.text())
        step = self.step_box.value()
        if step == 0 and self.count_box.value() > 1:
            raise PointsError("the step must not be 0")
        return stepped_points(self.start_box.value(), step, self.count_box.value())

    def compute(self) -> None:
        """Ask for the table; on bad input, say why and keep the previous table. The answer fills
        the table when it comes; the request it replaces, if any, is given up (bad input too gives
        it up: its answer would hide what was wrong with the newer one)."""
        session = self._session
        self._wait_for(None)
        if session.function is None:
            self._say("There is no function to evaluate: fix the function first.")
            return
        try:
            points = self.points()
        except PointsError as error:
            self._say(str(error))
            return
        request = session.table_request(points, self.order_box.value())
        self._wait_for(request)
        self._say(f"Computing {len(points)} point{'s' * (len(points) != 1)}…")
        session.submit_table(request)

    def cancel(self) -> None:
        """Stop waiting for the table asked for (its answer is dropped); the shown table stays."""
        self._wait_for(None)
        self._say("")

    def _compute_or_cancel(self) -> None:
        if self.pending is None:
            self.compute()
        else:
            self.cancel()

    def _wait_for(self, request) -> None:
        """Wait for `request`'s answer (None: for nothing); the Compute button is Cancel meanwhile,
        and not the default button, so Return in the points box computes and never cancels."""
        self.pending = request
        waiting = request is not None
        self.compute_button.setText("Cancel" if waiting else "Compute")
        self.compute_button.setDefault(not waiting)
        self.compute_button.setAutoDefault(not waiting)

    def _table_computed(self, request, readings) -> None:
        if request != self.pending:
            return  # given up: cancelled, or asked again since
        self._wait_for(None)
        self.readings = readings
        self.order = request.order
        self.parameters = tuple(request.params)
        self._say("")
        self._fill()

    def _table_failed(self, request, message: str) -> None:
        if request != self.pending:
            return
        self._wait_for(None)
        self._say(f"Could not evaluate this function: {message}")  # the previous table stays

    def _state_changed(self, _state) -> None:
        if self.pending is not None and not self._session.table_is_current(self.pending):
            self._wait_for(None)
            self._say("The function changed while its table was computed: press Compute for the new one.")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _fill(self) -> None:
        columns = table_columns(self.order, self.parameters)
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(self.readings))
        for row, reading in enumerate(self.readings):
            for column, value in enumerate(table_row(reading, self.order, self.parameters)):
                text = value if isinstance(value, str) else ("" if math.isnan(value) else format_number(value))
                item = QTableWidgetItem(text)
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def copy_table(self) -> None:
        """Tab-separated with full precision: pastes into a spreadsheet as cells."""
        QApplication.clipboard().setText(table_text(self.readings, self.order, self.parameters))
