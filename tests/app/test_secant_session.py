"""The secant tool through the session and both engine clients: its data comes with every reading
while it is shown (a drag's read-ahead batch included), in saved sessions, and in undo."""

import dataclasses
import json
import math

import mpmath
import pytest

from explorer.app.document_file import document_from_bytes, document_to_bytes
from explorer.app.engine_process import EngineProcess
from explorer.app.jobs import FunctionRef, Probe
from explorer.app.secant_state import MIN_H, SecantSetting
from explorer.app.state import DocumentState
from explorer.app.tool_requests import SecantRequest, ToolRequest
from explorer.model import parse

mpmath.mp.dps = 40


def test_the_reading_carries_the_secant_while_it_is_shown(make_session):
    session = make_session(DocumentState(text="sin x", x0=1.0))
    session.compute_now()
    assert session.last_reading.secant is None
    session.set_show_secant(True)
    secant = session.last_reading.secant
    assert secant is not None and secant.h == 0.5 and secant.x0 == 1.0
    forward = (mpmath.sin(mpmath.mpf(1.5)) - mpmath.sin(1)) / mpmath.mpf(0.5)
    assert secant.quotients.forward == pytest.approx(float(forward), rel=1e-13)
    assert secant.derivative == pytest.approx(float(mpmath.cos(1)), rel=1e-15)
    session.set_secant_h(-1e-3)
    assert session.last_reading.secant.h == -1e-3
    session.set_x0(2.0)
    assert session.last_reading.secant.x0 == 2.0 and session.last_reading.secant.h == -1e-3
    session.set_secant_h(0.0)  # ignored: no secant through one point
    session.set_secant_h(1e-30)  # kept within the bound
    assert session.state.secant.h == MIN_H
    session.undo()
    assert session.state.secant.h == -1e-3
    session.set_show_secant(False)
    assert session.last_reading.secant is None


def test_a_new_frame_carries_the_secant_too(make_session):
    session = make_session(DocumentState(text="x^2", x0=1.0, secant=SecantSetting(True, 1.0)))
    session.compute_now()
    assert session.last_frame.reading.secant.quotients.central == 2.0


def test_sessions_save_the_secant_and_old_files_open_without_it():
    state = DocumentState(text="|x|", x0=0.0, secant=SecantSetting(True, -2.5e-9))
    assert document_from_bytes(document_to_bytes(state)) == state
    old = json.dumps({"format": "slope-explorer", "version": 1, "document": {"text": "x^2"}}).encode()
    assert document_from_bytes(old).secant == SecantSetting()
    for bad in ({"shown": 1}, {"h": 0}, {"h": "1"}, [], {"h": 1e300}):
        broken = json.dumps({"format": "slope-explorer", "version": 1, "document": {"secant": bad}}).encode()
        with pytest.raises(Exception, match="secant"):
            document_from_bytes(broken)


def test_a_drag_frame_with_the_secant_is_answered_from_the_read_ahead_batch(qtbot, remote):
    """The engine's process computes the next x₀'s readings with their secant data in one batch: a
    probe at one of them is answered before probe() returns, secant included."""
    engine, answers = remote
    text = "abs(x) + sin x"
    ref = FunctionRef(text, parse(text))
    secant = ToolRequest(secant=SecantRequest(1e-4))
    xs = [round(k * 0.01, 2) for k in range(-3, 4)]
    engine.probe_ahead(ref, xs, 1, {}, secant)
    qtbot.wait(500)
    for x0 in xs:
        before = len(answers.readings)
        engine.probe(Probe(ref, x0, 1, {}, secant))
        assert len(answers.readings) == before + 1  # no round trip
        reading = answers.readings[-1][1]
        assert reading.secant is not None and reading.secant.x0 == x0 and reading.secant.h == 1e-4
    corner = answers.readings[-4][1].secant
    assert corner.kind.value == "corner" and math.isnan(corner.derivative)
    assert (corner.left_slope, corner.right_slope) == (0.0, 2.0)
    # Without the secant the batch does not answer: its readings carry no secant data.
    before = len(answers.readings)
    engine.probe(Probe(ref, xs[0], 1, {}))
    assert len(answers.readings) == before
    qtbot.waitUntil(lambda: len(answers.readings) == before + 1, timeout=30_000)
    assert answers.readings[-1][1].secant is None


def test_state_default_hides_the_tool():
    assert DocumentState().secant == SecantSetting(shown=False, h=0.5)
    assert dataclasses.replace(DocumentState(), secant=SecantSetting(True)).secant.shown


def test_a_drag_of_q_is_answered_from_the_h_read_ahead(qtbot):
    """A drag of Q reads the h its next moves can reach, at one x₀, in one batch: set_secant_h at one
    of them shows its reading before it returns, quotients as mpmath computes them."""
    from explorer.app.session import Session

    session = Session(DocumentState(text="x^3 - 3x", x0=1.0, secant=SecantSetting(True, 0.5)), engine=EngineProcess())
    try:
        session.start()
        assert session.wait_idle(120_000)
        steps = [round(0.5 + k * 0.01, 2) for k in range(1, 31)]
        session.secant_ahead(steps)
        qtbot.waitUntil(lambda: len(session.engine._ahead) == len(steps), timeout=30_000)  # the batch is back
        for h in steps:
            session.set_secant_h(h)
            secant = session.last_reading.secant  # no round trip: already the reading at this h
            assert secant is not None and secant.h == h and secant.x0 == 1.0
            f = lambda x: x**3 - 3 * x  # noqa: E731
            exact = (f(1 + mpmath.mpf(h)) - f(mpmath.mpf(1))) / mpmath.mpf(h)
            assert secant.quotients.forward == pytest.approx(float(exact), rel=1e-12)
        # an h that was not read ahead waits for the engine, as before
        session.set_secant_h(0.123)
        assert session.last_reading.secant.h == steps[-1]
        qtbot.waitUntil(lambda: session.last_reading.secant.h == 0.123, timeout=30_000)
    finally:
        session.close()
