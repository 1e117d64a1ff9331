"""Taylor polynomials travel with readings: a probe's TaylorRequest reaches the engine's process, a
drag's batch read ahead brings each x₀'s polynomial along (answered without a round trip), and the
session asks for Tₙ only while the tool is shown."""

import pytest
import sympy

from explorer.app.jobs import FunctionRef, Probe
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.app.tool_requests import ToolRequest
from explorer.model import parse
from explorer.model.taylor import TaylorRequest

X = sympy.Symbol("x")


def ref(text):
    return FunctionRef(text, parse(text))


def truth(x0, degree):
    series = sympy.series(sympy.sin(X).subs(X, sympy.nsimplify(x0) + X), X, 0, degree + 1).removeO()
    return [float(series.coeff(X, k)) for k in range(degree + 1)]


def test_readings_read_ahead_carry_their_polynomials(qtbot, remote):
    engine, answers = remote
    request = ToolRequest(taylor=TaylorRequest(10, x_range=(-4.0, 4.0), samples=400))
    xs = [round(k * 0.05, 2) for k in range(1, 6)]
    engine.probe_ahead(ref("sin x"), xs, 1, {}, request)
    qtbot.wait(500)
    for x0 in xs:
        before = len(answers.readings)
        engine.probe(Probe(ref("sin x"), x0, 1, {}, request))
        assert len(answers.readings) == before + 1  # answered before probe() returned
        expansion = answers.readings[-1][1].taylor
        assert expansion.x0 == x0 and len(expansion.curve.x) == 400
        assert list(expansion.coefficients) == pytest.approx(truth(x0, 10), rel=1e-12, abs=1e-16)
    # a probe without the tool is not answered from the Taylor batch: it is a different reading
    engine.probe(Probe(ref("sin x"), xs[0], 1, {}))
    qtbot.waitUntil(lambda: answers.readings[-1][0].tools.taylor is None, timeout=30_000)
    assert answers.readings[-1][1].taylor is None


def test_the_session_asks_for_tn_only_while_shown(qtbot):
    session = Session(DocumentState(text="sin x", x0=0.5), threaded=False)
    session.start()
    session.compute_now()
    assert session.last_reading.taylor is None
    session.set_taylor(show=True, degree=6)
    expansion = session.last_reading.taylor
    assert expansion.degree == 6 and list(expansion.coefficients) == pytest.approx(truth(0.5, 6), rel=1e-12)
    session.set_x0(0.25)
    assert session.last_reading.taylor.x0 == 0.25
    session.undo()
    session.undo()
    assert session.last_reading.taylor is None
    session.close()
