"""`.slope` files: a DocumentState as JSON, read strictly and written atomically.

The file names its format and version so that a file from a newer release, or any other JSON, is
refused with a sentence instead of half-loaded. Reading either returns a complete DocumentState or
raises DocumentError; it never changes anything on its own.

Whatever the file is, reading ends quickly with one of the two: a pipe or a device (/dev/zero) is
refused by what the open file is, never read; at most MAX_FILE_BYTES + 1 bytes are read; JSON nested
too deeply, numbers beyond float64 and text that is not Unicode are refused with a sentence.
Numbers follow the one bound of state.py: a parameter beyond it is refused (the window's boxes can
never make one), while a view beyond it (x- and y-ranges, x₀, which the window's zoom and typed x₀
can reach) opens at the nearest view the app can show, so no session is lost for its view. For the
same reason a file that shows derivative curves beyond MAX_ORDER (f⁽⁷⁾ to f⁽¹⁰⁾, which the command
line once accepted) opens without them: they are left out, and the rest of the session is kept.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

from explorer.app.secant_state import secant_from_dict, secant_to_dict
from explorer.app.state import (
    CURVE_COLOURINGS,
    FEATURE_FAMILIES,
    MAX_ORDER,
    DocumentState,
    ParameterSetting,
    clamped,
    range_problem,
    showable_range,
    value_problem,
)
from explorer.files import write_bytes_atomically
from explorer.model.parsing.limits import MAX_LENGTH

FORMAT_NAME = "slope-explorer"
FORMAT_VERSION = 1
SUFFIX = ".slope"
#: A session is a few hundred bytes; anything this big is not one and is not read into memory.
MAX_FILE_BYTES = 1_000_000
LAYOUTS = ("overlay", "stacked")
#: The highest order this reader accepted before MAX_ORDER was one bound for window, files and command
#: line: such a file still opens, its orders above MAX_ORDER left out.
OLD_MAX_ORDER = 10


class DocumentError(ValueError):
    """Why a file is not a session we can open; `str()` is the message shown to the user."""


def save_document(state: DocumentState, path: str | os.PathLike) -> None:
    """Write `state` to `path` atomically (the old file survives any failure intact)."""
    write_bytes_atomically(path, document_to_bytes(state))


def load_document(path: str | os.PathLike) -> DocumentState:
    """Read a `.slope` file; raises DocumentError (also for unreadable files) with a clear message."""
    path = Path(path)
    try:
        data = _read_regular_file(path)
    except OSError as error:
        raise DocumentError(f"cannot open {path}: {error.strerror or error}") from error
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(f"{path.name} is not a Slope Explorer session (it is over {MAX_FILE_BYTES} bytes)")
    return document_from_bytes(data, name=path.name)


#: What a path that is not a regular file is, in words, by the `stat` test that tells.
_NOT_FILES = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a device"),
              (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _read_regular_file(path: Path) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of `path`, which must be a regular file.

    The size a path's stat reports is 0 for a FIFO or /dev/zero, which then block forever or never
    end: so the file is opened without blocking (a FIFO with no writer opens at once), what is
    open is checked (not the path, which could change in between), and the read is bounded.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((words for test, words in _NOT_FILES if test(mode)), "a special file")
            raise DocumentError(f"{path.name} is {kind}, not a Slope Explorer session file")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def document_to_bytes(state: DocumentState) -> bytes:
    document = {
        "text": storable_text(state.text),
        "parameters": [
            {"name": p.name, "value": p.value, "minimum": p.minimum, "maximum": p.maximum}
            for p in state.parameters
        ],
        "x_range": list(state.x_range),
        "y_range": None if state.y_range is None else list(state.y_range),
        "stacked_y_ranges": {str(order): list(y_range) for order, y_range in state.stacked_y_ranges},
        "x0": state.x0,
        "orders": list(state.orders),
        "layout": state.layout,
        "show_tangent": state.show_tangent,
        "show_features": state.show_features,
        "feature_families": list(state.feature_families),
        "show_sign_charts": state.show_sign_charts,
        "curve_colouring": state.curve_colouring,
        "show_taylor": state.show_taylor,
        "taylor_degree": state.taylor_degree,
        "show_taylor_error": state.show_taylor_error,
        "taylor_tolerance": state.taylor_tolerance,
        "secant": secant_to_dict(state.secant),
    }
    payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "document": document}
    return (json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


#: A UTF-16 surrogate on its own: a Python string can hold one (from a JSON escape, or a command
#: line's undecodable byte), but UTF-8 cannot, and so neither can a file.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def storable_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, the replacement character, so that any
    state can be saved: the reader refuses such text, so it only comes from the command line, and
    the replacement keeps everything else of the session and shows where the character was."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def document_from_bytes(data: bytes, name: str = "the file") -> DocumentState:
    """The state a session's bytes hold; DocumentError, and no other exception, for anything else."""
    try:
        payload = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise DocumentError(f"{name} is not a Slope Explorer session (its JSON is nested too deeply)") from None
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise DocumentError(f"{name} is not a Slope Explorer session (it is not valid JSON)") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise DocumentError(f"{name} is not a Slope Explorer session")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError(f"{name} has no valid format version")
    if version > FORMAT_VERSION:
        raise DocumentError(
            f"{name} was saved by a newer Slope Explorer (format version {version}); "
            f"this version reads version {FORMAT_VERSION}. Please update Slope Explorer."
        )
    document = payload.get("document")
    if not isinstance(document, dict):
        raise DocumentError(f"{name} is damaged: it holds no document")
    try:
        return _state_from_dict(document)
    except DocumentError as error:
        raise DocumentError(f"{name} is damaged: {error}") from None


