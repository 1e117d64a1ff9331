"""Tick labels for a deep zoom: offsets from one value said once beside the axis.

pyqtgraph writes every digit of a tick value: at a y-span of 10⁻⁵ around 1 a label reads 1.000002,
57 px, wider than the plot's 56 px left axis, so no label was drawn at all; and from 10⁴ on it
writes six significant digits, so the labels of 1000000 … 1000010 all read 1e+06. Where labels
would need more digits than an axis holds, they are written as matplotlib writes them: the ticks
as small signed numbers ("+2", "−4"), and beside the axis what to multiply them by and add
("×10⁻⁶ + 2"), once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from explorer.notation import MINUS, superscript

#: Most characters (digits and a minus sign) a plain label may need: the widest, 6 digits, a point
#: and no sign, is 50 px in the default font; the left axis leaves 51 px for labels.
MAX_LABEL_CHARACTERS = 6


@dataclass(frozen=True)
class LabelOffset:
    """Tick labels written as (value − base) / 10^exponent, and "×10^exponent + base" said once."""

    base: float
    exponent: int
    #: Decimals that write `base` exactly as chosen.
    base_decimals: int

    def labels(self, values, spacing: float) -> list[str]:
        """Each value's signed offset from the base, in units of 10^exponent, with the decimals
        this level's spacing needs (+2, −4, +2.5; 0 at the base itself)."""
        unit = 10.0 ** self.exponent
        decimals = max(0, math.ceil(-math.log10(spacing / unit) - 1e-9))
        return [_signed(f"{(value - self.base) / unit:+.{decimals}f}") for value in values]

    def note(self) -> str:
        """What each label means: ×10⁻⁶ + 2 (each label times 10⁻⁶, plus 2)."""
        base = f"{abs(self.base):.{self.base_decimals}f}"
        sign = MINUS if self.base < 0 else "+"
        scale = f"\u00d710{superscript(self.exponent)} " if self.exponent else ""
        return f"{scale}{sign} {base}"


def _signed(text: str) -> str:
    """+0 and -0 as 0, and a real minus sign."""
    if float(text) == 0:
        return "0"
    return text.replace("-", MINUS)


def plain_label_characters(low: float, high: float) -> int:
    """About how many characters pyqtgraph's labels of this range have: the digits before the
    point, those after it that a tick spacing of a tenth of the span or so needs, and a minus sign."""
    magnitude, span = max(abs(low), abs(high)), high - low
    digits = math.floor(math.log10(magnitude)) - math.floor(math.log10(span)) + 2
    return digits + (low < 0)


def label_offset(low: float, high: float) -> LabelOffset | None:
    """The offset form for an axis showing low … high, or None where plain labels fit.

    The base is the roundest number in the range (2 for 1.99999 … 2.00001: the fewest digits to
    read), and the exponent a tenth of the span's decade, so labels stay within ±100.
    """
    low, high = sorted((low, high))
    span = high - low
    if not (math.isfinite(low) and math.isfinite(high) and span > 0 and max(abs(low), abs(high)) > 0):
        return None
    if plain_label_characters(low, high) <= MAX_LABEL_CHARACTERS:
        return None
    base, decimals = _roundest(low, high)
    return LabelOffset(base, math.floor(math.log10(span)) - 1, decimals)


def _roundest(low: float, high: float) -> tuple[float, int]:
    """The number in low … high with the fewest decimals (nearest the middle among those), and
    how many decimals it has: a multiple of the span's own decade always lies within half of it
    of the middle, so the search ends there (or a decade further, for a rounding at its edge)."""
    middle = (low + high) / 2
    top = math.floor(math.log10(max(abs(low), abs(high)))) + 1
    for power in range(top, math.floor(math.log10(high - low)) - 2, -1):
        base = round(middle, -power)
        if low <= base <= high:
            return base, max(0, -power)
    return middle, max(0, 2 - math.floor(math.log10(high - low)))
