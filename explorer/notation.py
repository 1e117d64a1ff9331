"""How the app writes a derivative's name and a number: one place for the window, exports and messages.

Two readers, two spellings of the same thing. People read the window, captions and the readout:
f′, f⁽⁴⁾, a real minus sign, 1.5×10⁻⁹, ∞, "undefined". Programs read CSV and JSON files and the
command line's messages: f'''' and 1e-9 in ASCII, which every spreadsheet and script understands,
and data written to read back to the same float.

Plain Python, importing nothing of the app: the readout (views), the exporters and the document's
bounds (app/state.py) all use it, and none of them may depend on another's layer for it.
"""

from __future__ import annotations

import math

MINUS = "\u2212"
_PRIMES = ("", "\u2032", "\u2033", "\u2034")
_SUPERSCRIPTS = str.maketrans("0123456789-", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b")


def derivative_name(order: int, variable: str = "x", ascii: bool = False) -> str:
    """f, f′, f″, f‴, f⁽⁴⁾ … applied to `variable` (empty for just the name); with `ascii`,
    f, f', f'', f''' … (the names of exported columns)."""
    if ascii:
        name = "f" + "'" * order
    elif order < len(_PRIMES):
        name = "f" + _PRIMES[order]
    else:
        name = f"f\u207d{superscript(order)}\u207e"
    return f"{name}({variable})" if variable else name


def superscript(number: int) -> str:
    """An integer as superscript digits: −6 as ⁻⁶."""
    return str(number).translate(_SUPERSCRIPTS)


def format_decimal(text: str) -> str:
    """A number's decimal text beyond what a float holds ("2.72637e+347", "-1.0e+600"), for people:
    2.72637×10³⁴⁷, −1×10⁶⁰⁰."""
    mantissa, _, exponent = text.partition("e")
    if mantissa.endswith(".0"):
        mantissa = mantissa[:-2]
    mantissa = mantissa.replace("-", MINUS)
    return f"{mantissa}\u00d710{superscript(int(exponent))}" if exponent else mantissa


def format_number(value: float | None, digits: int | None = 6, ascii: bool = False) -> str:
    """A number as short text.

    For people (the default): `digits` significant digits, so 233 and not 233.00000000000003, a real
    minus sign, 1.5×10⁻⁹, ∞, and "undefined" for NaN or None (no value there); digits=None
    writes every digit a float holds.
    With `ascii`, for files and messages: `digits` significant digits as 1e15 or 1e-9, or with
    digits=None the shortest text that reads back to the same float (data); inf and -inf, and NaN
    or None as nothing (an empty cell).
    """
    if value is None or math.isnan(value):
        return "" if ascii else "undefined"
    if ascii:
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if digits is None:
            return repr(float(value))
        mantissa, _, exponent = f"{value:.{digits}g}".partition("e")
        return f"{mantissa}e{int(exponent)}" if exponent else mantissa
    if math.isinf(value):
        return "\u221e" if value > 0 else MINUS + "\u221e"
    text = f"{value:.{digits or 17}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa.replace('-', MINUS)}\u00d710{superscript(int(exponent))}"
    if text in ("-0", "0"):
        return "0"
    return text.replace("-", MINUS)