def _reject_constant(constant: str):
    raise ValueError(f"{constant} is not allowed")


def _state_from_dict(document: dict) -> DocumentState:
    """Missing keys take their defaults (files stay readable when fields are added); wrong ones fail."""
    default = DocumentState()
    x_range = _range(document.get("x_range", default.x_range), "x_range")
    y_value = document.get("y_range", default.y_range)
    y_range = None if y_value is None else _range(y_value, "y_range")
    stacked_y_ranges = _stacked_y_ranges(document.get("stacked_y_ranges", {}))
    orders = document.get("orders", default.orders)
    if not isinstance(orders, (list, tuple)) or not all(_is_int(k) and 1 <= k <= OLD_MAX_ORDER for k in orders):
        raise DocumentError(f"orders must be whole numbers from 1 to {MAX_ORDER}")
    layout = document.get("layout", default.layout)
    if layout not in LAYOUTS:
        raise DocumentError(f"layout must be one of {', '.join(LAYOUTS)}")
    show_tangent = document.get("show_tangent", default.show_tangent)
    if not isinstance(show_tangent, bool):
        raise DocumentError("show_tangent must be true or false")
    show_features, show_sign_charts = (_flag(document, name, getattr(default, name))
                                       for name in ("show_features", "show_sign_charts"))
    families = document.get("feature_families", list(default.feature_families))
    if not isinstance(families, (list, tuple)) or not all(family in FEATURE_FAMILIES for family in families):
        raise DocumentError(f"feature_families must list some of {', '.join(FEATURE_FAMILIES)}")
    colouring = document.get("curve_colouring", default.curve_colouring)
    if colouring not in CURVE_COLOURINGS:
        raise DocumentError(f"curve_colouring must be one of {', '.join(CURVE_COLOURINGS)}")
    try:
        secant = secant_from_dict(document.get("secant"))
    except ValueError as error:
        raise DocumentError(str(error)) from None
    return DocumentState(
        text=_text(document.get("text", default.text)),
        parameters=_parameters(document.get("parameters", [])),
        x_range=x_range,
        y_range=y_range,
        stacked_y_ranges=stacked_y_ranges,
        x0=clamped(_number(document.get("x0", default.x0), "x0")),
        orders=tuple(sorted({k for k in orders if k <= MAX_ORDER})),
        layout=layout,
        show_tangent=show_tangent,
        show_features=show_features,
        feature_families=tuple(family for family in FEATURE_FAMILIES if family in families),
        show_sign_charts=show_sign_charts,
        curve_colouring=colouring,
        **_taylor_settings(document, default),
        secant=secant,
    )


def _flag(document: dict, name: str, default: bool) -> bool:
    value = document.get(name, default)
    if not isinstance(value, bool):
        raise DocumentError(f"{name} must be true or false")
    return value


