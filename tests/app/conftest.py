"""Fixtures for the session tests: one real engine for the whole run (compiling is the slow part), and
engine processes of a test's own."""

import pytest


class CountingEngine:
    """The real engine, with a count of grid samplings and point probes (sampling on a drag is a bug)."""

    def __init__(self, engine):
        self.inner = engine
        self.sample_calls = []
        self.probe_calls = 0

    def sample(self, fn, x_min, x_max, n, order, params=None):
        self.sample_calls.append((fn.text, x_min, x_max, n, order))
        return self.inner.sample(fn, x_min, x_max, n, order, params=params)

    def probe(self, fn, x, order=1, params=None, taylor=None):
        self.probe_calls += 1
        return self.inner.probe(fn, x, order=order, params=params, taylor=taylor)

    def __getattr__(self, name):  # device, dtype: what the secant tool's plain evaluation reads
        return getattr(self.inner, name)


@pytest.fixture(scope="session")
def real_engine():
    from explorer.model import Engine

    return Engine()


@pytest.fixture
def engine(real_engine):
    return CountingEngine(real_engine)


@pytest.fixture
def make_session(qtbot, engine):
    """Sessions that are closed (worker stopped) at the end of the test."""
    from explorer.app.in_process_engine import InProcessEngine
    from explorer.app.session import Session

    sessions = []

    def make(state=None, threaded=False):
        session = Session(state, engine=InProcessEngine(engine, threaded=threaded))
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def remote(qtbot):
    """An engine process of this test's own, started (torch loaded), listened to; closed afterwards."""
    from engine_answers import listened

    from explorer.app.engine_process import EngineProcess

    engine = EngineProcess()
    answers = listened(engine)
    qtbot.waitUntil(lambda: engine.ready, timeout=120_000)
    yield engine, answers
    engine.close()
