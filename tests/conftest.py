"""Test configuration shared by every test: Qt runs offscreen unless a test starts its own X server."""

import os
import tempfile

# Before anything imports Qt. End-to-end tests start Xvfb and pass their own environment to the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Deterministic, quiet runs on the 2-core CI machine.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Preferences, recent files and the last session go to a scratch folder, never the user's ~/.config;
# the app launched by the end-to-end tests inherits it and so never reopens a stale session.
os.environ.setdefault("SLOPE_EXPLORER_SETTINGS_DIR", tempfile.mkdtemp(prefix="slope-settings-"))
