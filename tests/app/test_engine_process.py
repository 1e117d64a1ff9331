"""The window's engine in a process of its own: same answers as the engine, errors as messages, and a
crashed or hung engine replaced instead of a frozen window."""

import math
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from engine_answers import listened

from explorer.app import engine_process
from explorer.app.engine_process import EngineProcess
from explorer.app.jobs import FunctionRef, Probe, SampleJob, TableRequest, run_job
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.app.tool_requests import NO_TOOLS
from explorer.model import Engine, parse


@pytest.fixture(scope="module")
def local():
    return Engine(fuse=False, threads=1)


def ref(text):
    return FunctionRef(text, parse(text))


def job(text, params=None, x0=1.0, orders=(1, 2), generation=1, samples=801):
    return SampleJob(generation, ref(text), (-4.0, 4.0), samples, max((1, *orders)), params or {}, x0, orders)


def same_reading(a, b) -> bool:
    """Equal readings, NaN included (a kind's missing slopes are NaN)."""
    def key(r):
        return (r.x, tuple(map(repr, r.values)), r.kind, repr(r.left_slope), repr(r.right_slope),
                {name: repr(v) for name, v in r.partials.items()})
    return key(a) == key(b)


def test_jobs_in_the_engine_process_answer_as_the_engine_does(qtbot, remote, local):
    engine, answers = remote
    cases = [("5x^4 + 3x^3 + 7x^2 + 9x - 5", {}), ("abs(x^2 - 4)", {}), ("tan(x)", {}),
             ("a sin(b x)", {"a": 2.0, "b": 3.0})]
    for count, (text, params) in enumerate(cases, start=1):
        asked = job(text, params)
        engine.submit(asked)
        qtbot.waitUntil(lambda count=count: answers.jobs_answered() == count, timeout=60_000)
        (answered, there), here = answers.frames[-1], run_job(local, asked, asked.function.parsed)
        assert answered is asked and there.generation == asked.generation
        np.testing.assert_array_equal(there.main.x, here.main.x)
        np.testing.assert_array_equal(there.main.values, here.main.values)  # NaN where NaN
        np.testing.assert_array_equal(there.main.connected, here.main.connected)
        assert there.y_ranges == here.y_ranges
        assert same_reading(there.reading, here.reading)


def table(text, xs, order=1, params=None, generation=1, function=None):
    return TableRequest(generation, function or ref(text), tuple(xs), order, params or {})


def answered_table(qtbot, engine, answers, request):
    """The readings the engine process answers `request` with (the event loop turns meanwhile)."""
    count = answers.tables_answered()
    engine.submit_table(request)
    qtbot.waitUntil(lambda: answers.tables_answered() == count + 1, timeout=60_000)
    answered, readings = answers.tables[-1]
    assert answered is request
    return readings


def test_tables_give_the_classic_slope_and_partials(qtbot, remote):
    engine, answers = remote
    (reading,) = answered_table(qtbot, engine, answers, table("5x^4 + 3x^3 + 7x^2 + 9x - 5", [2.0]))
    assert reading.slope == 233.0
    (reading,) = answered_table(qtbot, engine, answers, table("x^2 + y^3", [2.0], params={"y": 3.0}))
    assert reading.slope == pytest.approx(4.0) and reading.partials["y"] == pytest.approx(27.0)
    (corner,) = answered_table(qtbot, engine, answers, table("|x|", [0.0]))
    assert corner.kind.value == "corner" and (corner.left_slope, corner.right_slope) == (-1.0, 1.0)


def test_the_engines_exception_arrives_as_a_message_and_it_keeps_serving(qtbot, remote):
    engine, answers = remote
    engine.submit(job("x^2", samples=0))
    qtbot.waitUntil(lambda: answers.jobs_answered() == 1, timeout=60_000)
    ((failed, message),) = answers.failed_jobs
    assert failed.samples == 0 and message.startswith("ValueError: ") and "n ≥ 1" in message
    broken = table("x +", [1.0], function=FunctionRef("x +"))  # the table gets the engine's words too
    engine.submit_table(broken)
    qtbot.waitUntil(lambda: answers.tables_answered() == 1, timeout=60_000)
    ((failed, message),) = answers.failed_tables
    assert failed is broken and message.startswith("ParseError: ")
    assert answered_table(qtbot, engine, answers, table("x^2", [3.0]))[0].slope == pytest.approx(6.0)
    assert answers.engine_failures == []


def test_closing_stops_the_process_and_refuses_further_work(qtbot):
    engine = EngineProcess()
    answers = listened(engine)
    pid = engine.pid
    engine.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    engine.submit_table(table("x", [0.0]))
    engine.probe(probe("x", 0.0))
    qtbot.wait(200)
    assert answers.tables_answered() == len(answers.readings) == len(answers.failed_probes) == 0


