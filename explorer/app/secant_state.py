"""The secant tool's part of a document: whether it is shown and its step h, as saved in `.slope`
files (under "secant"; files written before the tool open with it hidden). Plain Python."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The smallest |h| the tool sets: below it x₀ + h and x₀ are the same float for most x₀.
MIN_H = 1e-15
#: The largest |h| (the bound every coordinate of a document keeps to, state.MAX_MAGNITUDE).
MAX_H = 1e15
DEFAULT_H = 0.5


@dataclass(frozen=True)
class SecantSetting:
    """The secant tool: shown or not, and h (either sign, MIN_H ≤ |h| ≤ MAX_H)."""

    shown: bool = False
    h: float = DEFAULT_H


def valid_h(h: float) -> float | None:
    """`h` moved within MIN_H ≤ |h| ≤ MAX_H keeping its sign, or None for 0 and what is not finite."""
    if not math.isfinite(h) or h == 0:
        return None
    return math.copysign(min(max(abs(h), MIN_H), MAX_H), h)


def secant_to_dict(setting: SecantSetting) -> dict:
    return {"shown": setting.shown, "h": setting.h}


def secant_from_dict(value) -> SecantSetting:
    """The setting a file holds (None: the default); ValueError says what is wrong."""
    if value is None:
        return SecantSetting()
    if not isinstance(value, dict):
        raise ValueError("secant must be an object")
    shown = value.get("shown", False)
    h = value.get("h", DEFAULT_H)
    if not isinstance(shown, bool):
        raise ValueError("secant.shown must be true or false")
    if isinstance(h, bool) or not isinstance(h, (int, float)) or valid_h(float(h)) != h:
        raise ValueError(f"secant.h must be a number with {MIN_H:g} <= |h| <= {MAX_H:g}")
    return SecantSetting(shown, float(h))
