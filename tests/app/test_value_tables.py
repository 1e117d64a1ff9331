"""Value tables through the one engine port, in the engine's process and in this one: asked for without
waiting (the event loop keeps turning while a long table computes), the newest request wins, and a
function or an engine that fails is a message, after which the next table works."""

import os
import signal

import mpmath
import pytest
import sympy

from explorer.app import engine_process
from explorer.app.engine_process import STOPPED, EngineProcess
from explorer.app.in_process_engine import InProcessEngine
from explorer.app.jobs import FunctionRef, TableRequest
from explorer.app.session import Session
from explorer.app.state import DocumentState, ParameterSetting

TEXT = "a sin(x) + x^3/(1 + x^2)"
A = 1.5
POINTS = [round(-5 + k * 0.05, 2) for k in range(200)]

needs_sigstop = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to hold the engine")


class Held:
    """A session whose tables can be held back: the engine's process stopped (SIGSTOP), or the
    in-process engine's tables waiting (conftest.HeldTables)."""

    def __init__(self, kind, held_tables):
        state = DocumentState(text=TEXT, parameters=(ParameterSetting("a", A),))
        self.kind = kind
        self.engine = EngineProcess() if kind == "process" else InProcessEngine(held_tables)
        self._tables = held_tables
        self.session = Session(state, engine=self.engine)

    def hold(self) -> None:
        if self.kind == "process":
            os.kill(self.engine.pid, signal.SIGSTOP)
        else:
            self._tables.hold()

    def release(self) -> None:
        if self.kind == "process":
            os.kill(self.engine.pid, signal.SIGCONT)
        else:
            self._tables.release()


@pytest.fixture(params=["process", "in_process"])
def held(request, qtbot, held_tables):
    made = Held(request.param, held_tables)
    made.session.start()
    assert made.session.wait_idle(120_000)
    yield made
    made.release()
    made.session.close()


def emitted(signal_instance) -> list:
    said = []
    signal_instance.connect(lambda *args: said.append(args))
    return said


def truth(x: float) -> tuple[float, float, float]:
    """f, f′, f″ at x, from sympy's exact derivatives evaluated at 50 digits."""
    t = sympy.Symbol("t")
    f = A * sympy.sin(t) + t ** 3 / (1 + t ** 2)
    return tuple(float(sympy.diff(f, t, k).evalf(50, subs={t: sympy.Rational(x)})) for k in range(3))


def test_a_table_of_200_points_computes_while_the_event_loop_turns(qtbot, held):
    """Asked for, the table is not waited for: a timer keeps ticking on this thread until the
    engine answers (the old blocking call held the thread until the last point came)."""
    from PySide6.QtCore import QTimer

    session = held.session
    tables = emitted(session.table_computed)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(len(tables)))
    timer.start(5)
    held.hold()
    request = session.table_request(POINTS, 2)
    session.submit_table(request)
    assert tables == []  # submit_table returned before the answer
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=30_000)  # the engine is held: only ticks come
    held.release()
    qtbot.waitUntil(lambda: len(tables) == 1, timeout=60_000)
    timer.stop()
    assert ticks[:10] == [0] * 10
    ((answered, readings),) = tables
    assert answered == request
    assert [reading.x for reading in readings] == POINTS
    for reading in readings:
        assert reading.kind.value == "smooth"
        assert reading.values == pytest.approx(truth(reading.x), rel=1e-12, abs=1e-12)
        with mpmath.workdps(50):
            assert reading.partials["a"] == pytest.approx(float(mpmath.sin(mpmath.mpf(reading.x))), abs=1e-14)


def test_only_the_newest_tables_answer_is_delivered(qtbot, held):
    session = held.session
    tables = emitted(session.table_computed)
    held.hold()
    first = session.table_request([1.0, 2.0], 1)
    session.submit_table(first)
    second = session.table_request([3.0], 1)
    session.submit_table(second)  # Compute pressed again while the first computes
    held.release()
    # The first one was under way: its answer came before the second's (one table at a time), dropped.
    qtbot.waitUntil(lambda: len(tables) == 1, timeout=60_000)
    ((answered, readings),) = tables
    assert answered == second and [reading.x for reading in readings] == [3.0]
    assert readings[0].slope == pytest.approx(truth(3.0)[1], rel=1e-12)


def test_a_failing_function_is_a_message_and_the_next_table_works(qtbot, held):
    session = held.session
    failed, tables = emitted(session.table_failed), emitted(session.table_computed)
    broken = TableRequest(1, FunctionRef("sin(x"), (1.0,), 1, {})  # a text the engine cannot read
    session.submit_table(broken)
    qtbot.waitUntil(lambda: len(failed) == 1, timeout=60_000)
    ((request, message),) = failed
    assert request == broken and message.startswith("ParseError: ")
    request = session.table_request([0.0], 1)
    session.submit_table(request)
    qtbot.waitUntil(lambda: len(tables) == 1, timeout=60_000)
    assert tables[0][1][0].slope == pytest.approx(truth(0.0)[1], rel=1e-12)


@needs_sigstop
def test_an_engine_killed_mid_table_fails_it_once_and_its_successor_computes_the_next(qtbot):
    session = Session(DocumentState(text=TEXT, parameters=(ParameterSetting("a", A),)), engine=EngineProcess())
    try:
        session.start()
        assert session.wait_idle(120_000)
        failed, tables, engine_said = (emitted(session.table_failed), emitted(session.table_computed),
                                       emitted(session.engine_failed))
        killed = session.engine.pid
        os.kill(killed, signal.SIGSTOP)  # it cannot answer before it is killed
        request = session.table_request(POINTS, 2)
        session.submit_table(request)
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: len(failed) == 1, timeout=60_000)
        assert engine_said == [(STOPPED,)]
        assert failed == [(request, "EngineStopped: the computing process stopped unexpectedly")]
        assert session.engine.pid != killed
        again = session.table_request([2.0], 1)
        session.submit_table(again)
        qtbot.waitUntil(lambda: len(tables) == 1, timeout=120_000)
        assert tables[0][0] == again and tables[0][1][0].slope == pytest.approx(truth(2.0)[1], rel=1e-12)
        assert len(failed) == 1  # not sent again to the successor: failed once
    finally:
        session.close()


@needs_sigstop
def test_a_table_the_engine_does_not_answer_in_its_time_fails_with_the_reason(qtbot, monkeypatch):
    """The time a table may take grows with its points; past it, the engine is taken for hung."""
    monkeypatch.setattr(engine_process, "PROBE_TIMEOUT_S", 0.2)
    monkeypatch.setattr(engine_process, "TABLE_POINT_TIMEOUT_S", 0.001)
    session = Session(DocumentState(text=TEXT, parameters=(ParameterSetting("a", A),)), engine=EngineProcess())
    try:
        session.start()
        assert session.wait_idle(120_000)
        failed = emitted(session.table_failed)
        hung = session.engine.pid
        os.kill(hung, signal.SIGSTOP)
        session.submit_table(session.table_request(POINTS, 2))
        qtbot.waitUntil(lambda: len(failed) == 1, timeout=60_000)
        assert failed[0][1] == "EngineStopped: the computation took too long and was stopped"
        assert session.engine.pid != hung
    finally:
        session.close()


def test_the_time_a_table_may_take_grows_with_its_points():
    def limit(count):
        return engine_process._time_limit(TableRequest(1, FunctionRef("x"), (0.0,) * count, 1, {}))

    assert limit(1000) - limit(100) == pytest.approx(900 * engine_process.TABLE_POINT_TIMEOUT_S)
    assert limit(1) > engine_process.PROBE_TIMEOUT_S
