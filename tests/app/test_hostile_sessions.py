"""Sessions a hostile or broken file makes: each is refused with a sentence, quickly, without
reading without end; only DocumentError leaves the reader, and what it accepts can be shown and
saved again exactly."""

import json
import math
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.app.document_file import (
    MAX_FILE_BYTES,
    DocumentError,
    document_from_bytes,
    document_to_bytes,
    load_document,
)
from explorer.app.state import MAX_MAGNITUDE, DocumentState, ParameterSetting, min_span
from explorer.model.parsing.limits import MAX_LENGTH

ROOT = Path(__file__).resolve().parents[2]
#: A child that reads without a bound stops at this much memory instead of taking the machine's.
CHILD_MEMORY = 1 << 30

VALID = DocumentState(
    text="a sin(x) + x^2",
    parameters=(ParameterSetting("a", 1.5, -3.0, 7.25),),
    x_range=(-0.5, 12.0),
    y_range=(-3.0, 4.5),
    stacked_y_ranges=((1, (-0.25, 8.0)),),
    x0=2.5,
    orders=(1, 2),
    layout="stacked",
    show_tangent=False,
)


def _payload() -> dict:
    return json.loads(document_to_bytes(VALID))


def _with(**changes) -> bytes:
    payload = _payload()
    payload["document"].update(changes)
    return json.dumps(payload).encode()


def _raw(document_text: str) -> bytes:
    """A session whose document is written out by hand (numbers json.dumps would refuse to write)."""
    return b'{"format": "slope-explorer", "version": 1, "document": {' + document_text.encode() + b"}}"


def _load_in_child(path, timeout: float = 30) -> subprocess.CompletedProcess:
    """load_document(path) in a process of its own, with bounded memory and time: a reader that
    blocks or reads without end fails the test (TimeoutExpired, or MemoryError) instead of hanging
    the run or taking the machine's memory."""
    import resource

    code = ("import sys\nfrom explorer.app.document_file import DocumentError, load_document\n"
            "try:\n    load_document(sys.argv[1])\nexcept DocumentError as error:\n    print(error)\n")
    return subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY)))


# --- what the file is ------------------------------------------------------------------------------


def test_a_fifo_is_refused_at_once_without_a_writer(tmp_path):
    fifo = tmp_path / "lesson.slope"
    os.mkfifo(fifo)
    done = _load_in_child(fifo, timeout=20)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "lesson.slope is a pipe, not a Slope Explorer session file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_without_reading_it(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    done = _load_in_child(device, timeout=20)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"{Path(device).name} is a device, not a Slope Explorer session file"


def test_a_folder_is_refused_with_a_sentence(tmp_path):
    (tmp_path / "lesson.slope").mkdir()
    with pytest.raises(DocumentError, match="^lesson.slope is a folder, not a Slope Explorer session file$"):
        load_document(tmp_path / "lesson.slope")


def test_a_huge_regular_file_is_read_only_up_to_the_limit(tmp_path):
    """A sparse 2 GB file: reading it all would take 2 GB; the child has 1 GB."""
    huge = tmp_path / "huge.slope"
    with open(huge, "wb") as file:
        file.truncate(2 << 30)
    done = _load_in_child(huge)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"huge.slope is not a Slope Explorer session (it is over {MAX_FILE_BYTES} bytes)"


