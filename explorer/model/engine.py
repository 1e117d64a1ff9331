"""The derivative engine: f and its derivatives on a grid (`sample`) and at one point (`probe`).

Every number comes from torch autograd on the compiled expression; sympy is only the parser's
output and the display form. Grids are evaluated eagerly in chunks, so that the autograd graph of
a chunk (and only of a chunk) is alive at a time, or by a fused kernel once one has been built in
the background (fusion.py).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import torch

from explorer.model.derivatives import derivatives, mark_missing
from explorer.model.domain_edges import find_edges
from explorer.model.fusion import FUSE_MIN_N, Kernels, unavailable_reason
from explorer.model.program import Program
from explorer.model.program.compiling import Compiled, compile_function
from explorer.model.readings import CurveSet, PointKind, PointReading
from explorer.model.removable import HoleSeries, hole_at, hole_series, patch_rows
from explorer.model.resolution import find_unresolved
from explorer.model.special_points.breaks import find_breaks
from explorer.model.special_points.classification import (
    classify_point,
    decided_sides,
    limits_differ,
    one_sided_limits,
    unsettled,
)

if TYPE_CHECKING:  # sympy: the engine's process runs programs, and never imports it for them
    from explorer.model.function import Function
    from explorer.model.taylor import TaylorExpansion, TaylorRequest

log = logging.getLogger(__name__)

#: Grid points (times batch size) per autograd pass. At torch's parallel grain size (32768) every
#: operation on a chunk runs serially, so chunks go to a pool of worker threads instead: no
#: OpenMP barrier per operation, which on a busy 2-core machine made small chunks 4–10× slower.
DEFAULT_CHUNK = 1 << 15
#: A probed x is a guard's special point when the guard, moved this many units in the last place of
#: x either way, changes by at least its value at x: x is that point as far as its float can tell.
SPECIAL_ULPS = 4
#: The probe's one-sided sequence: h = scale·10^-j for these j.
PROBE_EXPONENTS = np.arange(2, 10)


def pick_device() -> str:
    """cuda if present, then Apple's mps, else the CPU."""
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


