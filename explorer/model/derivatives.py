"""f and its derivatives by nested reverse-mode autograd, for an elementwise f.

Because f acts elementwise, the gradient of Σ f(xᵢ) is f′ at every point at once (the vector–
Jacobian product with a vector of ones); repeating on f′ gives f″, and so on. Each call starts
from fresh leaf tensors, keeps a graph (`create_graph`) only below the top order, and returns
detached results, so no autograd graph outlives the call and nothing accumulates between calls.
The rows are autograd's raw numbers; `mark_missing` turns them into values that exist or NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import torch

Tensor = torch.Tensor


@dataclass
class Derivatives:
    """rows[k] is the k-th derivative, shaped like x; partials[p] is ∂f/∂p, shaped like x."""

    rows: list[Tensor]
    partials: dict[str, Tensor] = field(default_factory=dict)


def derivatives(evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor], x: Tensor,
                params: Mapping[str, Tensor], order: int, partials: Sequence[str] = ()) -> Derivatives:
    """f, f′, …, f^(order) at every element of x, and ∂f/∂p for the parameters named in `partials`
    (computed with f′, so `order` must be at least 1 to get them).

    `params` tensors must broadcast against x; for `partials` they must have x's shape, so
    that the gradient of the sum is the elementwise partial.
    """
    x_leaf = x.detach().requires_grad_(order > 0)
    leaves = {name: value.detach().requires_grad_(name in partials) for name, value in params.items()}
    with torch.enable_grad():
        f = evaluate(x_leaf, leaves)
    result = Derivatives([f.detach()])
    current = f
    for k in range(1, order + 1):
        wanted = [x_leaf] + ([leaves[name] for name in partials] if k == 1 else [])
        if current.requires_grad:
            with torch.enable_grad():
                # The sum (or one point as it is), not grad_outputs=ones: torch checks a given
                # grad_outputs' shape with its symbolic-shape module, whose first use imports sympy
                # (half a second of the engine process's start, which otherwise needs no sympy:
                # model/program/).
                seed = current if current.numel() == 1 else current.sum()
                grads = torch.autograd.grad(seed, wanted, create_graph=k < order, allow_unused=True)
        else:
            grads = [None] * len(wanted)
        grads = [torch.zeros_like(x_leaf) if g is None else g for g in grads]
        if k == 1:
            result.partials = {name: g.detach() for name, g in zip(partials, grads[1:])}
        current = grads[0]
        result.rows.append(current.detach())
    return result


def mark_missing(rows: np.ndarray, axis: int = 0) -> np.ndarray:
    """NaN, in place, wherever a derivative does not exist: ±inf is no value (1/x at 0), and where
    f^(k) is missing so is f^(k+1) (ln x at −2 has no slope, though autograd's 1/x gives one).

    `axis` runs over the orders. Done in numpy: its finiteness test is ~10× torch's on the CPU.
    """
    missing = ~np.isfinite(rows)
    if not missing.any():
        return rows
    orders = np.moveaxis(missing, axis, 0)  # a view: the ORs below write into `missing`
    for k in range(1, orders.shape[0]):
        orders[k] |= orders[k - 1]
    np.copyto(rows, np.nan, where=missing)
    return rows
