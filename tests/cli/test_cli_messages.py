"""A bad function on the command line: one short line on stderr, exit status 2, whatever its size.

Each case runs the real command in a fresh process, as a shell script would.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.model.parsing.errors import EXCERPT_RADIUS
from explorer.model.parsing.limits import MAX_LENGTH

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "slope-explorer: bad function "
#: The prefix, an excerpt of at most 2 × EXCERPT_RADIUS characters (each maybe escaped as \\xNN,
#: quoted, with two ellipses), and a message of one sentence.
LONGEST_LINE = len(PREFIX) + 4 * 2 * EXCERPT_RADIUS + 200


def table(function: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """`slope-explorer table FUNCTION --at 1` in a fresh process, run from an empty folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "explorer", "table", function, "--at", "1"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)


def one_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 2, done.stderr[:300]
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(PREFIX), done.stderr[:300]
    assert len(done.stderr) < LONGEST_LINE, f"{len(done.stderr)} characters"
    return done.stderr


def test_a_100_kb_function_gets_a_short_line_that_says_it_is_too_long(tmp_path):
    err = one_line(table("x" * 100_000, tmp_path))
    assert f"too long: 100000 characters, at most {MAX_LENGTH}" in err
    assert "…" in err


def test_an_error_far_into_a_long_function_quotes_the_text_around_it(tmp_path):
    text = "+".join(f"(x-{k})" for k in range(1, 120)) + " + 3 +"
    assert len(text) <= MAX_LENGTH
    err = one_line(table(text, tmp_path))
    assert "'…" in err and "(x-119) + 3 +'" in err  # what comes just before the end
    assert "(x-1)+(x-2)" not in err  # and not the start, far away
    assert f"nothing after '+' (column {len(text) + 1})" in err


def test_a_short_function_is_quoted_whole(tmp_path):
    assert one_line(table("x^2 +* 3", tmp_path)) == (
        f"{PREFIX}'x^2 +* 3': missing a value between '+' and '*' (column 6)\n")


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\u2028"], ids=ascii)
def test_a_line_break_is_refused_not_read_as_multiplication(tmp_path, line_break):
    err = one_line(table(f"x{line_break}x", tmp_path))
    assert "a function is one line" in err and "(column 2)" in err