def test_a_starting_engine_never_blocks_the_gui_thread_for_a_reading(qtbot):
    """x₀ typed while torch still loads: the call returns at once, and the reading comes later."""
    engine = EngineProcess()
    session = Session(DocumentState(text="5x^4 + 3x^3 + 7x^2 + 9x - 5"), engine=engine)
    try:
        session.start()
        start = time.perf_counter()
        session.set_x0(2.0)
        assert time.perf_counter() - start < 0.5 and not engine.ready  # torch takes seconds to load
        assert session.wait_idle(120_000)
        qtbot.waitUntil(lambda: session.last_reading is not None and session.last_reading.x == 2.0, timeout=60_000)
        assert session.last_reading.slope == 233.0
        session.set_x0(1.0)
        qtbot.waitUntil(lambda: session.last_reading.x == 1.0, timeout=60_000)
        assert session.last_reading.slope == pytest.approx(52.0)
    finally:
        session.close()
    with pytest.raises(ProcessLookupError):
        os.kill(engine.pid, 0)


WINDOW_SCRIPT = """
import sys
from explorer.launch import open_window
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
from explorer.app.jobs import FunctionRef, SampleJob

sympy_at_answer = []
run_job = jobs_module.run_job
def observed(engine, job, function):
    result = run_job(engine, job, function)
    sympy_at_answer.append("sympy" in sys.modules)
    return result
jobs_module.run_job = observed

program = pickle.loads(sys.stdin.buffer.read())
jobs, jobs_end = Pipe()
probes, probes_end = Pipe()
tables, tables_end = Pipe()
threading.Thread(target=serve, args=(jobs_end, probes_end, tables_end), daemon=True).start()
assert jobs.recv()[1] == "ready" and probes.recv()[1] == "ready" and tables.recv()[1] == "ready"
jobs.send((7, (SampleJob(1, FunctionRef(program.text), (-3.0, 3.0), 601, 2, {}, 2.0, (1, 2)), program)))
request_id, status, frame = jobs.recv()
deadline = time.monotonic() + 60
while "explorer.model.program.lowering" not in sys.modules and time.monotonic() < deadline:
    time.sleep(0.01)  # the parser is warmed with nothing asked for
warmed = "explorer.model.program.lowering" in sys.modules
jobs.send((8, (SampleJob(2, FunctionRef("x^2"), (-3.0, 3.0), 601, 2, {}, 2.0, (1, 2)), "x^2")))
text_id, text_status, text_answer = jobs.recv()
print(request_id, status, frame.reading.slope, sympy_at_answer, warmed, text_id, text_status, text_answer.reading.slope)
"""


def test_a_first_job_sent_as_a_program_is_answered_with_torch_alone_then_the_parser_loads():
    """What makes the first curve half a second sooner: the engine's process needs no sympy for it."""
    import pickle

    program = parse("5x^4 + 3x^3 + 7x^2 + 9x - 5").program
    done = subprocess.run([sys.executable, "-c", SERVER_SCRIPT], input=pickle.dumps(program),
                          capture_output=True, timeout=180, check=True)
    assert done.stdout.decode().split() == ["7", "ok", "233.0", "[False,", "True]", "True", "8", "ok", "4.0"]


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


def test_a_fresh_process_gets_programs_until_it_has_answered_a_job(qtbot, monkeypatch):
    from explorer.model.program import Program

    sent = []
    wire = engine_process._wire
    monkeypatch.setattr(engine_process, "_wire", lambda function, child: sent.append(wire(function, child)) or sent[-1])
    engine = EngineProcess()
    answers = listened(engine)
    try:
        assert not engine.submit_ahead(job("x^2", generation=0))  # no parser there yet: declined
        for count, asked in enumerate([job("x^2"), job("x^3"), job("x^4")], start=1):
            engine.submit(asked)
            qtbot.waitUntil(lambda count=count: answers.jobs_answered() == count, timeout=120_000)
        assert engine.submit_ahead(job("x^5"))
        qtbot.waitUntil(lambda: answers.jobs_answered() == 4, timeout=60_000)
    finally:
        engine.close()
    assert [frame.reading.slope for _, frame in answers.frames] == pytest.approx([2.0, 3.0, 4.0, 5.0])
    assert [type(function) for function in sent] == [Program, str, str, str]
    assert [getattr(function, "text", function) for function in sent] == ["x^2", "x^3", "x^4", "x^5"]


def probe(text, x, order=1, params=None):
    return Probe(ref(text), x, order, params or {})


