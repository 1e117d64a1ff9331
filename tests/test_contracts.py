"""The import contracts and the lint rules of pyproject.toml hold for the whole tree.

Both tools run as a maintainer runs them, from the repository root, and a failure shows their own
report. They come with the [test] extra; a missing one fails here rather than skipping, so that the
contracts are never silently unchecked.
"""

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the [test] extra's), else the one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*command: str) -> subprocess.CompletedProcess:
    # This checkout's explorer, whatever else an editable install points at.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)


def test_import_contracts_are_kept():
    """Model without Qt, app or views; app without views; views without torch; the layers of the README."""
    done = _run(_tool("lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_ruff_finds_nothing():
    done = _run(_tool("ruff"), "check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_reads_this_projects_settings():
    """A ruff configuration elsewhere on the machine must not decide what is checked."""
    done = _run(_tool("ruff"), "check", "--show-settings", "explorer/__init__.py")
    assert done.returncode == 0, done.stderr
    assert f'Settings path: "{ROOT / "pyproject.toml"}"' in done.stdout
