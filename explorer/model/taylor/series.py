"""Truncated power series in torch: the arithmetic of Taylor mode.

A series is a tensor shaped (points, L): row i holds the coefficients u₀ … u_{L-1} of u(x₀ᵢ + h)
in powers of h. Products are convolutions; quotients, exp, log, powers and the trigonometric pair
follow the classical recurrences (each coefficient from the ones below it, O(L²) per operation);
inverse functions integrate their derivative, a series of the argument times u′.

A recurrence is a lower-triangular linear system in the coefficients (its rows read only earlier
ones), built from one operand's Toeplitz matrix and solved by forward substitution in one LAPACK
call: the same arithmetic as a loop over k, without a few torch calls per coefficient (a hole's
series, model/removable.py, reads 32 of them on every keystroke). Nothing here checks domains: a
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


def _toeplitz(b: Tensor) -> Tensor:
    """b's lower-triangular Toeplitz matrices, (points, k, j) -> b_{k−j}, 0 above the diagonal."""
    padded = torch.cat([b, b.new_zeros(b.shape[0], 1)], dim=1)
    return padded[:, _convolution_index(b.shape[1], b.device)]


def _orders(u: Tensor) -> Tensor:
    return torch.arange(u.shape[1], dtype=u.dtype, device=u.device)


def _solve(matrix: Tensor, rhs: Tensor) -> Tensor:
    """x from matrix·x = rhs, matrix lower triangular: the recurrences' forward substitution, one
    coefficient from the ones below it, done by one LAPACK call instead of a torch call per k."""
    return torch.linalg.solve_triangular(matrix, rhs[..., None], upper=False)[..., 0]


def _first(matrix: Tensor, rhs: Tensor, *values0: Tensor) -> tuple[Tensor, Tensor]:
    """The first rows of a recurrence's system set to "coefficient i is values0[i]" (its starting
    values: one, or sin u₀ and cos u₀ for the interleaved pair)."""
    for row, value in enumerate(values0):
        matrix[:, row, :] = 0.0
        matrix[:, row, row] = 1.0
        rhs[:, row] = value
    return matrix, rhs


def mul(a: Tensor, b: Tensor) -> Tensor:
    """a·b truncated: c_k = Σ_{j≤k} a_j b_{k−j}, as one product with b's lower-triangular Toeplitz
    matrix (a gather), rather than a torch call per coefficient."""
    return (_toeplitz(b) * a[:, None, :]).sum(-1)


def div(a: Tensor, b: Tensor) -> Tensor:
    """a/b for b₀ ≠ 0: b·q = a, so q_k = (a_k − Σ_{j<k} q_j b_{k−j}) / b₀."""
    return _solve(_toeplitz(b), a)


def exp(u: Tensor) -> Tensor:
    """e^u: e′ = e·u′, so k e_k − Σ_{j=1..k} j u_j e_{k−j} = 0."""
    k = _orders(u)
    matrix = torch.diag_embed(k.expand_as(u)) - _toeplitz(k * u)
    return _solve(*_first(matrix, torch.zeros_like(u), torch.exp(u[:, 0])))


def log(u: Tensor) -> Tensor:
    """ln u for u₀ > 0: u·l′ = u′, so Σ_{j≤k} u_{k−j} (j l_j) = k u_k."""
    k = _orders(u)
    weighted = _solve(_toeplitz(u), k * u)  # j·l_j (0 at j = 0)
    out = weighted / k.clamp(min=1)
    out[:, 0] = torch.log(u[:, 0])
    return out


def sin_cos(u: Tensor, hyperbolic: bool = False) -> tuple[Tensor, Tensor]:
    """(sin u, cos u), or (sinh u, cosh u): s′ = c·u′ and c′ = ∓s·u′, solved together with the
    coefficients interleaved (s₀, c₀, s₁, c₁ …), so that each reads only the ones before it."""
    points, length = u.shape
    k = _orders(u)
    coupling = _toeplitz(k * u)  # [k, m] -> (k − m) u_{k−m}
    matrix = u.new_zeros(points, 2 * length, 2 * length)
    matrix[:, 0::2, 1::2] = -coupling  # k s_k − Σ (k−m) u_{k−m} c_m = 0
    matrix[:, 1::2, 0::2] = (-1.0 if hyperbolic else 1.0) * coupling  # k c_k ± Σ (k−m) u_{k−m} s_m = 0
    diagonal = torch.repeat_interleave(k, 2).expand(points, -1)
    matrix = matrix + torch.diag_embed(diagonal)
    u0 = u[:, 0]
    starts = (torch.sinh(u0), torch.cosh(u0)) if hyperbolic else (torch.sin(u0), torch.cos(u0))
    both = _solve(*_first(matrix, u.new_zeros(points, 2 * length), *starts))
    return both[:, 0::2], both[:, 1::2]


def power(u: Tensor, r: float) -> Tensor:
    """u^r for u₀ > 0 and a real r: u·p′ = r·p·u′, so
    k u₀ p_k − Σ_{j=1..k} ((r+1) j − k) u_j p_{k−j} = 0."""
    k = _orders(u)
    plain = _toeplitz(u)  # [k, m] -> u_{k−m}
    weighted = _toeplitz(k * u)  # [k, m] -> (k − m) u_{k−m}
    below = (r + 1) * weighted - k[:, None] * plain  # the j ≥ 1 terms; its diagonal is −k u₀
    matrix = torch.diag_embed(k * u[:, :1]) - below.tril(-1)
    return _solve(*_first(matrix, torch.zeros_like(u), torch.pow(u[:, 0], r)))


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
