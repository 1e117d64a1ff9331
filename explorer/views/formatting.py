"""Sentences of the readout. Pure functions of a PointReading: tested without widgets.

Names and numbers are written by explorer/notation.py, as everywhere else in the app.

Kinds are compared by their string values (part of the model's public API), so this module does
not import the model package, and with it sympy, before the window shows.
"""

from __future__ import annotations

import math

from explorer.notation import MINUS, derivative_name, format_decimal, format_number

#: The tangent line's name in its equation: ℓ(x), which no typed text can make a parameter of
#: (every letter but x can be one: with f(x) = x² + y³, "y = 4x + 23" would read as a slider's value).
TANGENT_NAME = "\u2113(x)"


def tangent_equation(x0: float, y0: float, slope: float) -> str:
    """ℓ(x) = m x + b, the tangent at (x0, y0)."""
    intercept = y0 - slope * x0
    terms = []
    if slope != 0:
        coefficient = "" if slope == 1 else (MINUS if slope == -1 else format_number(slope))
        terms.append(f"{coefficient}x")
    if intercept != 0 or not terms:
        if terms:
            sign = MINUS if intercept < 0 else "+"
            terms.append(f"{sign} {format_number(abs(intercept))}")
        else:
            terms.append(format_number(intercept))
    return f"{TANGENT_NAME} = " + " ".join(terms)


def value_line(name: str, reading, k: int) -> str:
    """"f(1) = 0.841471", or, for a value that exists beyond double precision (e^x at 800),
    "f(800) ≈ 2.72637×10³⁴⁷ (beyond double precision)" rather than "undefined"."""
    value = reading.values[k] if k < len(reading.values) else math.nan
    beyond = getattr(reading, "beyond", {}).get(k)
    if math.isnan(value) and beyond:
        return f"{name} \u2248 {format_decimal(beyond)} (beyond double precision)"
    return f"{name} = {format_number(value)}"


def slope_sentence(reading) -> str:
    """What the derivative does at the point, in the words a student reads."""
    x = format_number(reading.x)
    kind = str(getattr(reading.kind, "value", reading.kind))
    fprime = derivative_name(1, x)
    if kind in ("smooth", "corner") and getattr(reading, "undecided", "") and math.isnan(reading.slope):
        return f"{fprime} could not be decided: {reading.undecided}"
    if kind == "smooth":
        return value_line(fprime, reading, 1)
    if kind == "corner":
        return (f"{fprime} does not exist: left {format_number(reading.left_slope)}, "
                f"right {format_number(reading.right_slope)}")
    if kind == "cusp":
        return f"{fprime} does not exist: cusp, vertical tangent x = {x}"
    if kind == "vertical":
        return f"{fprime} does not exist: vertical tangent x = {x}"
    if kind == "undefined":
        beyond = getattr(reading, "beyond", {})
        if 1 in beyond:  # e^x at 800: f and f′ exist, too large for the plot to hold
            return value_line(fprime, reading, 1)
        if 0 in beyond:
            return f"f({x}) is beyond double precision: no tangent drawn"
        # f itself is missing (ln x at −1), or f is there and f′ is not (no one-sided slope exists)
        missing = fprime if math.isfinite(reading.value) else f"f({x})"
        return f"{missing} is undefined: no tangent here"
    if kind == "discontinuous":
        return f"{fprime} does not exist: f jumps at x = {x}"
    return f"{fprime}: {kind}"


def x_partial_sentence(reading) -> str:
    """∂f/∂x beside the parameters' partials: f′ in the same words ("does not exist here (left −1,
    right 1)" at a corner), never "undefined" where f′ has one-sided values."""
    partial = "\u2202f/\u2202x"
    kind = str(getattr(reading.kind, "value", reading.kind))
    if math.isfinite(reading.slope):
        return f"{partial} = {format_number(reading.slope)}"
    if kind == "corner" and not (math.isnan(reading.left_slope) or math.isnan(reading.right_slope)):
        return (f"{partial} does not exist here (left {format_number(reading.left_slope)}, "
                f"right {format_number(reading.right_slope)})")
    if kind in ("cusp", "vertical"):
        return f"{partial} does not exist here: vertical tangent"
    if kind == "discontinuous":
        return f"{partial} does not exist here: f jumps at x = {format_number(reading.x)}"
    return f"{partial} is undefined here"


def partial_sentence(reading, name: str) -> str:
    """∂f/∂p at the point, in the slope's words: where a guard is at its special point in p's
    direction (|a x| at a = 0) the model judged ∂f/∂p from its one-sided limits along p, and a
    partial that does not exist is said so, with those limits, never as a number."""
    partial = f"\u2202f/\u2202{name}"
    kind = getattr(reading, "partial_kinds", {}).get(name)
    kind = None if kind is None else str(getattr(kind, "value", kind))
    if kind in (None, "smooth"):
        return f"{partial} = {format_number(reading.partials.get(name, math.nan))}"
    if kind == "discontinuous":
        return f"{partial} does not exist here: f jumps as {name} moves"
    if kind == "undefined":
        return f"{partial} is undefined here"
    left, right = reading.partial_sides[name]
    return f"{partial} does not exist here (left {format_number(left)}, right {format_number(right)})"


def tangent_sentence(reading) -> str:
    """The tangent line's equation, or what stands in for it."""
    kind = str(getattr(reading.kind, "value", reading.kind))
    if kind == "smooth" and math.isfinite(reading.value) and math.isfinite(reading.slope):
        return "Tangent: " + tangent_equation(reading.x, reading.value, reading.slope)
    if kind in ("cusp", "vertical"):
        return f"Tangent: x = {format_number(reading.x)}"
    if kind == "corner":
        y0 = reading.value
        left = tangent_equation(reading.x, y0, reading.left_slope)
        right = tangent_equation(reading.x, y0, reading.right_slope)
        return f"Half-tangents: {left} (left), {right} (right)"
    return "Tangent: none"


def readout_summary(reading) -> str:
    """One line with x₀, f(x₀) and the slope: the window's status text and the readout trace."""
    x = format_number(reading.x)
    return f"x\u2080 = {x}   f({x}) = {format_number(reading.value)}   {slope_sentence(reading)}"


def caption_text(function_text: str, reading, params: dict[str, float] | None = None) -> str:
    """An exported picture's caption: the function, its parameters and the readout at x₀, in the
    words the window's readout uses (File > Export Image and the command line's --caption)."""
    parts = [f"f(x) = {function_text}"]
    parts += [f"{name} = {format_number(value)}" for name, value in (params or {}).items()]
    if reading is not None:
        parts.append(readout_summary(reading))
    return "    ".join(parts)
