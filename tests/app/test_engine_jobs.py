"""Grid jobs answered by the engine's process on the GUI thread's event loop (no thread of ours): the
same results as the engine, the newest job winning, and a crashed or hung engine reported as a
message; and a new text's job sent before the window parses it."""

import os
import signal

import numpy as np
import pytest

from explorer.app import engine_process
from explorer.app.engine_jobs import EngineJobs
from explorer.app.engine_process import EngineProcess
from explorer.app.jobs import SampleJob, run_job
from explorer.app.session import Session
from explorer.app.state import DocumentState, ParameterSetting
from explorer.model import Engine, parse


@pytest.fixture(scope="module")
def remote():
    engine = EngineProcess()
    yield engine
    engine.close()


def job(text, generation=1, params=None, samples=601):
    return SampleJob(generation, parse(text), (-3.0, 3.0), samples, 2, params or {}, 0.5, (1, 2))


class Answers:
    """What an EngineJobs reported, in order."""

    def __init__(self, jobs: EngineJobs):
        self.finished, self.failed = [], []
        jobs.finished.connect(self.finished.append)
        jobs.failed.connect(lambda asked, message: self.failed.append((asked, message)))

    def count(self) -> int:
        return len(self.finished) + len(self.failed)


@pytest.fixture
def jobs(qtbot, remote):
    runner = EngineJobs(remote)
    yield runner
    runner.shutdown()


def test_an_answer_arrives_through_the_event_loop_as_the_engine_computes_it(qtbot, jobs):
    answers = Answers(jobs)
    asked = job("x^3 - 3x", params={})
    jobs.submit(asked)
    qtbot.waitUntil(lambda: answers.count() == 1, timeout=120_000)
    (result,) = answers.finished
    here = run_job(Engine(fuse=False, threads=1), asked)
    assert result.job is asked
    np.testing.assert_array_equal(result.curves.values, here.curves.values)
    assert result.reading.slope == pytest.approx(3 * 0.25 - 3)


def test_the_newest_job_wins_and_none_is_answered_twice(qtbot, jobs):
    answers = Answers(jobs)
    for generation, text in enumerate(["sin(x)", "cos(x)", "tan(x)", "x^2"], start=1):
        jobs.submit(job(text, generation))
    qtbot.waitUntil(lambda: bool(answers.finished) and answers.finished[-1].job.generation == 4, timeout=120_000)
    qtbot.wait(200)  # nothing more comes
    generations = [result.job.generation for result in answers.finished]
    assert generations == [1, 4]  # the first was under way; the two waiting behind it were replaced
    assert answers.failed == []


def test_a_job_whose_engine_dies_fails_with_a_message_and_the_next_starts_a_new_engine(qtbot, jobs, remote):
    answers = Answers(jobs)
    jobs.submit(job("x^2", 1))
    qtbot.waitUntil(lambda: answers.count() == 1, timeout=120_000)
    first = remote.pid
    jobs.submit(job("x^2 + 1", 2, samples=3_000_000))  # long enough to be killed while it runs
    os.kill(first, signal.SIGKILL)
    qtbot.waitUntil(lambda: answers.count() == 2, timeout=60_000)
    asked, message = answers.failed[-1]
    assert asked.generation == 2 and message == "EngineStopped: the computing process stopped unexpectedly"
    jobs.submit(job("x^2 + 2", 3))
    qtbot.waitUntil(lambda: answers.count() == 3, timeout=120_000)
    assert answers.finished[-1].job.generation == 3 and remote.pid != first


def test_an_answer_nobody_waits_for_any_more_is_not_taken_for_the_next_ones(qtbot, remote):
    """Answers come one per job, in order: a job given up on (its runner shut down) leaves its
    answer behind, and the next job on the connection skips it to read its own."""
    first = EngineJobs(remote)
    first.submit(job("x^4", 1, samples=200_001))
    first.shutdown()
    second = EngineJobs(remote)
    try:
        answers = Answers(second)
        second.submit(job("x^5", 2))
        qtbot.waitUntil(lambda: answers.count() == 1, timeout=120_000)
        (result,) = answers.finished
        assert result.job.generation == 2 and len(result.curves.x) == 601
        assert result.reading.slope == pytest.approx(5 * 0.5 ** 4)
    finally:
        second.shutdown()


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP to make a process hang")
def test_a_hung_engine_is_stopped_after_the_time_limit(qtbot, monkeypatch):
    engine = EngineProcess()
    runner = EngineJobs(engine)
    try:
        answers = Answers(runner)
        runner.submit(job("x", 1))
        qtbot.waitUntil(lambda: answers.count() == 1, timeout=120_000)  # started
        monkeypatch.setattr(engine_process, "JOB_TIMEOUT_S", 0.3)
        hung = engine.pid
        os.kill(hung, signal.SIGSTOP)
        runner.submit(job("x^2", 2))
        qtbot.waitUntil(lambda: answers.count() == 2, timeout=10_000)
        assert answers.failed[-1][1] == "EngineStopped: the computation took longer than 0.3 s and was stopped"
        with pytest.raises(ProcessLookupError):  # killed, and reaped
            os.kill(hung, 0)
    finally:
        runner.shutdown()
        engine.close()


