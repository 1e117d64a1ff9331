"""f, f′, f″ at any points, by the engine's autograd, for one function and one set of parameters."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import torch

from explorer.model.derivatives import derivatives, mark_missing
from explorer.model.program import Program
from explorer.model.program.compiling import compile_function
from explorer.model.removable import hole_series, patch_rows


class Evaluator:
    """The exact derivatives of `function` at batches of points (numpy in, numpy out)."""

    def __init__(self, engine, function, params: Mapping[str, float] | None):
        self.engine = engine
        self.function = function
        self.compiled = compile_function(function)
        params = params or {}
        self.values = {name: float(params.get(name, 1.0)) for name in function.parameters}
        self.tensors = {name: self.tensor(value) for name, value in self.values.items()}
        program = function if isinstance(function, Program) else function.program
        #: Beside a removable singularity the typed formula cancels: f comes from the hole's series.
        self.holes = hole_series(program, self.values, engine.dtype, str(engine.device))

    def tensor(self, values) -> torch.Tensor:
        return torch.as_tensor(np.asarray(values, dtype=np.float64), dtype=self.engine.dtype,
                               device=self.engine.device)

    def rows(self, x: np.ndarray, order: int) -> np.ndarray:
        """f … f^(order) at x (any shape): (order + 1, *x.shape), NaN where a value does not exist."""
        x = np.asarray(x, dtype=np.float64)
        if x.size == 0:
            return np.zeros((order + 1, *x.shape))
        points = self.tensor(x.reshape(-1))
        found = torch.stack(derivatives(self.compiled.evaluate, points, self.tensors, order).rows).cpu().numpy()
        if self.holes:
            patch_rows(self.holes, x.reshape(-1), found)
        return mark_missing(found).reshape(order + 1, *x.shape)

    def exact_limits(self, x: float) -> tuple[float, float] | None:
        """sympy's one-sided limits of f at x within the probe's deadline (None: not found in time, or
        no sympy form at hand: a Program)."""
        if isinstance(self.function, Program):
            return None
        from explorer.model.special_points.exact_limits import exact_limits

        return exact_limits(self.function.expr, x, self.values, order=0)

    def row(self, k: int):
        """values(x) of the k-th derivative alone, for refine.refine_roots."""
        return lambda x: self.rows(x, k)[k]

    def guard_values(self, index: int, x: np.ndarray, order: int = 0) -> np.ndarray:
        """The index-th guard (or, order 1, its slope) at x."""
        guard = self.compiled.guards[index]
        x = np.asarray(x, dtype=np.float64)
        found = derivatives(guard.evaluate, self.tensor(x.reshape(-1)), self.tensors, order).rows[order]
        return found.detach().cpu().numpy().reshape(x.shape)
