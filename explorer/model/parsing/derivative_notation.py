"""`d/dx x^2` is refused with a hint, not read as d/(d·x·x²) with a slider d that does nothing.

The derivative is what the app draws: a student who types Leibniz's notation wants f′, which the
window shows with Ctrl+1 (View ▸ Show f′). Checked on the text before it is read, since the
grammar would read it, letter by letter, as a product.
"""

from __future__ import annotations

import re

from explorer.model.parsing.errors import ParseError

#: d/dx, d / d x, (d/dx): a lone d over a lone d and x.
LEIBNIZ = r"(?<![A-Za-z])d\s*/\s*d\s*x(?![A-Za-z])"

HINT = "d/dx is not read here: type f itself; to see the derivative, turn on f\u2032 (Ctrl+1)"


def refuse_derivative_notation(text: str) -> None:
    """Raise ParseError at the d of a `d/dx` in `text`."""
    found = re.search(LEIBNIZ, text)
    if found is not None:
        raise ParseError(HINT, found.start())
