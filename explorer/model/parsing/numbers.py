"""A number as a student types one: `2.5`, `-pi`, `pi/2`, `sqrt(2)/2`, `e^-1`, `1/3`.

Read with the same parser as functions (so no text is ever evaluated as Python) and evaluated by
sympy to more digits than a float holds, so `pi/2` is the float nearest π/2, not the rounding of
a rounded π halved.
"""

from __future__ import annotations

import math

from explorer.model.parsing.errors import ParseError

#: Digits sympy evaluates to before rounding once to a float.
DIGITS = 40


def read_number(text: str) -> float:
    """The finite float `text` names, or ParseError saying why not (it names x or a parameter, it is
    not real, it is not finite)."""
    stripped = text.strip()
    try:
        value = float(stripped)
    except ValueError:
        pass
    else:
        if not math.isfinite(value):
            raise ParseError("not a finite number", 0)
        return value
    from explorer.model.parsing.grammar import parse

    function = parse(stripped)
    if function.expr.free_symbols:
        names = sorted(str(symbol) for symbol in function.expr.free_symbols)
        raise ParseError(f"a number cannot depend on {names[0]}", 0)
    exact = function.expr.evalf(DIGITS)
    if not exact.is_real or not exact.is_finite:
        raise ParseError("not a finite real number", 0)
    value = float(exact)
    if not math.isfinite(value):
        raise ParseError("too large for a number here", 0)
    return value
