"""Truncated power series in torch: the arithmetic of Taylor mode.

A series is a tensor shaped (points, L): row i holds the coefficients u₀ … u_{L-1} of u(x₀ᵢ + h)
in powers of h. Products are convolutions; quotients, exp, log, powers and the trigonometric pair
follow the classical recurrences (each coefficient from the ones below it, O(L²) per operation);
inverse functions integrate their derivative, a series of the argument times u′.

Every recurrence reads a reversed copy of one operand, so that Σ_{j} a_j b_{k−j} is one product
and one sum over a slice: a few torch calls per coefficient. Nothing here checks domains: a
coefficient outside one is NaN or ±inf, and walk.py decides what that means.
"""

from __future__ import annotations

import math

import torch

Tensor = torch.Tensor


def constant(values: Tensor, length: int) -> Tensor:
    """The series of a value that does not move with x."""
    out = values.new_zeros(values.shape[0], length)
    out[:, 0] = values
    return out


def variable(x0: Tensor, length: int) -> Tensor:
    """x = x₀ + h."""
    out = constant(x0, length)
    if length > 1:
        out[:, 1] = 1.0
    return out


def _window(reversed_: Tensor, k: int) -> Tensor:
    """b_k, b_{k−1}, …, b_1 from b reversed: dotted with a₀ … a_{k−1}, it gives Σ a_j b_{k−j}."""
    length = reversed_.shape[1]
    return reversed_[:, length - 1 - k:length - 1]


_convolution_indices: dict[tuple[int, str], Tensor] = {}


def _convolution_index(length: int, device) -> Tensor:
    """[k, j] -> k − j where j ≤ k, else `length` (the index of a zero appended to the operand)."""
    key = (length, str(device))
    index = _convolution_indices.get(key)
    if index is None:
        k = torch.arange(length, device=device)
        difference = k[:, None] - k[None, :]
        index = torch.where(difference >= 0, difference, torch.full_like(difference, length))
        _convolution_indices[key] = index
    return index


def mul(a: Tensor, b: Tensor) -> Tensor:
    """a·b truncated: c_k = Σ_{j≤k} a_j b_{k−j}, as one product with b's lower-triangular Toeplitz
    matrix (a gather), rather than a torch call per coefficient."""
    length = a.shape[1]
    padded = torch.cat([b, b.new_zeros(b.shape[0], 1)], dim=1)
    toeplitz = padded[:, _convolution_index(length, b.device)]  # (points, k, j): b_{k−j}, 0 above k
    return (toeplitz * a[:, None, :]).sum(-1)


def div(a: Tensor, b: Tensor) -> Tensor:
    """a/b for b₀ ≠ 0: q_k = (a_k − Σ_{j<k} q_j b_{k−j}) / b₀."""
    length = a.shape[1]
    out = torch.empty_like(a)
    b0 = b[:, 0]
    out[:, 0] = a[:, 0] / b0
    b_reversed = b.flip(-1)
    for k in range(1, length):
        out[:, k] = (a[:, k] - (out[:, :k] * _window(b_reversed, k)).sum(-1)) / b0
    return out


def _weighted(u: Tensor) -> Tensor:
    """j·u_j, reversed: the derivative's weights that every exp-like recurrence dots with."""
    return (u * torch.arange(u.shape[1], dtype=u.dtype, device=u.device)).flip(-1)


def exp(u: Tensor) -> Tensor:
    """e^u: e′ = e·u′, so e_k = (1/k) Σ_{j=1..k} j u_j e_{k−j}."""
    out = torch.empty_like(u)
    out[:, 0] = torch.exp(u[:, 0])
    v = _weighted(u)
    for k in range(1, u.shape[1]):
        out[:, k] = (out[:, :k] * _window(v, k)).sum(-1) / k
    return out


