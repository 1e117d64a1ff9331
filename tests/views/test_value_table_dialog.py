"""The value table: typed points or a range, filled from the engine, copied as cells."""

import math
import os
import signal

import mpmath
import pytest
from PySide6.QtCore import Qt

from explorer.app.engine_process import EngineProcess
from explorer.app.in_process_engine import InProcessEngine
from explorer.app.session import Session
from explorer.app.state import MAX_ORDER, DocumentState, ParameterSetting
from explorer.views.value_table_dialog import PointsError, ValueTableDialog, parse_points, stepped_points

A_IS_2 = (ParameterSetting("a", 2.0),)


@pytest.fixture
def make_dialog(qtbot, real_engine):
    """make_dialog(text, engine=None, parameters=()) -> a dialog on a real session of `text`, computed by
    `engine` (an EngineClient; by default the real engine in this process, answering at once)."""
    sessions = []

    def make(text="a|x|", engine=None, parameters=A_IS_2):
        client = engine if engine is not None else InProcessEngine(real_engine, threaded=False)
        session = Session(DocumentState(text=text, parameters=parameters), engine=client)
        sessions.append(session)
        session.start()
        assert session.wait_idle(120_000)
        dialog = ValueTableDialog(session)
        qtbot.addWidget(dialog)
        return dialog

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def dialog(make_dialog):
    return make_dialog()


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


def test_no_function_is_a_message_not_an_error(make_dialog):
    dialog = make_dialog("x +", parameters=())
    dialog.compute()
    assert "no function" in dialog.message.text() and dialog.pending is None


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


def test_points_are_evaluated_to_40_digits_and_rounded_once():
    """As the command line reads --at: sin(2)/5 is the float nearest the number, which sympy's
    default 15 digits miss by a unit in the last place."""
    with mpmath.workdps(50):
        nearest = float(mpmath.sin(2) / 5), float(mpmath.e ** (mpmath.mpf(2) / 3))
    assert parse_points("sin(2)/5, e^(2/3)") == list(nearest)


def test_a_point_that_is_no_number_says_why_in_the_dialogs_words():
    with pytest.raises(PointsError, match=r"^'2x' is not a number: a number cannot depend on x$"):
        parse_points("1, 2x")
    with pytest.raises(PointsError, match=r"^'nan' is not a number: not a finite number$"):
        parse_points("nan")


class BrokenTables:
    """The real engine, except that its tables fail once `broken` is set (a function the engine
    cannot evaluate there)."""

    def __init__(self, engine):
        self.inner = engine
        self.broken = False

    def sample(self, *args, **kwargs):
        return self.inner.sample(*args, **kwargs)

    def probe(self, *args, **kwargs):
        return self.inner.probe(*args, **kwargs)

    def probe_many(self, *args, **kwargs):
        if self.broken:
            raise FloatingPointError("overflow in the table")
        return self.inner.probe_many(*args, **kwargs)


@pytest.mark.parametrize("threaded", [False, True])
def test_a_failing_function_is_a_message_and_the_table_stays(make_dialog, real_engine, qtbot, threaded):
    engine = BrokenTables(real_engine)
    dialog = make_dialog(engine=InProcessEngine(engine, threaded=threaded))
    dialog.points_edit.setText("1, 2")
    dialog.compute()
    answered(qtbot, dialog)
    engine.broken = True
    dialog.points_edit.setText("3")
    dialog.compute()
    answered(qtbot, dialog)
    assert dialog.message.text() == "Could not evaluate this function: FloatingPointError: overflow in the table"
    assert dialog.table.rowCount() == 2 and [r.x for r in dialog.readings] == [1.0, 2.0]
    assert dialog.compute_button.text() == "Compute"
    engine.broken = False
    dialog.compute()
    answered(qtbot, dialog)
    assert [r.x for r in dialog.readings] == [3.0] and not dialog.message.isVisibleTo(dialog)


def answered(qtbot, dialog, timeout=60_000):
    """Wait until the dialog waits for no table (its answer came, or it failed)."""
    qtbot.waitUntil(lambda: dialog.pending is None, timeout=timeout)


@pytest.fixture
def held_dialog(make_dialog, held_tables, qtbot):
    """A dialog showing a table of 1, 2, whose session computes tables on a worker thread, held
    back on demand (conftest.HeldTables)."""
    dialog = make_dialog(engine=InProcessEngine(held_tables))
    dialog.points_edit.setText("1, 2")
    dialog.compute()
    answered(qtbot, dialog)
    return dialog


def test_while_a_table_computes_the_dialog_says_so_and_offers_cancel(held_dialog, held_tables, qtbot):
    dialog = held_dialog
    held_tables.hold()
    dialog.points_edit.setText("-1, 0, 0.5")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Computing 3 points…" and dialog.compute_button.text() == "Cancel"
    assert [r.x for r in dialog.readings] == [1.0, 2.0] and dialog.table.rowCount() == 2  # the last table stays
    held_tables.release()
    answered(qtbot, dialog)
    assert dialog.compute_button.text() == "Compute" and dialog.compute_button.isDefault()
    assert not dialog.message.isVisibleTo(dialog)
    assert [_cells(dialog, row)[:3] for row in range(3)] == [["\u22121", "2", "\u22122"], ["0", "0", ""],
                                                              ["0.5", "1", "2"]]


