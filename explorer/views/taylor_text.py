"""Tₙ written out for the Taylor panel: Σ c_k (x − x₀)^k with rounded coefficients, and the words
that go with a kind of point and a radius estimate. Formatting only: the numbers come from the model."""

from __future__ import annotations

import math

from explorer.notation import MINUS, format_number, superscript

#: Significant digits of a coefficient as written (the exact value is in the command line's JSON).
DIGITS = 4
#: At most this many terms are written; the rest is "+ …".
MAX_TERMS = 8

KIND_WORDS = {
    "corner": "f has a corner at x₀: each side has its own polynomial",
    "cusp": "f has a cusp at x₀: no Taylor polynomial on either side",
    "vertical": "f has a vertical tangent at x₀: no Taylor polynomial there",
    "undefined": "f is undefined at x₀",
    "discontinuous": "f jumps at x₀: each side has its own polynomial",
    "higher_corner": "a higher derivative of f breaks at x₀: the sides agree only up to degree {agreed}",
}


def subscript(number: int) -> str:
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(number))


def _shift(x0: float) -> str:
    if x0 == 0:
        return "x"
    sign = MINUS if x0 > 0 else "+"
    return f"(x {sign} {format_number(abs(x0), DIGITS)})"


def polynomial_text(coefficients, x0: float) -> str:
    """c₀ + c₁(x − x₀) + c₂(x − x₀)² …, zero terms left out, coefficients to DIGITS digits."""
    base = _shift(x0)
    terms = []
    for k, c in enumerate(coefficients):
        if c == 0 or not math.isfinite(c):
            continue
        magnitude = format_number(abs(c), DIGITS)
        power = "" if k == 0 else base + (superscript(k) if k > 1 else "")
        if k and magnitude == "1":
            magnitude = ""
        body = magnitude + ("·" if magnitude and power and not power.startswith("(") else "") + power
        terms.append((c < 0, body))
    if not terms:
        return "0"
    shown, more = terms[:MAX_TERMS], len(terms) > MAX_TERMS
    text = (MINUS if shown[0][0] else "") + shown[0][1]
    for negative, body in shown[1:]:
        text += f" {MINUS if negative else '+'} {body}"
    return text + (" + …" if more else "")


def expansion_lines(expansion) -> list[str]:
    """What the panel says about Tₙ: the formula (or one per side), and what kind of point x₀ is."""
    name = f"T{subscript(expansion.degree)}(x)"
    if expansion.coefficients is not None:
        return [f"{name} = {polynomial_text(expansion.coefficients, expansion.x0)}"]
    lines = [KIND_WORDS.get(expansion.kind.value, expansion.kind.value).format(agreed=expansion.smooth_degree)]
    for side, coefficients in (("left", expansion.left), ("right", expansion.right)):
        if coefficients is not None:
            lines.append(f"{side}: {name} = {polynomial_text(coefficients, expansion.x0)}")
        elif expansion.kind.value not in ("cusp", "vertical", "undefined") or expansion.left or expansion.right:
            lines.append(f"{side}: no polynomial")
    return lines


def radius_text(radius) -> str:
    """The radius estimate and its caveat, as one line."""
    if radius.value is None:
        return radius.note[:1].upper() + radius.note[1:] + "."
    value = "∞" if math.isinf(radius.value) else "≈ " + format_number(radius.value, 3)
    return f"Radius of convergence {value}: {radius.note}."
