"""The window's engine in a process of its own: same answers as the engine, errors as messages, and a
crashed or hung engine replaced instead of a frozen window."""

import dataclasses
import math
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from explorer.app import engine_process
from explorer.app.engine_process import EngineProcess, EngineStopped
from explorer.app.jobs import SampleJob, run_job
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.model import Engine, parse


@pytest.fixture(scope="module")
def remote():
    engine = EngineProcess()
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def local():
    return Engine(fuse=False, threads=1)


def job(text, params=None, x0=1.0, orders=(1, 2), generation=1, samples=801):
    return SampleJob(generation, parse(text), (-4.0, 4.0), samples, max((1, *orders)), params or {}, x0, orders)


def same_reading(a, b) -> bool:
    """Equal readings, NaN included (a kind's missing slopes are NaN)."""
    def key(r):
        return (r.x, tuple(map(repr, r.values)), r.kind, repr(r.left_slope), repr(r.right_slope),
                {name: repr(v) for name, v in r.partials.items()})
    return key(a) == key(b)


@pytest.mark.parametrize("text, params", [
    ("5x^4 + 3x^3 + 7x^2 + 9x - 5", {}),
    ("abs(x^2 - 4)", {}),
    ("tan(x)", {}),
    ("a sin(b x)", {"a": 2.0, "b": 3.0}),
])
def test_a_job_in_the_engine_process_answers_as_the_engine_does(remote, local, text, params):
    asked = job(text, params)
    there, here = remote.run_job(asked), run_job(local, asked)
    assert there.job is asked
    np.testing.assert_array_equal(there.curves.x, here.curves.x)
    np.testing.assert_array_equal(there.curves.values, here.curves.values)  # NaN where NaN
    np.testing.assert_array_equal(there.curves.connected, here.curves.connected)
    assert there.y_ranges == here.y_ranges
    assert same_reading(there.reading, here.reading)


def test_probes_give_the_classic_slope_and_partials(remote):
    assert remote.probe(parse("5x^4 + 3x^3 + 7x^2 + 9x - 5"), 2.0).slope == 233.0
    reading = remote.probe(parse("x^2 + y^3"), 2.0, params={"y": 3.0})
    assert reading.slope == pytest.approx(4.0) and reading.partials["y"] == pytest.approx(27.0)
    corner = remote.probe(parse("|x|"), 0.0)
    assert corner.kind.value == "corner" and (corner.left_slope, corner.right_slope) == (-1.0, 1.0)


def test_the_engines_exception_arrives_as_itself(remote):
    with pytest.raises(ValueError, match="n ≥ 1"):
        remote.run_job(job("x^2", samples=0))
    assert remote.probe(parse("x^2"), 3.0).slope == pytest.approx(6.0)  # and it keeps serving


@pytest.fixture
def fresh():
    """An engine process of this test's own, started (torch loaded) and closed afterwards."""
    engine = EngineProcess()
    deadline = time.monotonic() + 120
    while not engine.ready and time.monotonic() < deadline:
        time.sleep(0.05)
    assert engine.ready
    yield engine
    engine.close()


def test_a_crashed_engine_is_reported_and_the_next_call_starts_a_new_one(fresh):
    first = fresh.pid
    os.kill(first, signal.SIGKILL)
    with pytest.raises(EngineStopped, match="stopped unexpectedly"):
        fresh.probe(parse("x^2"), 1.0)
    assert fresh.probe(parse("x^2"), 1.0).slope == pytest.approx(2.0)
    assert fresh.pid != first


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to make a process hang")
def test_a_hung_engine_is_stopped_after_the_time_limit(fresh, monkeypatch):
    monkeypatch.setattr(engine_process, "PROBE_TIMEOUT_S", 0.5)
    hung = fresh.pid
    os.kill(hung, signal.SIGSTOP)
    with pytest.raises(EngineStopped, match="longer than 0.5 s"):
        fresh.probe(parse("x^2"), 1.0)
    with pytest.raises(ProcessLookupError):  # killed, and reaped
        os.kill(hung, 0)
    assert fresh.probe(parse("x^3"), 1.0).slope == pytest.approx(3.0)


def test_closing_stops_the_process_and_refuses_further_work():
    engine = EngineProcess()
    pid = engine.pid
    engine.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(EngineStopped):
        engine.probe(parse("x"), 0.0)


class ProbeSpy:
    """An EngineProcess that notes every probe asked for before the engine had started."""

    def __init__(self, inner):
        self.inner = inner
        self.early_probes = 0

    @property
    def ready(self):
        return self.inner.ready

    def run_job(self, asked):
        return self.inner.run_job(asked)

    def probe(self, *args, **kwargs):
        self.early_probes += not self.inner.ready
        return self.inner.probe(*args, **kwargs)

    def close(self):
        self.inner.close()