@pytest.fixture
def computing_5(held_dialog, held_tables):
    """The held dialog with a table of 5 under way in the held engine: (dialog, the requests the
    session's table answers came for, in order)."""
    dialog = held_dialog
    answers = []
    dialog._session.table_computed.connect(lambda request, readings: answers.append(request))
    held_tables.hold()
    dialog.points_edit.setText("5")
    dialog.compute()
    return dialog, answers


def test_cancel_keeps_the_table_and_drops_the_answer(computing_5, held_tables, qtbot):
    dialog, answers = computing_5
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)  # Cancel
    assert dialog.compute_button.text() == "Compute" and dialog.pending is None
    held_tables.release()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=60_000)  # the engine's answer came, and was dropped
    assert [r.x for r in dialog.readings] == [1.0, 2.0] and dialog.table.rowCount() == 2


def test_return_while_a_table_computes_asks_again_and_the_first_answer_is_dropped(held_dialog, held_tables, qtbot):
    dialog = held_dialog
    filled = []
    dialog._session.table_computed.connect(lambda request, readings: filled.append([r.x for r in readings]))
    held_tables.hold()
    dialog.points_edit.setText("5, 6")
    dialog.points_edit.setFocus()
    qtbot.keyClick(dialog.points_edit, Qt.Key.Key_Return)
    first = dialog.pending
    assert first is not None and dialog.compute_button.text() == "Cancel"
    dialog.points_edit.setText("7")
    qtbot.keyClick(dialog.points_edit, Qt.Key.Key_Return)  # computes again: Return never cancels
    assert dialog.pending is not None and dialog.pending != first
    held_tables.release()
    answered(qtbot, dialog)
    assert filled == [[7.0]]  # the first answer, under way when it was replaced, never reached the dialog
    assert [r.x for r in dialog.readings] == [7.0] and dialog.table.rowCount() == 1


def test_bad_points_while_a_table_computes_give_it_up_and_the_message_stays(computing_5, held_tables, qtbot):
    dialog, answers = computing_5
    dialog.points_edit.setText("6, 7y")
    dialog.compute()
    held_tables.release()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=60_000)
    assert dialog.message.text() == "'7y' is not a number: a number cannot depend on y"
    assert dialog.compute_button.text() == "Compute" and [r.x for r in dialog.readings] == [1.0, 2.0]


def test_a_function_changed_while_its_table_computes_drops_the_answer(computing_5, held_tables, qtbot):
    dialog, answers = computing_5
    dialog._session.set_parameter("a", 3.0)
    assert dialog.pending is None and dialog.compute_button.text() == "Compute"
    assert dialog.message.text() == "The function changed while its table was computed: press Compute for the new one."
    held_tables.release()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=60_000)
    assert [r.x for r in dialog.readings] == [1.0, 2.0]
    dialog.compute()
    answered(qtbot, dialog)
    assert _cells(dialog, 0)[:2] == ["5", "15"]  # 3·|5|


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to hold the engine")
def test_in_the_engines_process_200_points_compute_while_the_window_turns_and_a_killed_engine_is_a_message(
        make_dialog, qtbot):
    """The window's own engine: a table of 200 points does not hold the event loop (a timer ticks
    while the engine is held), and an engine killed mid-table is a message; the next Compute works."""
    from PySide6.QtCore import QTimer

    dialog = make_dialog("x^3 - 3x", engine=EngineProcess(), parameters=())
    engine = dialog._session.engine
    ticks = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(dialog.table.rowCount()))
    timer.start(5)
    os.kill(engine.pid, signal.SIGSTOP)
    dialog.start_box.setValue(-5.0)
    dialog.step_box.setValue(0.05)
    dialog.count_box.setValue(200)
    dialog.compute()
    assert dialog.message.text() == "Computing 200 points…"
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=30_000)
    os.kill(engine.pid, signal.SIGCONT)
    answered(qtbot, dialog)
    timer.stop()
    assert ticks[:10] == [0] * 10 and dialog.table.rowCount() == 200
    assert [r.x for r in dialog.readings] == stepped_points(-5.0, 0.05, 200)
    assert all(r.slope == pytest.approx(3 * r.x ** 2 - 3, abs=1e-12) for r in dialog.readings)

    killed = engine.pid
    os.kill(killed, signal.SIGSTOP)  # it cannot answer before it is killed
    dialog.list_mode.setChecked(True)
    dialog.points_edit.setText("2")
    dialog.compute()
    os.kill(killed, signal.SIGKILL)
    answered(qtbot, dialog)
    assert dialog.message.text() == ("Could not evaluate this function: "
                                     "EngineStopped: the computing process stopped unexpectedly")
    assert dialog.table.rowCount() == 200
    dialog.compute()
    answered(qtbot, dialog, timeout=120_000)
    assert engine.pid != killed and [r.x for r in dialog.readings] == [2.0] and dialog.readings[0].slope == 9.0
