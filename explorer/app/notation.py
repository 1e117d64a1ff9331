"""How a parsed function was read, in standard notation, for the note under the function box: the
window shows the string and never touches the sympy tree (printed by the model's
`standard_notation`, imported on first use so the window shows before sympy loads)."""

from __future__ import annotations


def function_notation(function) -> str:
    """`function` (a parsed Function, or None) in standard notation; "" for None."""
    if function is None:
        return ""
    from explorer.model.standard_notation import standard_notation

    return standard_notation(function.expr)