def log(u: Tensor) -> Tensor:
    """ln u for u₀ > 0: u·l′ = u′, so l_k = (u_k − (1/k) Σ_{j<k} j l_j u_{k−j}) / u₀."""
    out = torch.empty_like(u)
    out[:, 0] = torch.log(u[:, 0])
    weighted = torch.zeros_like(u)  # j·l_j, filled as the l_j are
    u_reversed = u.flip(-1)
    for k in range(1, u.shape[1]):
        out[:, k] = (u[:, k] - (weighted[:, :k] * _window(u_reversed, k)).sum(-1) / k) / u[:, 0]
        weighted[:, k] = k * out[:, k]
    return out


def sin_cos(u: Tensor, hyperbolic: bool = False) -> tuple[Tensor, Tensor]:
    """(sin u, cos u), or (sinh u, cosh u): s′ = c·u′ and c′ = ∓s·u′, computed together."""
    s, c = torch.empty_like(u), torch.empty_like(u)
    u0 = u[:, 0]
    s[:, 0] = torch.sinh(u0) if hyperbolic else torch.sin(u0)
    c[:, 0] = torch.cosh(u0) if hyperbolic else torch.cos(u0)
    sign = 1.0 if hyperbolic else -1.0
    v = _weighted(u)
    for k in range(1, u.shape[1]):
        window = _window(v, k)
        s[:, k] = (c[:, :k] * window).sum(-1) / k
        c[:, k] = sign * (s[:, :k] * window).sum(-1) / k
    return s, c


def power(u: Tensor, r: float) -> Tensor:
    """u^r for u₀ > 0 and a real r: u·p′ = r·p·u′, so
    p_k = (1/(k u₀)) Σ_{j=1..k} ((r+1) j − k) u_j p_{k−j}."""
    out = torch.empty_like(u)
    u0 = u[:, 0]
    out[:, 0] = torch.pow(u0, r)
    v, u_reversed = _weighted(u), u.flip(-1)
    for k in range(1, u.shape[1]):
        weighted = (out[:, :k] * _window(v, k)).sum(-1)
        plain = (out[:, :k] * _window(u_reversed, k)).sum(-1)
        out[:, k] = ((r + 1) * weighted - k * plain) / (k * u0)
    return out


def integer_power(u: Tensor, n: int) -> Tensor:
    """u^n for an integer n ≥ 0 by repeated squaring: exact wherever u is (u₀ = 0 included)."""
    result = None
    base = u
    while n:
        if n & 1:
            result = base if result is None else mul(result, base)
        n >>= 1
        if n:
            base = mul(base, base)
    return result if result is not None else constant(torch.ones_like(u[:, 0]), u.shape[1])


def derivative(u: Tensor) -> Tensor:
    """u′ as a series one shorter: (u′)_k = (k+1) u_{k+1}."""
    return u[:, 1:] * torch.arange(1, u.shape[1], dtype=u.dtype, device=u.device)


def integral(d: Tensor, value0: Tensor) -> Tensor:
    """The series whose derivative is d (one shorter) and whose value at h = 0 is value0."""
    out = d.new_empty(d.shape[0], d.shape[1] + 1)
    out[:, 0] = value0
    out[:, 1:] = d / torch.arange(1, d.shape[1] + 1, dtype=d.dtype, device=d.device)
    return out


def by_derivative(u: Tensor, value0: Tensor, slope) -> Tensor:
    """f(u) from f′: f(u)′ = slope(u)·u′, where `slope` maps a series of u to one of f′(u);
    for the inverse functions (atan: 1/(1+u²), asin: (1−u²)^(−1/2), erf: 2/√π·e^(−u²) …)."""
    if u.shape[1] == 1:
        return value0[:, None].clone()
    head = u[:, :-1]
    return integral(mul(slope(head), derivative(u)), value0)


def one_plus(u: Tensor, sign: float, square_sign: float) -> Tensor:
    """sign + square_sign·u² (1 + u², 1 − u², u² − 1): the inverse functions' slopes."""
    out = square_sign * mul(u, u)
    out[:, 0] += sign
    return out


SQRT_PI = math.sqrt(math.pi)
