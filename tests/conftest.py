"""Test configuration shared by every test: Qt runs offscreen unless a test starts its own X server;
an engine whose value tables wait until a test lets them go (`held_tables`)."""

import os
import tempfile

import pytest

# Before anything imports Qt. End-to-end tests start Xvfb and pass their own environment to the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Deterministic, quiet runs on the 2-core CI machine.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Preferences, recent files and the last session go to a scratch folder, never the user's ~/.config;
# the app launched by the end-to-end tests inherits it and so never reopens a stale session.
os.environ.setdefault("SLOPE_EXPLORER_SETTINGS_DIR", tempfile.mkdtemp(prefix="slope-settings-"))


class HeldTables:
    """The real engine (`real_engine` of the test's folder), whose value tables wait until
    `release()`: a slow function on demand, so a test sees what happens while a table computes."""

    def __init__(self, engine):
        import threading

        self._inner = engine
        self._released = threading.Event()
        self._released.set()

    def hold(self) -> None:
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def sample(self, *args, **kwargs):
        return self._inner.sample(*args, **kwargs)

    def probe(self, *args, **kwargs):
        return self._inner.probe(*args, **kwargs)

    def probe_many(self, *args, **kwargs):
        self._released.wait(120)
        return self._inner.probe_many(*args, **kwargs)


@pytest.fixture
def held_tables(real_engine):
    held = HeldTables(real_engine)
    yield held
    held.release()  # a worker thread still waiting ends
