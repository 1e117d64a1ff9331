"""The two ways of sampling f, f′, f″… that the engine is measured against.

Both are prepared once per (function, order) and then called per grid, so the figures compare
steady-state sampling, as the engine's own cache of compiled functions does. They evaluate only our
trusted corpus (`functions.py`), never text a user typed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy
import torch

from explorer.model.function import Function

#: (x_min, x_max, n) -> (x, values) with values of shape (order + 1, n), both numpy.
Sampler = Callable[[float, float, int], tuple[np.ndarray, np.ndarray]]


def naive_torch(fn: Function, order: int, params: dict[str, float], device: str = "cpu") -> Sampler:
    """The seed recipe: lambdify to torch, then nested autograd.grad(create_graph=True) on the whole grid.

    Every derivative stays attached to the graph until the end, which is what makes it slow and
    memory hungry at high orders; that is the point of measuring it.
    """
    f = sympy.lambdify(fn.symbols, fn.expr, "torch")
    param_tensors = [torch.tensor(params[name], dtype=torch.float64, device=device) for name in fn.parameters]

    def sample(x_min: float, x_max: float, n: int) -> tuple[np.ndarray, np.ndarray]:
        x = torch.linspace(x_min, x_max, n, dtype=torch.float64, device=device, requires_grad=True)
        rows = [_on_grid(f(x, *param_tensors), x)]
        for _ in range(order):
            rows.append(_grad_or_zeros(rows[-1], x))
        values = torch.stack([row.detach() for row in rows])
        return x.detach().cpu().numpy(), values.cpu().numpy()

    return sample


def _on_grid(value, x: torch.Tensor) -> torch.Tensor:
    """A constant comes back from the torch printer as a bare number: broadcast it to the grid."""
    value = torch.as_tensor(value, dtype=x.dtype, device=x.device)
    return value if value.shape == x.shape else value.expand_as(x)


def _grad_or_zeros(y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    if not y.requires_grad:
        return torch.zeros_like(x)
    (grad,) = torch.autograd.grad(y.sum(), x, create_graph=True, allow_unused=True)
    return torch.zeros_like(x) if grad is None else grad


def sympy_numpy(fn: Function, order: int, params: dict[str, float]) -> Sampler:
    """Symbolic derivatives by sympy.diff, evaluated by one lambdify(..., "numpy", cse=True) call."""
    derivatives = [fn.expr]
    for _ in range(order):
        derivative = sympy.diff(derivatives[-1], fn.symbols[0])
        # |x|″ holds DiracDelta(x), which numpy cannot evaluate; it is 0 everywhere but at the kink.
        derivatives.append(derivative.replace(sympy.DiracDelta, lambda *_: sympy.S.Zero))
    f = sympy.lambdify(fn.symbols, derivatives, "numpy", cse=True)
    param_values = [params[name] for name in fn.parameters]

    def sample(x_min: float, x_max: float, n: int) -> tuple[np.ndarray, np.ndarray]:
        x = np.linspace(x_min, x_max, n)
        with np.errstate(all="ignore"):
            rows = f(x, *param_values)
        return x, np.stack([np.broadcast_to(np.asarray(row, dtype=np.float64), x.shape) for row in rows])

    return sample