# --- what the file holds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (_raw('"x": ' + "[" * 100_000 + "]" * 100_000), "nested too deeply"),
        (_raw('"x0": 1' + "0" * 400), "x0 must be a finite number"),
        (_raw('"x_range": [-1' + "0" * 400 + ", 1]"), "x_range must be a finite number"),
        (_raw('"parameters": [{"name": "a", "value": 1' + "0" * 400 + "}]"), "parameter a must be a finite number"),
        (_raw('"stacked_y_ranges": {"' + "1" * 5000 + '": [0, 1]}'), "stacked_y_ranges: orders"),
        (_raw('"stacked_y_ranges": {"01": [0, 1]}'), "stacked_y_ranges: orders"),
        (_raw('"x0": 1' + "0" * 5000), "not valid JSON"),
        (_raw('"text": "x\\ud800"'), "not valid Unicode"),
        (_raw('"text": "\\udfff x"'), "not valid Unicode"),
        (_with(text="x" * (MAX_LENGTH + 1)), f"longer than {MAX_LENGTH} characters"),
        (_with(parameters=[{"name": "a", "value": 1e308}]), "parameter a must lie between -1e15 and 1e15"),
        (_with(parameters=[{"name": "a", "minimum": -1e308, "maximum": 1e308}]),
         "parameter a: its range must lie between -1e15 and 1e15"),
        (_with(parameters=[{"name": "a", "value": 1, "minimum": 1, "maximum": 1 + 1e-12}]),
         "parameter a: its range is too narrow to show: make it at least 1e-9 wide"),
        (_with(parameters=[{"name": "a" * (MAX_LENGTH + 1)}]), "needs a name"),
    ],
    ids=lambda value: value if isinstance(value, str) else "session",
)
def test_malformed_sessions_are_refused_with_a_sentence(data, words):
    with pytest.raises(DocumentError, match=words) as refused:
        document_from_bytes(data, name="lesson.slope")
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200


def test_text_of_the_parsers_length_opens():
    assert document_from_bytes(_with(text="x" * MAX_LENGTH)).text == "x" * MAX_LENGTH


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"x_range": [-1e308, 1e308]}, {"x_range": (-MAX_MAGNITUDE, MAX_MAGNITUDE)}),
        ({"y_range": [2e300, 3e300]}, {"y_range": (MAX_MAGNITUDE - 2 * min_span(MAX_MAGNITUDE, MAX_MAGNITUDE),
                                                  MAX_MAGNITUDE)}),
        ({"x0": -1e308}, {"x0": -MAX_MAGNITUDE}),
        ({"y_range": [5, 5 + 1e-15]}, {"y_range": (5 - 5e-9, 5 + 5e-9)}),
    ],
)
def test_a_view_beyond_the_bound_opens_at_the_nearest_view_the_app_can_show(changes, expected):
    """The window's zoom and typed x₀ can reach beyond the bound: such a session opens, not refused."""
    state = document_from_bytes(_with(**changes))
    for name, value in expected.items():
        assert getattr(state, name) == pytest.approx(value, rel=1e-12)
    assert document_from_bytes(document_to_bytes(state)) == state


# --- fuzzing: only DocumentError escapes, and what opens is showable and saves exactly --------------

#: Where a mutation puts its value in a valid session's payload.
SLOTS = [(), ("format",), ("version",), ("document",)] + [
    ("document", key) for key in _payload()["document"]
] + [
    ("document", "parameters", 0), ("document", "parameters", 0, "name"), ("document", "parameters", 0, "value"),
    ("document", "parameters", 0, "minimum"), ("document", "parameters", 0, "maximum"),
    ("document", "x_range", 0), ("document", "x_range", 1), ("document", "y_range", 1),
    ("document", "stacked_y_ranges", "1"), ("document", "stacked_y_ranges", "1", 0), ("document", "orders", 0),
]
EXTREME_NUMBERS = st.sampled_from([0, -0.0, 1e-320, 5e-324, 1e15, -1e15, 1e15 + 1, 1e16, 1e308, -1e308,
                                   1.7976931348623157e308, 10**400, -(10**400), 2**53 + 1])
JSON_LEAVES = (st.none() | st.booleans() | st.integers() | st.floats() | EXTREME_NUMBERS
               | st.text(st.characters(codec=None), max_size=8)
               | st.sampled_from(["x\ud800", "\udc80", "stacked", "overlay", "a", "1", "slope-explorer"]))
JSON_VALUES = st.recursive(JSON_LEAVES, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)


def _put(payload, slot, value):
    """The payload with `value` at `slot` (the whole payload for an empty slot)."""
    if not slot:
        return value
    container = payload
    for key in slot[:-1]:
        container = container[key]
    if isinstance(container, list) and slot[-1] >= len(container):
        container.append(value)
    else:
        container[slot[-1]] = value
    return payload


def _bytes_of(payload) -> bytes:
    return json.dumps(payload).encode("utf-8", "surrogatepass")


