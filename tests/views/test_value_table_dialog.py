"""The value table: typed points or a range, filled from the engine, copied as cells."""

import math

import pytest
import sympy

from explorer.app.engine_client import EngineError
from explorer.app.state import MAX_ORDER, DocumentState, ParameterSetting
from explorer.model.function import Function, X, parameter_symbol
from explorer.views.value_table_dialog import PointsError, ValueTableDialog, parse_points, stepped_points

A = parameter_symbol("a")


class FakeSession:
    """What the dialog reads from a session: the parsed function, the state, and readings from the
    engine (as Session.readings gives them)."""

    def __init__(self, engine, function, parameters=()):
        self.engine = engine
        self.function = function
        self.state = DocumentState(text=function.text if function else "", parameters=parameters)

    def readings(self, xs, order):
        params = self.state.parameter_values()
        return [self.engine.probe(self.function, x, order=order, params=params) for x in xs]


@pytest.fixture(scope="module")
def engine():
    from explorer.model import Engine

    return Engine()


@pytest.fixture
def dialog(qtbot, engine):
    session = FakeSession(engine, Function("a|x|", A * sympy.Abs(X), ("a",)), (ParameterSetting("a", 2.0),))
    dialog = ValueTableDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def _cells(dialog, row):
    table = dialog.table
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_table_offers_the_orders_the_window_shows(dialog, qtbot):
    """One MAX_ORDER: the table's highest derivative is the window's (and the files' and the command
    line's), f⁽⁶⁾."""
    from explorer.views.derivative_panel import DerivativePanel

    assert dialog.order_box.maximum() == MAX_ORDER == 6
    panel = DerivativePanel()
    qtbot.addWidget(panel)
    assert sorted(panel.boxes) == list(range(1, MAX_ORDER + 1))


def test_typed_points_fill_the_table_from_the_engine(dialog, qtbot):
    dialog.points_edit.clear()
    qtbot.keyClicks(dialog.points_edit, "-1, 0; 1.5")
    dialog.order_box.setValue(1)
    dialog.compute()
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == ["x", "f", "f'", "kind", "left_slope", "right_slope", "df/da"]
    assert dialog.table.rowCount() == 3
    assert _cells(dialog, 0)[:4] == ["\u22121", "2", "\u22122", "smooth"]
    corner = _cells(dialog, 1)
    assert corner[2] == "" and corner[3] == "corner" and corner[4:6] == ["\u22122", "2"]
    assert _cells(dialog, 2)[6] == "1.5"  # ∂(a|x|)/∂a at 1.5


def test_start_step_count(dialog, qtbot):
    dialog.start_box.setValue(0.0)
    dialog.step_box.setValue(0.1)
    dialog.count_box.setValue(4)
    assert dialog.step_mode.isChecked()
    dialog.compute()
    assert [r.x for r in dialog.readings] == [0.0, 0.1, 0.2, 0.3]


def test_bad_points_say_why_and_keep_the_table(dialog, qtbot):
    dialog.compute()
    rows = dialog.table.rowCount()
    dialog.points_edit.setText("1, 2x, 3")
    dialog.compute()
    assert "'2x' is not a number" in dialog.message.text()
    assert dialog.table.rowCount() == rows


def test_copy_puts_tab_separated_full_precision_on_the_clipboard(dialog, qapp):
    dialog.points_edit.setText("0.1")
    dialog.order_box.setValue(0)
    dialog.compute()
    dialog.copy_table()
    lines = qapp.clipboard().text().splitlines()
    assert lines[0].split("\t")[:2] == ["x", "f"]
    assert lines[1].split("\t")[:2] == ["0.1", "0.2"]


def test_no_function_is_a_message_not_an_error(qtbot, engine):
    dialog = ValueTableDialog(FakeSession(engine, None))
    qtbot.addWidget(dialog)
    dialog.compute()
    assert "no function" in dialog.message.text()


def test_stepped_points_do_not_accumulate_rounding():
    assert stepped_points(0.0, 0.1, 4) == [0.0, 0.1, 0.2, 0.3]


def test_parse_points_plain_numbers():
    assert parse_points(" 1, -2.5;3e2 ") == [1.0, -2.5, 300.0]


@pytest.mark.parametrize("text", ["", "nan", "inf", "1, x", "2*/3"])
def test_parse_points_refuses(text):
    with pytest.raises(PointsError):
        parse_points(text)


def test_parse_points_reads_constants():
    assert parse_points("pi/2, sqrt(4)") == [pytest.approx(math.pi / 2), 2.0]


def test_an_engine_failure_is_a_message_and_the_table_stays(dialog, qtbot):
    dialog.points_edit.setText("1, 2")
    dialog.compute()

    def stopped(xs, order):
        raise EngineError("EngineStopped", "the computing process stopped unexpectedly")

    dialog._session.readings = stopped
    dialog.points_edit.setText("3")
    dialog.compute()
    assert "stopped unexpectedly" in dialog.message.text()
    assert dialog.table.rowCount() == 2 and [r.x for r in dialog.readings] == [1.0, 2.0]
