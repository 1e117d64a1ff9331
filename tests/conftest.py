"""Test configuration shared by every test: Qt runs offscreen unless a test starts its own X server."""

import os

# Before anything imports Qt. End-to-end tests start Xvfb and pass their own environment to the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Deterministic, quiet runs on the 2-core CI machine.
os.environ.setdefault("OMP_NUM_THREADS", "1")
