"""Taylor polynomials at a point: c_k = f⁽ᵏ⁾(x₀)/k! for k = 0 … degree, by Taylor-mode arithmetic.

Nested reverse-mode autograd grows too fast past order 6–8 (each order differentiates the graph
of the one before); propagating a truncated power series through each operation of the same
Program costs O(degree²) per operation instead, so degree 20 takes milliseconds.

This package's face is light: `request` and `result` hold plain values (the app and the views
import them without torch); `series` (the arithmetic), `walk` (the Program read as series),
`radius` (the estimate from the coefficients), `expansion` (what the engine calls) and `curve`
(Tₙ and |f − Tₙ| on a grid) need torch and numpy, and are imported by the engine only.
"""

from explorer.model.taylor.request import MAX_DEGREE, TaylorRequest
from explorer.model.taylor.result import Radius, TaylorCurve, TaylorExpansion, TaylorKind

__all__ = ["MAX_DEGREE", "Radius", "TaylorCurve", "TaylorExpansion", "TaylorKind", "TaylorRequest"]