def _taylor_settings(document: dict, default: DocumentState) -> dict:
    """The Taylor tool's settings (absent from files written before it: the defaults)."""
    settings = {name: document.get(name, getattr(default, name))
                for name in ("show_taylor", "taylor_degree", "show_taylor_error", "taylor_tolerance")}
    if not isinstance(settings["show_taylor"], bool) or not isinstance(settings["show_taylor_error"], bool):
        raise DocumentError("show_taylor and show_taylor_error must be true or false")
    if not _is_int(settings["taylor_degree"]) or not 0 <= settings["taylor_degree"] <= 20:
        raise DocumentError("taylor_degree must be a whole number from 0 to 20")
    tolerance = _number(settings["taylor_tolerance"], "taylor_tolerance")
    if not tolerance > 0:
        raise DocumentError("taylor_tolerance must be a positive number")
    settings["taylor_tolerance"] = tolerance
    return settings


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value, what: str) -> float:
    """A JSON number as a finite float; a whole number beyond float64 (400 digits) is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DocumentError(f"{what} must be a finite number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise DocumentError(f"{what} must be a finite number")
    return number


def _range(value, what: str) -> tuple[float, float]:
    """A view's range, moved to the nearest one the app can show (the window's zoom can go beyond)."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise DocumentError(f"{what} must be a pair of numbers")
    low, high = (_number(v, what) for v in value)
    if not low < high:
        raise DocumentError(f"{what} must go from a smaller to a larger number")
    return showable_range(low, high)


#: The keys of stacked_y_ranges, as the writer spells them (a 5,000-digit key is never converted).
_ORDER_KEYS = {str(order) for order in range(1, OLD_MAX_ORDER + 1)}


def _stacked_y_ranges(value) -> tuple[tuple[int, tuple[float, float]], ...]:
    """{"order": [low, high]} (JSON keys are strings) as the state's sorted pairs."""
    if not isinstance(value, dict):
        raise DocumentError("stacked_y_ranges must map derivative orders to ranges")
    ranges = {}
    for key, y_range in value.items():
        if key not in _ORDER_KEYS:
            raise DocumentError(f"stacked_y_ranges: orders must be whole numbers from 1 to {MAX_ORDER}")
        ranges[int(key)] = _range(y_range, f"the y-range of stacked plot {key}")
    return tuple(sorted((order, y_range) for order, y_range in ranges.items() if order <= MAX_ORDER))


def _text(value) -> str:
    """The function's text, within the parser's own length limit and storable as UTF-8."""
    if not isinstance(value, str):
        raise DocumentError("the function text is missing")
    if len(value) > MAX_LENGTH:
        raise DocumentError(f"the function text is longer than {MAX_LENGTH} characters")
    if _LONE_SURROGATE.search(value):
        raise DocumentError("the function text holds a character that is not valid Unicode (a lone surrogate)")
    return value


def _is_name(value) -> bool:
    """A parameter's name: an identifier no longer than a function's text can be."""
    return isinstance(value, str) and value.isidentifier() and len(value) <= MAX_LENGTH


def _parameters(value) -> tuple[ParameterSetting, ...]:
    if not isinstance(value, list):
        raise DocumentError("parameters must be a list")
    settings = []
    for entry in value:
        if not isinstance(entry, dict) or not _is_name(entry.get("name")):
            raise DocumentError("each parameter needs a name")
        name = entry["name"]
        what = f"parameter {name}"
        minimum = _number(entry.get("minimum", ParameterSetting.minimum), what)
        maximum = _number(entry.get("maximum", ParameterSetting.maximum), what)
        if not minimum < maximum:
            raise DocumentError(f"{what}: its minimum must be below its maximum")
        value = _number(entry.get("value", ParameterSetting.value), what)
        if value_problem(value):
            raise DocumentError(f"{what} {value_problem(value)}")
        if range_problem(minimum, maximum):
            raise DocumentError(f"{what}: its range {range_problem(minimum, maximum)}")
        settings.append(ParameterSetting(name, value, minimum, maximum))
    if len({s.name for s in settings}) != len(settings):
        raise DocumentError("a parameter is listed twice")
    return tuple(settings)
