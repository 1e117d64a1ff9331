"""`.slope` files: a DocumentState as JSON, read strictly and written atomically.

The file names its format and version so that a file from a newer release, or any other JSON, is
refused with a sentence instead of half-loaded. Reading either returns a complete DocumentState or
raises DocumentError; it never changes anything on its own.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from explorer.app.state import DocumentState, ParameterSetting
from explorer.exporters.atomic import write_bytes_atomically

FORMAT_NAME = "slope-explorer"
FORMAT_VERSION = 1
SUFFIX = ".slope"
#: A session is a few hundred bytes; anything this big is not one and is not read into memory.
MAX_FILE_BYTES = 1_000_000
LAYOUTS = ("overlay", "stacked")
MAX_ORDER = 10


class DocumentError(ValueError):
    """Why a file is not a session we can open; `str()` is the message shown to the user."""


def save_document(state: DocumentState, path: str | os.PathLike) -> None:
    """Write `state` to `path` atomically (the old file survives any failure intact)."""
    write_bytes_atomically(path, document_to_bytes(state))


def load_document(path: str | os.PathLike) -> DocumentState:
    """Read a `.slope` file; raises DocumentError (also for unreadable files) with a clear message."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(f"{path.name} is not a Slope Explorer session (it is {size} bytes)")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot open {path}: {error.strerror or error}") from error
    return document_from_bytes(data, name=path.name)


def document_to_bytes(state: DocumentState) -> bytes:
    document = {
        "text": state.text,
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
    }
    payload = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "document": document}
    return (json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def document_from_bytes(data: bytes, name: str = "the file") -> DocumentState:
    try:
        payload = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
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
    if not isinstance(orders, (list, tuple)) or not all(_is_int(k) and 1 <= k <= MAX_ORDER for k in orders):
        raise DocumentError(f"orders must be whole numbers from 1 to {MAX_ORDER}")
    layout = document.get("layout", default.layout)
    if layout not in LAYOUTS:
        raise DocumentError(f"layout must be one of {', '.join(LAYOUTS)}")
    show_tangent = document.get("show_tangent", default.show_tangent)
    if not isinstance(show_tangent, bool):
        raise DocumentError("show_tangent must be true or false")
    return DocumentState(
        text=_text(document.get("text", default.text)),
        parameters=_parameters(document.get("parameters", [])),
        x_range=x_range,
        y_range=y_range,
        stacked_y_ranges=stacked_y_ranges,
        x0=_number(document.get("x0", default.x0), "x0"),
        orders=tuple(sorted(set(orders))),
        layout=layout,
        show_tangent=show_tangent,
    )


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DocumentError(f"{what} must be a finite number")
    return float(value)


def _range(value, what: str) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise DocumentError(f"{what} must be a pair of numbers")
    low, high = (_number(v, what) for v in value)
    if not low < high:
        raise DocumentError(f"{what} must go from a smaller to a larger number")
    return low, high


def _stacked_y_ranges(value) -> tuple[tuple[int, tuple[float, float]], ...]:
    """{"order": [low, high]} (JSON keys are strings) as the state's sorted pairs."""
    if not isinstance(value, dict):
        raise DocumentError("stacked_y_ranges must map derivative orders to ranges")
    ranges = {}
    for key, y_range in value.items():
        if not (key.isascii() and key.isdigit() and 1 <= int(key) <= MAX_ORDER):
            raise DocumentError(f"stacked_y_ranges: orders must be whole numbers from 1 to {MAX_ORDER}")
        ranges[int(key)] = _range(y_range, f"the y-range of stacked plot {key}")
    return tuple(sorted(ranges.items()))


def _text(value) -> str:
    if not isinstance(value, str) or len(value) > 10_000:
        raise DocumentError("the function text is missing or too long")
    return value


def _parameters(value) -> tuple[ParameterSetting, ...]:
    if not isinstance(value, list):
        raise DocumentError("parameters must be a list")
    settings = []
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].isidentifier():
            raise DocumentError("each parameter needs a name")
        name = entry["name"]
        minimum = _number(entry.get("minimum", ParameterSetting.minimum), f"parameter {name}")
        maximum = _number(entry.get("maximum", ParameterSetting.maximum), f"parameter {name}")
        if not minimum < maximum:
            raise DocumentError(f"parameter {name}: its minimum must be below its maximum")
        settings.append(
            ParameterSetting(name, _number(entry.get("value", ParameterSetting.value), f"parameter {name}"), minimum, maximum)
        )
    if len({s.name for s in settings}) != len(settings):
        raise DocumentError("a parameter is listed twice")
    return tuple(settings)