def test_readings_asked_for_ahead_answer_the_next_probe_before_it_returns(qtbot, remote, local):
    """A drag's next x₀ are computed while the window paints: a probe at one of them is answered
    within the call (no round trip), and reads what the engine reads there (a corner included)."""
    engine, answers = remote
    text, params = "abs(x) + a x^2", {"a": 0.5}
    function = parse(text)
    xs = [round(k * 0.01, 2) for k in range(-5, 6)]
    engine.probe_ahead(ref(text), xs, 2, params)
    qtbot.wait(300)  # the batch is computed meanwhile (the event loop runs, as while the window paints)
    for x0 in xs:
        before = len(answers.readings)
        engine.probe(probe(text, x0, 2, params))
        assert len(answers.readings) == before + 1  # answered before probe() returned
        assert same_reading(answers.readings[-1][1], local.probe(function, x0, order=2, params=params))
    assert answers.readings[5][1].kind.value == "corner"


def test_a_probe_elsewhere_or_for_other_parameters_is_computed_as_usual(qtbot, remote, local):
    engine, answers = remote
    engine.probe_ahead(ref("a sin(x)"), [0.1, 0.2, 0.3], 1, {"a": 1.0})
    asked = [probe("a sin(x)", 0.7, params={"a": 1.0}), probe("a sin(x)", 0.2, params={"a": 2.0}),
             probe("a sin(x)", 0.2, order=2, params={"a": 1.0}), probe("a cos(x)", 0.2, params={"a": 1.0})]
    for count, one in enumerate(asked, start=1):
        engine.probe(one)
        qtbot.waitUntil(lambda count=count: len(answers.readings) == count, timeout=30_000)
        there_probe, there = answers.readings[-1]
        assert there_probe is one
        assert same_reading(there, local.probe(one.function.parsed, one.x, order=one.order, params=one.params))


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to hold the engine")
def test_one_batch_at_a_time(qtbot, remote):
    engine, answers = remote
    os.kill(engine.pid, signal.SIGSTOP)  # the first batch cannot be answered before the second is asked
    try:
        engine.probe_ahead(ref("x^2"), [0.1, 0.2], 1, {})
        engine.probe_ahead(ref("x^2"), [0.3, 0.4], 1, {})
    finally:
        os.kill(engine.pid, signal.SIGCONT)
    engine.probe(probe("x^2", 0.2))  # waits for the batch under way, which answers it
    qtbot.waitUntil(lambda: len(answers.readings) == 1, timeout=30_000)
    engine.probe(probe("x^2", 0.1))
    assert len(answers.readings) == 2  # read ahead
    engine.probe(probe("x^2", 0.3))
    assert len(answers.readings) == 2  # never asked ahead: computed now
    qtbot.waitUntil(lambda: len(answers.readings) == 3, timeout=30_000)
    assert [reading.slope for _probe, reading in answers.readings] == pytest.approx([0.4, 0.2, 0.6])


def test_no_batch_for_an_engine_still_starting(qtbot):
    engine = EngineProcess()
    answers = listened(engine)
    try:
        engine.probe_ahead(ref("x^2"), [0.1, 0.2], 1, {})  # still loading torch: not queued behind it
        engine.probe(probe("x^2", 0.1))
        qtbot.waitUntil(lambda: len(answers.readings) == 1, timeout=120_000)
        engine.probe(probe("x^2", 0.2))
        assert len(answers.readings) == 1  # nothing was read ahead
    finally:
        engine.close()


def test_a_function_that_cannot_be_lowered_goes_as_text_for_the_engine_to_say_why():
    import sympy

    from explorer.model.function import Function, X

    child = type("FreshChild", (), {"answered_job": False})()
    assert engine_process._wire(FunctionRef("gamma(x)", Function("gamma(x)", sympy.gamma(X))), child) == "gamma(x)"
    assert engine_process._wire(ref("x^2"), child).body == ("square", ("x",))


def test_a_drag_move_read_ahead_updates_the_readout_within_the_move(qtbot):
    """The window's drag: each move asks for the x₀ reachable next; the next move's reading is then
    shown before set_x0 returns (in the same frame), with no round trip to the engine."""
    session = Session(DocumentState(text="x^3 - 3x"), engine=EngineProcess())
    try:
        session.start()
        assert session.wait_idle(120_000)
        engine, x0, within = session.engine, 1.0, []
        for _ in range(30):
            ahead = [round(x0 + k * 0.01, 2) for k in (-1, 1)]
            session.probe_ahead(ahead)
            # the window paints this frame meanwhile; on a busy machine the batch may take longer
            qtbot.waitUntil(lambda ahead=ahead: all((x, NO_TOOLS) in engine._ahead for x in ahead), timeout=30_000)
            x0 = round(x0 + 0.01, 2)
            session.set_x0(x0)
            within.append(session.last_reading.x == x0)
        assert all(within)
        assert session.last_reading.slope == pytest.approx(3 * x0 ** 2 - 3)
    finally:
        session.close()