def test_a_starting_engine_never_blocks_the_gui_thread_for_a_reading(qtbot):
    """x₀ typed while torch still loads: the reading comes with the first curves, not by a wait here."""
    spy = ProbeSpy(EngineProcess())
    session = Session(DocumentState(text="5x^4 + 3x^3 + 7x^2 + 9x - 5"), engine=spy)
    try:
        session.start()
        assert not spy.ready  # torch takes seconds to load; this is a few milliseconds later
        session.set_x0(2.0)
        assert spy.early_probes == 0
        assert session.wait_idle(120_000)
        assert session.last_reading.x == 2.0 and session.last_reading.slope == 233.0
        session.set_x0(1.0)  # started now: probed at once, on this thread
        assert session.last_reading.slope == pytest.approx(52.0)
    finally:
        session.close()
    with pytest.raises(ProcessLookupError):
        os.kill(spy.inner.pid, 0)


WINDOW_SCRIPT = """
import sys
from explorer.app.launch import open_window
window = open_window("x^3 - 3x")
from PySide6.QtWidgets import QApplication
session = window.session
while session.last_reading is None or session.busy:
    QApplication.processEvents()
    session.wait_idle(100)
print("torch" in sys.modules, session.engine.pid, session.last_reading.slope, flush=True)
window.close()
"""


def test_the_window_process_never_loads_torch_and_leaves_no_engine_behind():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT], env=env, capture_output=True, text=True,
                          timeout=180, check=True)
    torch_loaded, pid, slope = done.stdout.split()
    assert torch_loaded == "False"
    assert math.isclose(float(slope), 0.0, abs_tol=1e-12)  # 3x² − 3 at x₀ = 1
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)


def test_where_no_process_can_start_the_window_computes_in_its_own(monkeypatch, qtbot):
    def refuse(*_args, **_kwargs):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(engine_process, "EngineProcess", refuse)
    assert engine_process.start_engine() is None
    session = Session(DocumentState(text="x^2"), engine=engine_process.start_engine())
    try:
        session.start()
        assert session.wait_idle()
        assert session.last_reading.slope == pytest.approx(2.0)  # x₀ = 1
    finally:
        session.close()


SERVER_SCRIPT = """
import pickle, sys, threading, time
from multiprocessing import Pipe
import explorer.app.jobs as jobs_module
from explorer.app.engine_server import serve
from explorer.app.jobs import SampleJob

sympy_at_answer = []
run_job = jobs_module.run_job
def observed(engine, job):
    result = run_job(engine, job)
    sympy_at_answer.append("sympy" in sys.modules)
    return result
jobs_module.run_job = observed

program = pickle.loads(sys.stdin.buffer.read())
jobs, jobs_end = Pipe()
probes, probes_end = Pipe()
threading.Thread(target=serve, args=(jobs_end, probes_end), daemon=True).start()
assert jobs.recv()[0] == "ready" and probes.recv()[0] == "ready"
jobs.send(SampleJob(1, program, (-3.0, 3.0), 601, 2, {}, 2.0, (1, 2)))
status, (curves, reading, y_ranges, lines) = jobs.recv()
deadline = time.monotonic() + 60
while "explorer.model.lowering" not in sys.modules and time.monotonic() < deadline:
    time.sleep(0.01)  # the parser is warmed with nothing asked for
warmed = "explorer.model.lowering" in sys.modules
jobs.send(SampleJob(2, "x^2", (-3.0, 3.0), 601, 2, {}, 2.0, (1, 2)))
text_status, text_answer = jobs.recv()
print(status, reading.slope, sympy_at_answer, warmed, text_status, text_answer[1].slope)
"""


def test_a_first_job_sent_as_a_program_is_answered_with_torch_alone_then_the_parser_loads():
    """What makes the first curve half a second sooner: the engine's process needs no sympy for it."""
    import pickle

    program = parse("5x^4 + 3x^3 + 7x^2 + 9x - 5").program
    done = subprocess.run([sys.executable, "-c", SERVER_SCRIPT], input=pickle.dumps(program),
                          capture_output=True, timeout=180, check=True)
    assert done.stdout.decode().split() == ["ok", "233.0", "[False,", "True]", "True", "ok", "4.0"]


def test_functions_are_kept_by_text_whether_sent_as_programs_or_parsed_there(monkeypatch):
    from explorer.app import engine_server

    functions = engine_server.FunctionsByText()
    program = parse("sin(x) + a").program
    assert functions[program] is program
    monkeypatch.setattr(engine_server, "_parse", lambda text: pytest.fail(f"parsed {text!r}"))
    assert functions["sin(x) + a"] is program  # a probe names it by text: no parser needed
    monkeypatch.undo()
    parsed = functions["x^2"]
    assert functions[parse("x^2").program] is parsed  # one identity per text: compiled once


