"""Faults of the engine's process and of its channel, made for real (signals, bytes on the
connection): the GUI thread never waits for the engine, the user is told it is the engine's
problem, a working engine follows, and no stray message puts the window off by one."""

import math
import os
import signal
import time
from multiprocessing import Pipe

import numpy as np
import pytest
from engine_answers import listened

from explorer.app import engine_channel, engine_process
from explorer.app.engine_process import NOT_ANSWERING, STOPPED, EngineProcess
from explorer.app.jobs import FunctionRef, Probe, SampleJob
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.model import parse

#: The longest a drag move may hold the GUI thread: a frame at 20 frames a second, far above what
#: a move costs (well under a millisecond here) and far below a wait for the engine (a second).
FRAME_S = 0.05


@pytest.fixture
def session(qtbot):
    """A session on an engine process of its own, with its first curves; closed afterwards."""
    made = Session(DocumentState(text="x^3 - 3x"), engine=EngineProcess())
    made.start()
    assert made.wait_idle(120_000)
    yield made
    made.close()


def messages(signal_instance) -> list:
    said = []
    signal_instance.connect(said.append)
    return said


def drag_step(session, x0: float, qtbot) -> float:
    """One drag move as the window makes it (engine_process's read-ahead included), then a frame's
    turn of the event loop; returns how long the move held this thread."""
    start = time.perf_counter()
    session.set_x0(x0)
    session.probe_ahead([round(x0 + k * 0.01, 2) for k in (-2, -1, 1, 2)])
    held = time.perf_counter() - start
    qtbot.wait(16)
    return held


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to make the engine hang")
def test_a_stopped_engine_during_a_drag_never_holds_the_gui_thread(qtbot, session, monkeypatch):
    monkeypatch.setattr(engine_process, "PROBE_TIMEOUT_S", 1.0)
    engine_said, function_blamed = messages(session.engine_failed), messages(session.compute_failed)
    x0, longest = 1.0, 0.0
    for _ in range(10):
        x0 = round(x0 + 0.01, 2)
        longest = max(longest, drag_step(session, x0, qtbot))
    stopped = session.engine.pid
    os.kill(stopped, signal.SIGSTOP)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (engine_said and session.last_reading.x == session.state.x0):
        x0 = round(x0 + 0.01, 2)
        longest = max(longest, drag_step(session, x0, qtbot))
    assert longest < FRAME_S, f"a drag move held the GUI thread for {longest * 1000:.0f} ms"
    assert engine_said == [NOT_ANSWERING] and function_blamed == []
    assert session.last_reading.x == x0 and session.last_reading.slope == pytest.approx(3 * x0 ** 2 - 3)
    assert session.engine.pid != stopped
    with pytest.raises(ProcessLookupError):  # killed, and reaped
        os.kill(stopped, 0)


def test_an_engine_killed_mid_probe_is_reported_and_replaced(qtbot):
    engine = EngineProcess()
    answers = listened(engine)
    try:
        qtbot.waitUntil(lambda: engine.ready, timeout=120_000)
        killed = engine.pid
        asked = Probe(FunctionRef("sin(x)^2", parse("sin(x)^2")), 0.5, 6, {})
        engine.probe(asked)
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: len(answers.readings) == 1, timeout=120_000)
        assert answers.engine_failures == [STOPPED] and answers.failed_probes == []
        (answered, reading), = answers.readings
        assert answered is asked and reading.slope == pytest.approx(math.sin(1.0))  # 2 sin x cos x
        assert engine.pid != killed
    finally:
        engine.close()


def inject(session, request_id: int, text: str) -> None:
    """Put a job request on the jobs connection that the client did not send (its answer comes
    back as any answer does)."""
    stray = SampleJob(0, FunctionRef(text), (-4.0, 4.0), 801, 1, {}, 1.0, (1,))
    session.engine._child.jobs.send((request_id, (stray, text)))


def test_unsolicited_and_duplicated_answers_never_put_the_curves_off_by_one(qtbot, session):
    session.set_text("x^3")
    answered = session.engine._lines["jobs"].sent.request_id  # under way
    assert session.wait_idle()
    inject(session, answered, "x^4")   # a second answer to a request answered already
    inject(session, 10 ** 9, "x^4")    # an answer to a request never made
    inject(session, 10 ** 9, "x^4")    # twice
    session.set_text("x^5")
    assert session.wait_idle()
    qtbot.wait(300)  # every stray answer has come, and none was taken for anything
    curves = session.last_curves
    np.testing.assert_allclose(curves.values[0], curves.x ** 5, rtol=1e-12, atol=1e-12)
    assert session.last_reading.slope == pytest.approx(5.0)  # 5x⁴ at x₀ = 1
    session.set_text("x^6")  # and the next answers are still matched to their requests
    assert session.wait_idle()
    np.testing.assert_allclose(session.last_curves.values[0], session.last_curves.x ** 6, rtol=1e-12, atol=1e-12)


def test_junk_on_the_channel_kills_neither_reader(qtbot, session):
    engine_said = messages(session.engine_failed)
    pid = session.engine.pid
    child = session.engine._child
    for connection in (child.jobs, child.probes):
        connection.send_bytes(b"\x80\x05junk that is no pickle")
        connection.send(("not", "a", "request"))
    session.set_x0(2.0)
    qtbot.waitUntil(lambda: session.last_reading.x == 2.0, timeout=30_000)
    assert session.last_reading.slope == pytest.approx(9.0)
    session.set_text("x^2")
    assert session.wait_idle()
    assert session.last_reading.slope == pytest.approx(4.0)
    assert engine_said == [] and session.engine.pid == pid  # the engine's readers kept reading

    window_end, engine_end = Pipe()  # and the window's reader skips junk the same way
    engine_end.send_bytes(b"\x80\x05junk")
    engine_end.send(("a", "wrong", "shape", "of answer"))
    engine_end.send((3, engine_channel.OK, "the answer"))
    assert engine_channel.read(window_end, 3) == (3, engine_channel.OK, "the answer")
    assert engine_channel.read(window_end, 3) is engine_channel.NOTHING