class Engine:
    """Evaluates Functions, or their Programs (model/program/), with autograd on one device.

    `threads`, when given, sets torch's intra-op thread count when the engine is made. It is a
    process-wide setting (torch has no other), so the app chooses it once: 1 is fastest for the
    interactive path on a busy 2-core machine, where 2 threads ran 4–7× slower. None leaves
    torch's setting alone. On the CPU, grids bigger than one chunk are spread over that many
    worker threads. `dtype` is float64, except on mps, which has no float64.

    With `fuse` (and where torch.compile works: `fusion_unavailable` says why not), a function
    sampled on grids of FUSE_MIN_N points or more a second time starts a fused kernel compiling in
    the background (`fuse` asks at once), and every grid of a (function, order) whose kernel is
    ready is evaluated by it.
    """

    def __init__(self, device: str | None = None, dtype: torch.dtype | None = None,
                 threads: int | None = None, chunk_size: int = DEFAULT_CHUNK, fuse: bool = True):
        self.device = torch.device(device).type if device else pick_device()
        self.dtype = dtype or (torch.float32 if self.device == "mps" else torch.float64)
        self.threads = threads
        self.chunk_size = chunk_size
        if threads is not None:
            torch.set_num_threads(threads)
        self.fusion_unavailable = unavailable_reason(self.device) if fuse else "turned off for this engine"
        self._kernels = Kernels(self.device, self.dtype) if self.fusion_unavailable is None else None

    def __repr__(self) -> str:
        return f"Engine(device={self.device!r}, dtype={self.dtype}, threads={self.threads})"

    def compiled(self, function: Function | Program) -> Compiled:
        """The cached compiled form (program/compiling.py)."""
        return compile_function(function)

    # ---- grid -------------------------------------------------------------------------------

    def sample(self, function: Function | Program, x_min: float, x_max: float, n: int, order: int,
               params: Mapping[str, float | Sequence[float] | np.ndarray] | None = None) -> CurveSet:
        """f … f^(order) on `n` points from x_min to x_max; a batch axis for array parameters."""
        if n < 1 or order < 0:
            raise ValueError("sample needs n ≥ 1 points and a derivative order ≥ 0")
        compiled = compile_function(function)
        values, batch = _resolve_params(function, params)
        x = self.grid(x_min, x_max, n)
        tensors = {name: self._tensor(v) if batch is None
                   else self._tensor(np.broadcast_to(v, (batch,))).reshape(-1, 1)
                   for name, v in values.items()}
        rows = self._fused_rows(compiled, x, tensors, order) if batch is None else None
        if rows is None:
            rows = self._rows(compiled, x, tensors, order, 1 if batch is None else batch)
            if batch is None and n >= FUSE_MIN_N and self._kernels is not None:
                self._kernels.sampled_big(compiled, order)
        holes = self._near_holes(function, values, batch, x, rows)
        near_holes = (lambda points, near: patch_rows(holes, points, near, limits=True)) if holes else None
        connected = find_breaks(compiled, x, tensors, rows, self.chunk_size, near_holes)
        # f′ does not exist where f breaks or jumps (floor x at 1: its f′ = 0 either side is no line
        # through 1), nor f⁽ᵏ⁾ where any lower order does: row k breaks wherever a row below does.
        for k in range(1, connected.shape[-2]):
            connected[..., k, :] &= connected[..., k - 1, :]
        x_out = x.cpu().numpy()
        if batch is not None:
            return CurveSet(x=x_out, values=rows, connected=connected, params=values)
        rows, connected = rows[0], connected[0]
        envelope = find_unresolved(compiled.evaluate, x, tensors, rows, connected)
        edges = find_edges(compiled.evaluate, x, tensors, rows)
        if edges is not None and holes:  # the points beside a hole, as the samples there
            patch_rows(holes, edges.x, edges.values, limits=True)
        if envelope is None:
            return CurveSet(x=x_out, values=rows, connected=connected, params=values, edges=edges)
        return CurveSet(x=x_out, values=rows, connected=connected, params=values, edges=edges,
                        unresolved=envelope.unresolved, low=envelope.low, high=envelope.high)

    def grid(self, x_min: float, x_max: float, n: int) -> torch.Tensor:
        """`n` evenly spaced points from x_min to x_max, each the double nearest its true value
        where the bounds are round: x_i = (x_min·(n−1−i) + x_max·i)/(n−1), one rounding. Where a
        grid point should be a round number (0 on (−4, 4), 1 on (0, 2)) it is that number: torch's
        linspace made them −9.6·10⁻¹⁷ and 0.9999999999999998, beside which (1 − cos x)/x² cancels
        to nothing and was drawn as a spike."""
        x_min, x_max, n = float(x_min), float(x_max), int(n)
        if n == 1:
            return torch.tensor([x_min], dtype=self.dtype, device=self.device)
        device = self.device if self.dtype == torch.float64 else "cpu"
        # The same roundings as the formula, in place: half the time of a grid of 10⁶ (bench row
        # "time f…f^(3) at n=1000000, engine/naive").
        x = torch.arange(n - 1, -1, -1, dtype=torch.float64, device=device).mul_(x_min)
        x.add_(torch.arange(n, dtype=torch.float64, device=device).mul_(x_max)).div_(n - 1)
        return x.to(dtype=self.dtype, device=self.device)

    def _holes(self, function: Function | Program, values: Mapping[str, float]) -> tuple[HoleSeries, ...]:
        """The removable singularities of `function` for these slider values (model/removable.py)."""
        program = function if isinstance(function, Program) else function.program
        return hole_series(program, values, self.dtype, self.device) if program.holes else ()

    def _near_holes(self, function: Function | Program, values: Mapping[str, float | np.ndarray],
                    batch: int | None, x: torch.Tensor, rows: np.ndarray) -> tuple[HoleSeries, ...]:
        """Grid rows (B, K+1, n), in place, read from the series about each hole near the samples:
        the typed formula's values there cancel to garbage. Returns the holes (of a single curve;
        none for a batch, whose holes differ row by row)."""
        program = function if isinstance(function, Program) else function.program
        if not program.holes:
            return ()
        x = x.cpu().numpy()
        holes = ()
        for b in range(rows.shape[0]):
            at = values if batch is None else {name: float(np.broadcast_to(v, (batch,))[b])
                                               for name, v in values.items()}
            holes = self._holes(function, at)
            if holes:
                patch_rows(holes, x, rows[b])
        return holes if batch is None else ()

    def fuse(self, function: Function | Program, order: int) -> Future:
        """Start compiling the fused kernel of f … f^(order) in the background (unless it is built or
        queued); the future's result says whether it was built, and it is cancelled if `function`
        is gone before its turn. `sample` uses the kernel once it is built."""
        if self._kernels is None:
            future = Future()
            future.set_result(False)
            return future
        return self._kernels.request(compile_function(function), order)

    def fusion_state(self, function: Function | Program, order: int) -> str:
        """How `sample` evaluates f … f^(order) of `function` now: "fused", or "compiling", "failed",
        "eager" (no kernel requested), "unavailable" (see `fusion_unavailable`) on the eager path."""
        if self._kernels is None:
            return "unavailable"
        return self._kernels.state(compile_function(function), order)

    def _fused_rows(self, compiled: Compiled, x: torch.Tensor, params: dict[str, torch.Tensor],
                    order: int) -> np.ndarray | None:
        """(1, order+1, n) rows from a ready fused kernel, or None to take the eager path."""
        kernel = self._kernels.ready(compiled, order) if self._kernels is not None and len(x) > 1 else None
        if kernel is None:
            return None
        try:
            rows = kernel(x, params)
        except Exception as error:  # a kernel that fails once is dropped; eager is always right
            log.info("fused kernel of %s failed, back to eager: %s", compiled.text, error)
            self._kernels.discard(compiled, order)
            return None
        return rows.cpu().numpy()[None]

    def _rows(self, compiled: Compiled, x: torch.Tensor, params: dict[str, torch.Tensor],
              order: int, batch: int) -> np.ndarray:
        n = x.shape[0]
        out = np.empty((batch, order + 1, n), dtype=np.float64)
        chunk = max(1, self.chunk_size // batch)

        def fill(start: int) -> None:
            stop = min(n, start + chunk)
            grid = x[start:stop].expand(batch, -1)
            if batch > 1:
                grid = grid.contiguous()
            rows = torch.stack(derivatives(compiled.evaluate, grid, params, order).rows, dim=1)
            out[:, :, start:stop] = mark_missing(rows.cpu().numpy(), axis=1)

        starts = range(0, n, chunk)
        workers = torch.get_num_threads() if self.device == "cpu" else 1
        if len(starts) == 1 or workers == 1:
            for start in starts:
                fill(start)
        else:
            with ThreadPoolExecutor(max_workers=min(workers, len(starts))) as pool:
                list(pool.map(fill, starts))  # waits for all, and re-raises a worker's exception
        return out

    # ---- one point --------------------------------------------------------------------------

    def probe(self, function: Function | Program, x: float, order: int = 1,
              params: Mapping[str, float] | None = None, taylor: TaylorRequest | None = None) -> PointReading:
        """f, f′ … at x with what the derivative really does there (see PointKind)."""
        return self.probe_many(function, (x,), order, params, taylor)[0]

    def taylor(self, function: Function | Program, x0: float, degree: int,
               params: Mapping[str, float] | None = None) -> TaylorExpansion:
        """The Taylor polynomial of degree `degree` at x0 (model/taylor/): its coefficients
        f⁽ᵏ⁾(x₀)/k!, or the one-sided ones where f is not smooth there, and a radius estimate."""
        from explorer.model.taylor import TaylorRequest

        return self.probe(function, x0, 1, params, TaylorRequest(degree)).taylor

    def probe_many(self, function: Function | Program, xs: Sequence[float], order: int = 1,
                   params: Mapping[str, float] | None = None,
                   taylor: TaylorRequest | None = None) -> list[PointReading]:
        """`probe` at each of `xs`, in one autograd batch: the readings a drag may ask for next cost
        about what one does. A special point (to within the rounding of x) is looked at on its own.
        With `taylor`, each reading carries its Taylor polynomial (`PointReading.taylor`), computed in
        the same call, so a drag's readings read ahead bring theirs along."""
        readings = self._probe_many(function, xs, order, params)
        if taylor is None:
            return readings
        return self._with_taylor(function, readings, params, taylor)

    def _with_taylor(self, function: Function | Program, readings: list[PointReading],
                     params: Mapping[str, float] | None, request: TaylorRequest) -> list[PointReading]:
        from explorer.model.taylor.curve import taylor_curve
        from explorer.model.taylor.expansion import expand

        values, _ = _resolve_params(function, params)
        program = function if isinstance(function, Program) else function.program
        finite = [r for r in readings if math.isfinite(r.x)]
        holes = self._holes(function, values)
        expansions = iter(expand(program.body, [r.x for r in finite], values, request.degree, finite,
                                 self.dtype, self.device, holes) if finite else ())
        grid = f = None
        if request.x_range is not None and request.samples > 1:
            low, high = map(float, request.x_range)
            grid = torch.linspace(low, high, int(request.samples), dtype=self.dtype, device=self.device)
            tensors = {name: self._tensor(v) for name, v in values.items()}
            with torch.no_grad():
                f = compile_function(function).evaluate(grid, tensors).cpu().numpy()
            grid = grid.cpu().numpy()
            if holes:  # |f − Tₙ| beside a hole from f's series, not the cancelling quotient
                patch_rows(holes, grid, f[None, :])
        out = []
        for reading in readings:
            if not math.isfinite(reading.x):
                out.append(reading)
                continue
            expansion = next(expansions)
            if grid is not None:
                curve = taylor_curve(expansion, grid, f, request.tolerance)
                expansion = dataclasses.replace(expansion, curve=curve)
            out.append(dataclasses.replace(reading, taylor=expansion))
        return out

    def _probe_many(self, function: Function | Program, xs: Sequence[float], order: int = 1,
                    params: Mapping[str, float] | None = None) -> list[PointReading]:
        compiled = compile_function(function)
        values, batch = _resolve_params(function, params)
        if batch is not None:
            raise ValueError("probe takes one value per parameter, not a batch")
        top = max(order, 1)
        xs = [float(x) for x in xs]
        finite = [x for x in xs if math.isfinite(x)]
        points = self._tensor(finite)
        point_params = {name: self._tensor([v] * len(finite)) for name, v in values.items()}
        at = derivatives(compiled.evaluate, points, point_params, top, partials=function.parameters)
        rows = mark_missing(torch.stack(at.rows).cpu().numpy())  # (top + 1, points)
        holes = self._holes(function, values)
        if holes:
            patch_rows(holes, np.asarray(finite), rows)
        columns = rows.T.tolist()
        partials = {name: g.cpu().numpy().tolist() for name, g in at.partials.items()}
        special, along = self._at_special(compiled, finite, values)
        special = special.tolist()
        readings, i = [], 0
        for x in xs:
            if not math.isfinite(x):
                readings.append(PointReading(x=x, values=(math.nan,) * (top + 1), kind=PointKind.UNDEFINED,
                                             partials=dict.fromkeys(function.parameters, math.nan)))
                continue
            at_values, at_partials = columns[i], {name: _finite(g[i]) for name, g in partials.items()}
            if not special[i]:
                beyond = {}
                if not all(map(math.isfinite, at_values)):
                    at_values, beyond = _with_precise_values(function, x, at_values, values, top)
                reading = _ordinary_point(x, at_values, at_partials, beyond)
            else:
                one = {name: self._tensor([v]) for name, v in values.items()}
                reading_values, kind, left, right, sides, near = self._special_point(
                    compiled, x, rows[:, i], one, top, holes)
                if kind is PointKind.UNDEFINED:
                    at_partials = dict.fromkeys(at_partials, math.nan)
                reading = PointReading(x=x, values=reading_values, kind=kind, left_slope=left, right_slope=right,
                                       partials=at_partials, left_value=sides[0], right_value=sides[1])
                reading = _settle_limits(function, reading, near, values)
            names = [name for name, at in along.items() if at[i]]
            if names and reading.kind is not PointKind.UNDEFINED:
                reading = self._one_sided_partials(compiled, reading, values, names)
            readings.append(reading)
            i += 1
        return readings

    def _one_sided_partials(self, compiled: Compiled, reading: PointReading, params: dict[str, float],
                            names: list[str]) -> PointReading:
        """The reading with ∂f/∂p judged as f′ is, from one-sided limits along p, for each parameter p
        in whose direction a guard is at its special point (|a x| at a = 0: ∂f/∂a is −1 left of it
        and 1 right of it, and does not exist there, whatever autograd says)."""
        partials, kinds, sides = dict(reading.partials), {}, {}
        for name in names:
            p = params[name]
            h = max(1.0, abs(p)) * 10.0 ** -PROBE_EXPONENTS
            along = np.concatenate([[p], p - h, p + h])
            points = self._tensor([reading.x] * len(along))
            point_params = {other: self._tensor(along if other == name else [v] * len(along))
                            for other, v in params.items()}
            at = derivatives(compiled.evaluate, points, point_params, 1, partials=(name,))
            rows = mark_missing(torch.stack([at.rows[0], at.partials[name]]).cpu().numpy())
            near = rows[:, 1:].reshape(2, 2, len(h))
            values, kind, left, right = classify_point(rows[:, 0], near[:, 0], near[:, 1])
            kinds[name], sides[name] = kind, (left, right)
            partials[name] = values[1] if kind is PointKind.SMOOTH else math.nan
        return dataclasses.replace(reading, partials=partials, partial_kinds=kinds, partial_sides=sides)

    def _at_special(self, compiled: Compiled, x: list[float], params: dict[str, float]
                    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Whether x is a guard's special point to within the rounding of x itself: the guard's value
        there is no bigger than its change over SPECIAL_ULPS units in the last place of x either way
        (x = 0 for 1/x, the double nearest π/2 for tan x). A point any further away, however close
        (1/x at 10⁻³⁰⁰), is an ordinary point, where autograd's values are the derivatives.
        And for each parameter, whether the point is special in its direction, to within the rounding
        of its value (|a x| at a = 0): the same test with the parameter moved, in the same call."""
        at = np.zeros(len(x), dtype=bool)
        along = {name: np.zeros(len(x), dtype=bool) for name in params}
        if not compiled.guards or not x:
            return at, along
        points, point_params = self._beside(x, {name: self._tensor(v) for name, v in params.items()})
        if params:
            # two more rows per parameter: x itself, with the parameter moved either way
            moved = {name: [v - SPECIAL_ULPS * self._ulp(v), v + SPECIAL_ULPS * self._ulp(v)]
                     for name, v in params.items()}
            points = torch.cat([points, points[1:2].expand(2 * len(params), -1)])
            point_params = {name: self._tensor(
                [v] * 3 + [moved[other][side] if other == name else v for other in params for side in (0, 1)]
            ).reshape(-1, 1).expand(points.shape) for name, v in params.items()}
        for guard in compiled.guards:
            with torch.no_grad():
                # numpy from here: on a probe's few values each torch call costs more than its work
                g = guard.evaluate(points, point_params).cpu().numpy()
            at |= _critical_rows(g, guard.integer)
            for j, name in enumerate(params):
                along[name] |= _critical_rows(g[[3 + 2 * j, 1, 4 + 2 * j]], guard.integer)
        return at, along

    def _beside(self, x: list[float], params: dict[str, torch.Tensor]) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """Each x and its neighbours SPECIAL_ULPS units in the last place either way, (3, len(x))."""
        step = [SPECIAL_ULPS * self._ulp(v) for v in x]
        points = self._tensor([[v - d for v, d in zip(x, step)], x, [v + d for v, d in zip(x, step)]])
        return points, {name: v.expand(points.shape) for name, v in params.items()}

    def _ulp(self, value: float) -> float:
        """The spacing of the engine's floats at `value`: how finely x itself can be told apart."""
        return math.ulp(value) if self.dtype == torch.float64 else float(np.spacing(np.float32(abs(value))))

    def _special_point(self, compiled: Compiled, x: float, at_values: np.ndarray,
                       params: dict[str, torch.Tensor], order: int, holes: tuple[HoleSeries, ...] = ()):
        h = max(1.0, abs(x)) * 10.0 ** -PROBE_EXPONENTS
        points = self._tensor(np.concatenate([x - h, x + h]))
        point_params = {name: v.expand(points.shape) for name, v in params.items()}
        near = derivatives(compiled.evaluate, points, point_params, order).rows
        near = torch.stack(near).cpu().numpy()
        if hole_at(holes, x) is not None:  # beside a hole the series, not the cancelling formula
            patch_rows(holes, points.cpu().numpy(), near)
        sequences = near.reshape(order + 1, 2, len(h))
        # f's own limits before ∞ is marked missing: e^(1/h) → ∞
        f_near = sequences[0].copy()
        sides = tuple(_finite_or_infinite(v) for v in one_sided_limits(f_near, extrapolate=True)[0])
        sequences = mark_missing(sequences)
        values, kind, left, right = classify_point(at_values, sequences[:, 0], sequences[:, 1])
        if kind is not PointKind.UNDEFINED and self._at_pole(compiled, x, params):
            values, kind = (math.nan,) * len(values), PointKind.UNDEFINED
        return values, kind, left, right, sides, (f_near, sequences[1])

    def _at_pole(self, compiled: Compiled, x: float, params: dict[str, torch.Tensor]) -> bool:
        """Whether a denominator or a logarithm's argument of the text as typed is 0 at x, as far as
        x can tell: f does not exist there, whatever IEEE arithmetic made of it (sin(x)/sin(x) at the
        double nearest π is 1; atan(1/x) at 0 is π/2)."""
        if not compiled.poles:
            return False
        points, point_params = self._beside([x], params)
        return any(_critical(pole, points, point_params)[0] for pole in compiled.poles)

    def values(self, function: Function | Program, xs, params: Mapping[str, float] | None = None) -> np.ndarray:
        """f at `xs`, plainly (no autograd: the secant tool's difference quotients), as float64."""
        compiled = compile_function(function)
        values, _ = _resolve_params(function, params)
        points = self._tensor(xs)
        point_params = {name: self._tensor(v).expand(points.shape) for name, v in values.items()}
        with torch.no_grad():
            return compiled.evaluate(points, point_params).cpu().numpy().astype(np.float64)

    # ---- helpers ----------------------------------------------------------------------------

    def _tensor(self, values) -> torch.Tensor:
        return torch.as_tensor(np.array(values, dtype=np.float64), dtype=self.dtype, device=self.device)


def _critical(evaluate, points: torch.Tensor, params: dict[str, torch.Tensor], integer: bool = False) -> np.ndarray:
    """Whether `evaluate` (a guard, a condition's operand) is 0 (an integer) at each x to within the
    rounding of x: no bigger than its change to the neighbours `points` holds (Engine._beside)."""
    with torch.no_grad():
        # numpy from here: on a probe's few values each torch call costs more than its work
        g = evaluate(points, params).cpu().numpy()
    return _critical_rows(g, integer)


def _critical_rows(g: np.ndarray, integer: bool) -> np.ndarray:
    """`_critical` on a guard's values: rows 0 and 2 beside row 1, the point itself."""
    if integer:
        g = g - np.round(g[1])
    with np.errstate(invalid="ignore"):
        # fmax: a side outside the guard's own domain (NaN) does not count
        return np.abs(g[1]) <= np.fmax(np.abs(g[0] - g[1]), np.abs(g[2] - g[1]))


def _finite_or_infinite(value: float) -> float:
    """`value` as a float, with math.nan itself for NaN (so that equal readings compare equal)."""
    return math.nan if math.isnan(value) else float(value)


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


def _with_precise_values(function: Function | Program, x: float, at_values: list[float],
                         params: dict[str, float], order: int) -> tuple[list[float], dict[int, str]]:
    """The float64 reading at an ordinary point with its missing values read again in mpmath
    (program/multiprecision.py), where an intermediate overflowed: x³/(x³ + 1) at 10¹¹⁰ is 1. Only
    where a value is missing, so ordinary readings never pay for it; a value that does not exist
    there, or lies beyond double precision, stays NaN (the latter with its decimal text)."""
    from explorer.model.program.multiprecision import precise_values

    program = function if isinstance(function, Program) else function.program
    precise, beyond = precise_values(program, x, params, order)
    if precise is None:
        return at_values, {}
    merged = np.array([v if math.isfinite(v) else p for v, p in zip(at_values, precise, strict=True)])
    return mark_missing(merged).tolist(), beyond


def _ordinary_point(x: float, values: list[float], partials: dict[str, float],
                    beyond: dict[int, str]) -> PointReading:
    """The reading at a point that is no special point: autograd's values are f and its derivatives.
    f is missing outside its domain (ln x at −1) and beyond double precision (e^x at 800, whose
    `beyond` says how far); a derivative beyond double precision (1/x at 10⁻³⁰⁰ has f′ = −10⁶⁰⁰) is
    NaN. Where f is missing the kind is UNDEFINED: no tangent can be drawn."""
    values = tuple(map(_finite, values))  # math.nan itself, as the special points' readings hold
    if math.isnan(values[0]):
        return PointReading(x, values, PointKind.UNDEFINED, partials=dict.fromkeys(partials, math.nan),
                            beyond=beyond)
    return PointReading(x, values, PointKind.SMOOTH, values[1], values[1], partials,
                        left_value=values[0], right_value=values[0], beyond=beyond)


#: What a reading says of a one-sided slope it could not decide.
UNDECIDED = ("the one-sided slopes approach their limits too slowly to be read to full precision "
             "(as h\u00b7ln h does), and no exact limit was found in time")
UNDECIDED_VALUES = ("f approaches its one-sided limits too slowly to read them to full precision "
                    "(as h\u00b7ln h does), and no exact limit was found in time")


def _settle_limits(function: Function | Program, reading: PointReading, near: tuple[np.ndarray, np.ndarray],
                   params: dict[str, float]) -> PointReading:
    """The reading with every one-sided value and slope decided to full precision, or NaN with the
    reason.

    `near` holds f and f′ at x₀ − h and x₀ + h, each (2, len(h)). A side whose sequence had not
    settled (f′ of x²·ln|x| is 2h·ln h + h: 4·10⁻⁸ at h = 10⁻⁹, its limit 0; x^x is 1 − 2·10⁻⁸) is
    decided by sympy's one-sided limit where the function's sympy form is at hand and sympy answers
    in time (special_points/exact_limits.py), and is otherwise left undecided (NaN, with the reason)."""
    changes = {}
    for order, (sequences, left_name, right_name) in enumerate(((near[0], "left_value", "right_value"),
                                                                  (near[1], "left_slope", "right_slope"))):
        now = (getattr(reading, left_name), getattr(reading, right_name))
        loose = unsettled(sequences) & ~np.isnan(now)
        if not loose.any():
            continue
        decided = decided_sides(now, loose, lambda order=order: _exact_limits(function, reading.x, params, order))
        changes[left_name], changes[right_name] = decided
        if any(math.isnan(v) for v, loose_side in zip(decided, loose) if loose_side):
            changes["undecided"] = UNDECIDED if order else UNDECIDED_VALUES
    if "left_slope" in changes and reading.kind in (PointKind.SMOOTH, PointKind.CORNER):
        left, right = changes["left_slope"], changes["right_slope"]
        kind, slope = _kind_of_slopes(reading.kind, left, right)
        higher = reading.values[2:] if kind is PointKind.SMOOTH and reading.kind is PointKind.SMOOTH else ()
        changes["kind"] = kind
        changes["values"] = (reading.values[0], slope, *higher) + (math.nan,) * (len(reading.values) - 2 - len(higher))
    return dataclasses.replace(reading, **changes) if changes else reading


def _exact_limits(function: Function | Program, x: float, params: dict[str, float], order: int):
    """sympy's one-sided limits of f⁽ᵒʳᵈᵉʳ⁾ at x, None without a sympy form (a Program) or in time."""
    if isinstance(function, Program):
        return None
    from explorer.model.special_points.exact_limits import exact_limits

    return exact_limits(function.expr, x, params, order=order)


def _kind_of_slopes(kind: PointKind, left: float, right: float) -> tuple[PointKind, float]:
    """A continuous f's kind at x₀ and its f′ there from its two one-sided slopes, decided again
    (the kind it was given stays where a slope is undecided: then f′ is NaN too)."""
    if math.isnan(left) or math.isnan(right):
        return kind, math.nan
    if math.isfinite(left) and math.isfinite(right):
        if limits_differ(np.array(left), np.array(0.0), np.array(right), np.array(0.0)):
            return PointKind.CORNER, math.nan
        return PointKind.SMOOTH, left
    if math.isinf(left) and math.isinf(right):
        return (PointKind.VERTICAL if left == right else PointKind.CUSP), math.nan
    return PointKind.CORNER, math.nan


def _resolve_params(function: Function | Program, params) -> tuple[dict[str, float | np.ndarray], int | None]:
    """Every parameter of `function` as a float or a 1-D array (missing ones are 1.0), and the batch size."""
    params = params or {}
    resolved: dict[str, float | np.ndarray] = {}
    batch = None
    for name in function.parameters:
        value = params.get(name, 1.0)
        if np.ndim(value) == 0:
            resolved[name] = float(value)
            continue
        array = np.asarray(value, dtype=np.float64).reshape(-1)
        if batch is not None and len(array) != batch:
            raise ValueError(f"parameter batches differ in length: {batch} and {len(array)} ({name})")
        batch = len(array)
        resolved[name] = array
    return resolved, batch
