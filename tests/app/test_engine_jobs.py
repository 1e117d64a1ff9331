"""Grid jobs answered by the engine's process on the GUI thread's event loop (no thread of ours): the
same results as the engine, the newest job winning; and a new text's job sent before the window
parses it. (A crashed or hung engine: test_engine_faults.py.)"""

import numpy as np
import pytest
from engine_answers import listened

from explorer.app import engine_process
from explorer.app.engine_process import EngineProcess
from explorer.app.jobs import FunctionRef, SampleJob, run_job
from explorer.app.session import Session
from explorer.app.state import DocumentState, ParameterSetting
from explorer.model import Engine, parse


@pytest.fixture
def remote(qtbot):
    engine = EngineProcess()
    answers = listened(engine)
    yield engine, answers
    engine.close()


def job(text, generation=1, params=None, samples=601):
    return SampleJob(generation, FunctionRef(text, parse(text)), (-3.0, 3.0), samples, 2, params or {}, 0.5, (1, 2))


def test_an_answer_arrives_through_the_event_loop_as_the_engine_computes_it(qtbot, remote):
    engine, answers = remote
    asked = job("x^3 - 3x", params={})
    engine.submit(asked)
    qtbot.waitUntil(lambda: answers.jobs_answered() == 1, timeout=120_000)
    ((answered, frame),) = answers.frames
    here = run_job(Engine(fuse=False, threads=1), asked, asked.function.parsed)
    assert answered is asked and frame.generation == asked.generation
    np.testing.assert_array_equal(frame.main.values, here.main.values)
    assert frame.reading.slope == pytest.approx(3 * 0.25 - 3)


def test_the_newest_job_wins_and_none_is_answered_twice(qtbot, remote):
    engine, answers = remote
    for generation, text in enumerate(["sin(x)", "cos(x)", "tan(x)", "x^2"], start=1):
        engine.submit(job(text, generation))
    qtbot.waitUntil(lambda: bool(answers.frames) and answers.frames[-1][0].generation == 4, timeout=120_000)
    qtbot.wait(200)  # nothing more comes
    generations = [frame.generation for _, frame in answers.frames]
    assert generations == [1, 4]  # the first was under way; the two waiting behind it were replaced
    assert answers.failed_jobs == []


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


def record_sends(monkeypatch, events):
    """Note each function sent to the engine's process, as what it was sent as."""
    wire = engine_process._wire

    def sent_as(function, child):
        made = wire(function, child)
        events.append(("sent", function.text, type(made)))
        return made

    monkeypatch.setattr(engine_process, "_wire", sent_as)


def test_a_new_texts_job_leaves_before_the_window_parses_the_text(qtbot, session, monkeypatch):
    import explorer.model

    events = []
    parse_here = explorer.model.parse
    record_sends(monkeypatch, events)
    monkeypatch.setattr(explorer.model, "parse", lambda text: events.append(("parsed", text)) or parse_here(text))
    session.set_text("a sin(x)")
    assert events == [("sent", "a sin(x)", str), ("parsed", "a sin(x)")]
    assert session.wait_idle()
    np.testing.assert_allclose(session.last_curves.values[0], 3.0 * np.sin(session.last_curves.x), atol=1e-12)


def test_at_launch_the_window_parses_first_and_the_process_gets_a_program(qtbot, monkeypatch):
    """A process that has answered nothing has no parser loaded: the text waits for this thread's
    parse, and goes as a program (engine_process._wire), instead of ahead as text."""
    import explorer.model
    from explorer.model.program import Program

    events = []
    parse_here = explorer.model.parse
    record_sends(monkeypatch, events)
    monkeypatch.setattr(explorer.model, "parse", lambda text: events.append(("parsed", text)) or parse_here(text))
    session = Session(DocumentState(text="x^3 - 3x"), engine=EngineProcess())
    try:
        session.start()
        assert session.wait_idle(120_000)
        assert events[:2] == [("parsed", "x^3 - 3x"), ("sent", "x^3 - 3x", Program)]
        assert session.last_reading.slope == pytest.approx(0.0, abs=1e-12)  # 3x² − 3 at x₀ = 1
        del events[:]
        session.set_text("x^3")
        assert events[:2] == [("sent", "x^3", str), ("parsed", "x^3")]
    finally:
        session.close()


def test_an_answer_that_came_while_the_window_parsed_is_taken_at_once(qtbot, session, monkeypatch):
    """Not left for the event loop: the curves join the repaint that the new state asked for."""
    import explorer.model

    parse_here = explorer.model.parse

    def slow_parse(text):
        session.engine.wait(60_000)  # the engine's answer comes meanwhile
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