@pytest.fixture
def session(qtbot):
    made = Session(DocumentState(text="a x + b", parameters=(ParameterSetting("a", 3.0), ParameterSetting("b", -2.0))),
                   engine=EngineProcess())
    made.start()
    assert made.wait_idle(120_000)
    yield made
    made.close()


def test_a_new_texts_curves_use_the_sliders_kept_and_new_ones_at_their_start(qtbot, session):
    """The job goes to the engine before the window parses the text, so it names only the sliders
    shown so far: a kept one keeps its value, and a new one is sampled at a new slider's value."""
    session.set_text("a x + c x^2")
    assert session.wait_idle()
    assert session.state.parameter_values() == {"a": 3.0, "c": 1.0}
    x = session.last_curves.x
    np.testing.assert_allclose(session.last_curves.values[0], 3.0 * x + x * x, rtol=1e-12, atol=1e-12)
    assert session.last_reading.partials == pytest.approx({"a": 1.0, "c": 1.0})  # x₀ = 1


def test_a_new_texts_job_leaves_before_the_window_parses_the_text(qtbot, session, monkeypatch):
    import explorer.model

    events = []
    engine = session.engine
    send_job, parse_here = engine.send_job, explorer.model.parse
    monkeypatch.setattr(engine, "send_job", lambda asked: events.append(("sent", asked.function)) or send_job(asked))
    monkeypatch.setattr(explorer.model, "parse", lambda text: events.append(("parsed", text)) or parse_here(text))
    session.set_text("a sin(x)")
    assert events == [("sent", "a sin(x)"), ("parsed", "a sin(x)")]
    assert session.wait_idle()
    np.testing.assert_allclose(session.last_curves.values[0], 3.0 * np.sin(session.last_curves.x), atol=1e-12)


def test_at_launch_the_window_parses_first_and_the_process_gets_a_program(qtbot, monkeypatch):
    """A process that has answered nothing has no parser loaded: the text waits for this thread's
    parse, and goes as a program (engine_process._request), instead of ahead as text."""
    import explorer.model
    from explorer.model.program import Program

    events = []
    engine = EngineProcess()
    send_job, parse_here, request = engine.send_job, explorer.model.parse, engine_process._request
    monkeypatch.setattr(engine, "send_job", lambda asked: events.append(("sent", asked.function)) or send_job(asked))
    monkeypatch.setattr(explorer.model, "parse", lambda text: events.append(("parsed", text)) or parse_here(text))

    def sent_as(asked, child):
        made = request(asked, child)
        events.append(("as", type(made.function)))
        return made

    monkeypatch.setattr(engine_process, "_request", sent_as)
    session = Session(DocumentState(text="x^3 - 3x"), engine=engine)
    try:
        session.start()
        assert session.wait_idle(120_000)
        assert events[0] == ("parsed", "x^3 - 3x")
        assert events[1] == ("sent", session.function) and events[2] == ("as", Program)
        assert session.last_reading.slope == pytest.approx(0.0, abs=1e-12)  # 3x² − 3 at x₀ = 1
        del events[:]
        session.set_text("x^3")
        assert events[:2] == [("sent", "x^3"), ("as", str)] and events[2] == ("parsed", "x^3")
    finally:
        session.close()


def test_an_answer_that_came_while_the_window_parsed_is_taken_at_once(qtbot, session, monkeypatch):
    """Not left for the event loop: the curves join the repaint that the new state asked for."""
    import explorer.model

    parse_here = explorer.model.parse

    def slow_parse(text):
        assert session._worker.wait(60_000)  # the engine's answer has come meanwhile
        return parse_here(text)

    monkeypatch.setattr(explorer.model, "parse", slow_parse)
    session.set_text("a x^2")
    assert not session.busy  # delivered before set_text returned, with no event loop run
    np.testing.assert_allclose(session.last_curves.values[0], 3.0 * session.last_curves.x ** 2, atol=1e-12)


def test_a_typo_costs_no_message_and_keeps_the_curves(qtbot, session):
    before = session.last_curves
    failures = []
    session.compute_failed.connect(failures.append)
    session.set_text("a x +")
    assert not session.busy and session.error is not None
    qtbot.wait(300)  # the engine's answer to the typo comes, and is dropped
    assert failures == [] and session.last_curves is before
    session.set_text("a x + 2")
    assert session.wait_idle()
    assert session.last_curves is not before and failures == []