def test_a_fresh_process_gets_programs_until_it_has_answered_a_job(monkeypatch):
    from explorer.model.program import Program

    sent = []
    request = engine_process._request
    monkeypatch.setattr(engine_process, "_request", lambda job, child: sent.append(request(job, child)) or sent[-1])
    engine = EngineProcess()
    try:
        assert not engine.takes_text
        assert engine.run_job(job("x^2")).reading.slope == pytest.approx(2.0)
        assert engine.takes_text
        assert engine.run_job(job("x^3")).reading.slope == pytest.approx(3.0)
        assert engine.run_job(dataclasses.replace(job("x^4"), function="x^4")).reading.slope == pytest.approx(4.0)
    finally:
        engine.close()
    assert [type(r.function) for r in sent] == [Program, str, str]
    assert [getattr(r.function, "text", r.function) for r in sent] == ["x^2", "x^3", "x^4"]


def test_readings_asked_for_ahead_answer_the_next_probe_at_once(remote, local, monkeypatch):
    """A drag's next x₀ are computed while the window paints: a probe at one of them needs no
    round trip, and reads what the engine reads there (a corner among them included)."""
    function, params = parse("abs(x) + a x^2"), {"a": 0.5}
    xs = [round(k * 0.01, 2) for k in range(-5, 6)]
    remote.probe(function, 1.0, order=2, params=params)  # started
    remote.probe_ahead(function, xs, order=2, params=params)
    child = remote._child
    monkeypatch.setattr(child, "call", lambda *args: pytest.fail("asked the engine's process again"))
    for x0 in xs:
        assert same_reading(remote.probe(function, x0, order=2, params=params),
                            local.probe(function, x0, order=2, params=params))
    assert remote.probe(function, 0.0, order=2, params=params).kind.value == "corner"


def test_a_probe_elsewhere_or_for_other_parameters_is_computed_as_usual(remote, local):
    function = parse("a sin(x)")
    remote.probe(function, 1.0, params={"a": 1.0})
    remote.probe_ahead(function, [0.1, 0.2, 0.3], params={"a": 1.0})
    # The batch's answer comes first on the connection: it is read, and this probe's follows it.
    assert same_reading(remote.probe(function, 0.7, params={"a": 1.0}), local.probe(function, 0.7, params={"a": 1.0}))
    assert same_reading(remote.probe(function, 0.2, params={"a": 2.0}), local.probe(function, 0.2, params={"a": 2.0}))
    assert same_reading(remote.probe(function, 0.2, order=2, params={"a": 1.0}),
                        local.probe(function, 0.2, order=2, params={"a": 1.0}))
    assert same_reading(remote.probe(parse("a cos(x)"), 0.2, params={"a": 1.0}),
                        local.probe(parse("a cos(x)"), 0.2, params={"a": 1.0}))


def test_one_batch_at_a_time_and_none_for_an_engine_still_starting(monkeypatch):
    engine = EngineProcess()
    try:
        sent = count_sends(monkeypatch, engine._child)
        engine.probe_ahead(parse("x^2"), [0.1, 0.2])  # still loading torch: not queued behind it
        assert sent == []
        assert engine.probe(parse("x^2"), 1.0).slope == pytest.approx(2.0)  # waits for the start
        os.kill(engine.pid, signal.SIGSTOP)  # the first batch cannot be answered before the second is asked
        try:
            engine.probe_ahead(parse("x^2"), [0.1, 0.2])
            engine.probe_ahead(parse("x^2"), [0.3, 0.4])
        finally:
            os.kill(engine.pid, signal.SIGCONT)
        assert [request[1] for request in sent[1:]] == [(0.1, 0.2)]
        assert engine.probe(parse("x^2"), 0.3).slope == pytest.approx(0.6)
        assert engine.probe(parse("x^2"), 0.2).slope == pytest.approx(0.4) and len(sent) == 3  # read ahead
    finally:
        engine.close()


def count_sends(monkeypatch, child) -> list:
    sent = []
    send = child.send
    monkeypatch.setattr(child, "send", lambda connection, request: sent.append(request) or send(connection, request))
    return sent


def test_a_function_that_cannot_be_lowered_goes_as_text_for_the_engine_to_say_why():
    import sympy

    from explorer.model.function import X, Function

    child = type("FreshChild", (), {"jobs_answered": 0})()
    unsupported = dataclasses.replace(job("x^2"), function=Function("gamma(x)", sympy.gamma(X)))
    assert engine_process._request(unsupported, child).function == "gamma(x)"
    assert engine_process._request(job("x^2"), child).function.body == ("square", ("x",))