def _check(data: bytes) -> None:
    """The reader's contract: a DocumentError, or a state within the bound that saves exactly."""
    try:
        state = document_from_bytes(data, name="fuzz.slope")
    except DocumentError as error:
        assert str(error) and "\n" not in str(error)
        return
    numbers = [state.x0, *state.x_range, *(state.y_range or ()), *(v for _, r in state.stacked_y_ranges for v in r),
               *(v for p in state.parameters for v in (p.value, p.minimum, p.maximum))]
    assert all(math.isfinite(v) and abs(v) <= MAX_MAGNITUDE for v in numbers)
    assert document_from_bytes(document_to_bytes(state)) == state


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slot=st.sampled_from(SLOTS), value=JSON_VALUES)
def test_fuzz_a_value_anywhere_in_a_valid_session(slot, value):
    _check(_bytes_of(_put(_payload(), slot, value)))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fuzz_bytes_cut_and_spliced_into_a_valid_session(data):
    valid = document_to_bytes(VALID)
    start = data.draw(st.integers(0, len(valid)))
    end = data.draw(st.integers(start, len(valid)))
    inserted = data.draw(st.binary(max_size=12) | st.sampled_from([b"[" * 5000, b"9" * 500, b"\\ud800", b"1e999"]))
    _check(valid[:start] + inserted + valid[end:])


# --- File → Open in the window ---------------------------------------------------------------------


class RecordingPrompts:
    """Answers File → Open with the paths given and records the messages shown."""

    def __init__(self, *paths):
        self.paths = list(paths)
        self.errors = []

    def open_path(self, parent, folder):
        return self.paths.pop(0)

    def error(self, parent, title, message):
        self.errors.append(message)


@pytest.fixture
def window(qtbot, make_session, tmp_path, monkeypatch):
    from explorer.app.settings import SETTINGS_DIR_VARIABLE
    from explorer.views.main_window import MainWindow

    monkeypatch.setenv(SETTINGS_DIR_VARIABLE, str(tmp_path / "config"))
    made = MainWindow(make_session(DocumentState(text="x^2")))
    qtbot.addWidget(made)
    return made


def _unblock_a_reader_of(fifo: Path, finished: threading.Event, after: float) -> threading.Thread:
    """A thread that, if the reader has not finished after `after` seconds, writes to the FIFO, so
    that a reader stuck in open() fails the test instead of hanging the whole run."""

    def rescue():
        if finished.wait(after):
            return
        while not finished.is_set():
            try:
                descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # no reader yet
                time.sleep(0.05)
                continue
            os.write(descriptor, b"stuck")
            os.close(descriptor)
            return

    thread = threading.Thread(target=rescue, daemon=True)
    thread.start()
    return thread


def test_file_open_of_a_fifo_says_so_at_once(window, tmp_path):
    fifo = tmp_path / "lesson.slope"
    os.mkfifo(fifo)
    window.file_actions.prompts = prompts = RecordingPrompts(str(fifo))
    finished = threading.Event()
    rescuer = _unblock_a_reader_of(fifo, finished, after=5.0)
    started = time.monotonic()
    try:
        assert not window.file_actions.open_document()
    finally:
        finished.set()
        rescuer.join(5)
    assert time.monotonic() - started < 2.0
    assert prompts.errors == ["lesson.slope is a pipe, not a Slope Explorer session file"]
    assert window.session.state.text == "x^2"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (_raw('"x0": 1' + "0" * 400), "x0 must be a finite number"),
        (_raw('"stacked_y_ranges": {"' + "1" * 5000 + '": [0, 1]}'), "stacked_y_ranges"),
        (_raw('"text": "x\\ud800"'), "not valid Unicode"),
        (_with(parameters=[{"name": "a", "value": 1e308, "minimum": -1e308, "maximum": 1e308}]), "-1e15 and 1e15"),
    ],
    ids=lambda value: value if isinstance(value, str) else "session",
)
def test_file_open_shows_a_message_and_keeps_the_document(window, tmp_path, data, words):
    path = tmp_path / "bad.slope"
    path.write_bytes(data)
    window.file_actions.prompts = prompts = RecordingPrompts(str(path))
    assert not window.file_actions.open_document()
    assert len(prompts.errors) == 1 and words in prompts.errors[0] and prompts.errors[0].startswith("bad.slope ")
    assert window.session.state.text == "x^2"
