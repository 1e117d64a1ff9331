"""Where a sampled curve must not be drawn as one line: poles and jumps between two samples.

Only the guards (see guards.py) can put a pole or a jump on a segment, so only segments where a
guard reaches its critical set are examined: where it changes sign (or crosses an integer, for
floor/ceiling), is exactly critical at a sample, or touches zero without crossing (1/(1−cos x)).
The critical point x* is located by bisection, and every row is evaluated at x* ± δ for a
shrinking δ. A row breaks there only if a side diverges or the two one-sided limits differ:
|x| does not break f at 0, 2|x| (f′ of x|x|) does not break, but sign x and 1/x do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import torch

from explorer.model.derivatives import derivatives, mark_missing
from explorer.model.program.compiling import Compiled, CompiledGuard
from explorer.model.special_points.classification import limits_differ, one_sided_limits

Tensor = torch.Tensor

#: A critical point is bracketed by cutting its segment into SECTIONS pieces ROUNDS times over:
#: 32⁸ = 2⁴⁰, so the bracket ends ~1e-12 of a grid step wide (as 40 halvings would), far below the
#: smallest δ, in a fifth of the calls (on a window's grid each torch call costs more than its points).
SECTIONS, ROUNDS = 32, 8
#: From this grid size on, a guard sympy proves never critical is not scanned (see CompiledGuard.never_critical).
PROVE_MIN_N = 100_000
#: δ = step·10^-j for j = 1..STEPS_BELOW: the one-sided sequences used to judge each limit.
STEPS_BELOW = 8


@dataclass
class _Candidates:
    """Critical points found on the grid: batch row, x*, and how it sits among the samples."""

    batch: np.ndarray    # (M,) batch row of each point
    x: np.ndarray        # (M,) the critical point
    segment: np.ndarray  # (M,) segment i (between samples i and i+1) holding x*, or -1 if x* is a sample
    sample: np.ndarray   # (M,) the sample i where x* is exactly a sample, else -1


def _params_at(params: Mapping[str, Tensor], batch: Tensor, shape: tuple[int, ...]) -> dict[str, Tensor]:
    """Each parameter's value for points belonging to batch rows `batch` (M,), shaped `shape` (M, …)."""
    out = {}
    for name, value in params.items():
        per_point = value.reshape(-1)[batch] if value.dim() else value.expand(batch.shape)
        out[name] = per_point.reshape((-1,) + (1,) * (len(shape) - 1)).expand(shape).contiguous()
    return out


def _critical_distance(guard: CompiledGuard, values: Tensor) -> Tensor:
    return (values - torch.round(values)).abs() if guard.integer else values.abs()


def _side(guard: CompiledGuard, values: Tensor) -> Tensor:
    """Which side of the critical set each value lies on (NaN stays NaN: no crossing)."""
    return torch.floor(values) if guard.integer else torch.sign(values)


def _bisect(evaluate, side, lo: Tensor, hi: Tensor, params: dict[str, Tensor]) -> Tensor:
    """The point between lo and hi (M,) where side(evaluate(x)) first changes, for many brackets at once.

    Each round evaluates SECTIONS − 1 points inside every bracket and keeps the piece where the side
    first differs from lo's (or the last piece, if none does).
    """
    lo_side = side(evaluate(lo, params))[:, None]
    steps = torch.arange(1, SECTIONS, dtype=lo.dtype, device=lo.device)           # (S−1,)
    shape = (lo.shape[0], SECTIONS - 1)
    point_params = {name: v[:, None].expand(shape).contiguous() for name, v in params.items()}
    for _ in range(ROUNDS):
        width = (hi - lo)[:, None]
        points = lo[:, None] + width * steps / SECTIONS                            # (M, S−1)
        changed = side(evaluate(points, point_params)) != lo_side
        piece = torch.where(changed.any(dim=1), changed.to(torch.int8).argmax(dim=1), SECTIONS - 1)
        last = piece == SECTIONS - 1
        lo, hi = (torch.where(piece == 0, lo, points.gather(1, (piece - 1).clamp(min=0)[:, None])[:, 0]),
                  torch.where(last, hi, points.gather(1, piece.clamp(max=SECTIONS - 2)[:, None])[:, 0]))
    return (lo + hi) / 2


def _guard_slope(guard: CompiledGuard):
    def slope(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        return derivatives(guard.evaluate, x, params, 1).rows[1]

    return slope


def _scan_window(guard: CompiledGuard, values: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    """Masks over one window of guard values (B, w): exact samples, crossing segments, touch middles.

    Touch middles are indexed by their left neighbour (middle − 1), so all three masks align with
    the window's first sample.
    """
    distance = _critical_distance(guard, values)
    exact = distance == 0
    side = _side(guard, values)
    crossing = (side[:, :-1] != side[:, 1:]) & ~exact[:, :-1] & ~exact[:, 1:]
    crossing &= ~(torch.isnan(side[:, :-1]) | torch.isnan(side[:, 1:]))
    if guard.integer or values.shape[1] < 3:
        return exact, crossing, torch.zeros_like(exact[:, :0])
    # A zero the guard touches without crossing: a local minimum of |g| …
    sign = torch.sign(values)
    middle = distance[:, 1:-1]
    touch = (sign[:, :-2] == sign[:, 1:-1]) & (sign[:, 1:-1] == sign[:, 2:]) & (middle > 0)
    touch &= (middle <= distance[:, :-2]) & (middle < distance[:, 2:])
    # … where the parabola through the three samples dips to about zero (x²+1 at 0 is no touch).
    curvature = distance[:, :-2] - 2 * middle + distance[:, 2:]
    slope = (distance[:, 2:] - distance[:, :-2]) / 2
    touch &= middle - slope**2 / (2 * curvature) <= 0.25 * middle
    return exact, crossing, touch


def _scan(guard: CompiledGuard, x: Tensor, params: Mapping[str, Tensor], batch: int, chunk: int):
    """(batch, index) pairs of exact samples, crossing segments and touch middles, window by window
    so that the memory used stays that of one chunk."""
    n = x.shape[0]
    found: tuple[list, list, list] = ([], [], [])
    for start in range(0, n, chunk):
        stop = min(n, start + chunk + 2)
        grid = x[start:stop].expand(batch, -1)
        with torch.no_grad():
            masks = _scan_window(guard, guard.evaluate(grid, params))
        owned = min(chunk, n - start)  # indices this window owns; the next window owns the rest
        for kind, mask in enumerate(masks):
            b, i = mask[:, :owned].nonzero(as_tuple=True)
            found[kind].append((b, i + start + (1 if kind == 2 else 0)))
    return [(torch.cat([b for b, _ in parts]), torch.cat([i for _, i in parts])) for parts in found]


def _find_candidates(guard: CompiledGuard, x: Tensor, params: Mapping[str, Tensor], batch: int,
                     chunk: int) -> _Candidates:
    grid = x.expand(batch, -1)
    (b_exact, i_exact), (b_cross, i_cross), (b_touch, i_touch) = _scan(guard, x, params, batch, chunk)
    none = torch.full_like(i_exact, -1)
    parts = [(b_exact, grid[b_exact, i_exact], none, i_exact)]
    if len(b_cross):
        point_params = _params_at(params, b_cross, b_cross.shape)
        x_cross = _bisect(guard.evaluate, lambda v: _side(guard, v),
                          grid[b_cross, i_cross], grid[b_cross, i_cross + 1], point_params)
        parts.append((b_cross, x_cross, i_cross, torch.full_like(i_cross, -1)))
    if len(b_touch):
        parts.append(_touches(guard, grid, b_touch, i_touch, params))
    return _Candidates(*(torch.cat([p[k] for p in parts]).cpu().numpy() for k in (0, 1, 2, 3)))


def _touches(guard: CompiledGuard, grid: Tensor, b: Tensor, i: Tensor, params) -> tuple:
    """Locate each touch as the zero of g′ between the neighbours; keep those where g is ~0 there.

    Where g at that minimum has crossed to the other side, the touch is a pair of crossings
    inside one step (1/(x² − 10⁻⁶) on a grid of step 0.01: two poles between two samples), and
    both are bisected, each on its side of the minimum.
    """
    point_params = _params_at(params, b, b.shape)
    x_min = _bisect(_guard_slope(guard), torch.sign, grid[b, i - 1], grid[b, i + 1], point_params)
    with torch.no_grad():
        at_min = guard.evaluate(x_min, point_params)
        sample = guard.evaluate(grid[b, i], point_params)
        neighbours = torch.minimum(guard.evaluate(grid[b, i - 1], point_params).abs(),
                                   guard.evaluate(grid[b, i + 1], point_params).abs())
    segment = torch.where(x_min < grid[b, i], i - 1, i)
    crossed = (torch.sign(at_min) * torch.sign(sample) < 0) & (at_min.abs() > 1e-8 * neighbours)
    parts = []
    if crossed.any():
        cb, cx, cs = b[crossed], x_min[crossed], segment[crossed]
        pair_params = _params_at(params, cb, cb.shape)
        for lo, hi in ((grid[cb, cs], cx), (cx, grid[cb, cs + 1])):
            x_cross = _bisect(guard.evaluate, lambda v: _side(guard, v), lo, hi, pair_params)
            parts.append((cb, x_cross, cs, torch.full_like(cs, -1)))
    keep = at_min.abs() <= 1e-8 * neighbours
    b, i, x_min, segment = b[keep], i[keep], x_min[keep], segment[keep]
    on_sample = x_min == grid[b, i]
    parts.append((b, x_min, torch.where(on_sample, -1, segment), torch.where(on_sample, i, -1)))
    return tuple(torch.cat([part[k] for part in parts]) for k in range(4))


def _one_sided_limits(compiled: Compiled, cand: _Candidates, params: Mapping[str, Tensor], step: float,
                      order: int, like: Tensor, near_holes=None) -> tuple[np.ndarray, np.ndarray]:
    """Limits (and their uncertainty) of every row at every candidate, from each side: (K+1, M, 2)."""
    deltas = step * 10.0 ** -np.arange(1, STEPS_BELOW + 1)
    offsets = np.stack([-deltas, deltas])                           # (2, J): left side, right side
    points = torch.as_tensor(cand.x[:, None, None] + offsets[None], dtype=like.dtype, device=like.device)
    batch_index = torch.as_tensor(cand.batch, device=like.device)
    point_params = _params_at(params, batch_index, tuple(points.shape))
    near = torch.stack(derivatives(compiled.evaluate, points, point_params, order).rows).cpu().numpy()
    if near_holes is not None:
        near_holes(points.cpu().numpy().reshape(-1), near.reshape(order + 1, -1))
    return one_sided_limits(mark_missing(near))   # sequences: (K+1, M, 2, J)


def _drop_missing_derivatives(rows: np.ndarray, connected: np.ndarray, limit: np.ndarray, spread: np.ndarray,
                              b: np.ndarray, i: np.ndarray) -> None:
    """NaN, in place, for every derivative that does not exist at a sample that is a critical point
    itself: autograd's number there is a subgradient (|x|′ = 0 at 0, floor′ = 0 at 1), not f^(k).
    f^(k) exists there only if f^(k−1) is continuous there and both one-sided limits of f^(k)
    exist and agree; if f^(k) does not, no higher derivative does. The segments beside it break.

    `limit` and `spread` (K+1, M, 2) are the rows' one-sided limits at the M samples (b, i).
    """
    missing = np.zeros(len(i), dtype=bool)
    for k in range(1, rows.shape[1]):
        below, here = rows[b, k - 1, i], limit[k]
        continuous = (np.isfinite(limit[k - 1]).all(axis=-1)
                      & ~limits_differ(limit[k - 1, :, 0], spread[k - 1, :, 0], below, np.zeros_like(below))
                      & ~limits_differ(limit[k - 1, :, 1], spread[k - 1, :, 1], below, np.zeros_like(below)))
        agree = (np.isfinite(here).all(axis=-1)
                 & ~limits_differ(here[:, 0], spread[k, :, 0], here[:, 1], spread[k, :, 1]))
        missing |= ~(continuous & agree)
        rows[b[missing], k, i[missing]] = np.nan
        connected[b[missing], k, np.maximum(i[missing] - 1, 0)] = False
        connected[b[missing], k, i[missing]] = False


def find_breaks(compiled: Compiled, x: Tensor, params: Mapping[str, Tensor], rows: np.ndarray,
                chunk: int = 1 << 15, near_holes=None) -> np.ndarray:
    """`connected` for `rows` (B, K+1, n; NaN where missing) sampled on x (n,): False across poles,
    jumps and gaps.

    `params` are tensors of shape (B, 1) for a batch, 0-dim otherwise; guards are scanned in
    windows of `chunk` samples (per batch row). `near_holes(points, rows)`, where given, reads rows
    (K+1, N) at points (N,) beside a removable singularity again from its series (model/removable.py),
    so a hole between two samples is judged from its true limits, not the typed formula's cancellation.
    """
    present = ~np.isnan(rows)
    connected = np.zeros(rows.shape, dtype=bool)
    np.logical_and(present[..., :-1], present[..., 1:], out=connected[..., :-1])
    n = x.shape[0]
    guards = [g for g in compiled.guards if n < PROVE_MIN_N or not g.never_critical]
    if n < 2 or not guards:
        return connected
    batch = rows.shape[0]
    found = [_find_candidates(g, x, params, batch, max(1, chunk // batch)) for g in guards]
    cand = _Candidates(*(np.concatenate([getattr(c, f) for c in found]) for f in ("batch", "x", "segment", "sample")))
    if not len(cand.x):
        return connected

    order = rows.shape[1] - 1
    limit, spread = _one_sided_limits(compiled, cand, params, abs(float(x[1] - x[0])), order, x, near_holes)
    left, right = limit[..., 0], limit[..., 1]
    exists = np.isfinite(left) & np.isfinite(right)
    jump = ~exists | limits_differ(left, spread[..., 0], right, spread[..., 1])   # (K+1, M)

    in_segment = cand.segment >= 0
    for k in range(order + 1):
        connected[cand.batch[in_segment & jump[k]], k, cand.segment[in_segment & jump[k]]] = False
    on_sample = ~in_segment
    b, i = cand.batch[on_sample], cand.sample[on_sample]
    _drop_missing_derivatives(rows, connected, limit[:, on_sample], spread[:, on_sample], b, i)
    for k in range(order + 1):
        here = rows[b, k, i]
        for side, segment in ((0, i - 1), (1, i)):
            lim, lim_spread = limit[k, on_sample, side], spread[k, on_sample, side]
            joins = np.isfinite(lim) & ~limits_differ(lim, lim_spread, here, np.zeros_like(here))
            cut = ~joins & (segment >= 0) & (segment < n - 1)
            connected[b[cut], k, segment[cut]] = False
    connected[..., -1] = False
    return connected


def critical_points(compiled: Compiled, x: Tensor, params: Mapping[str, Tensor],
                    chunk: int = 1 << 15) -> list[np.ndarray]:
    """For each guard, the points of the grid x (n,) where it reaches its critical set, located to
    about 2⁻⁴⁰ of a grid step (params: 0-dim tensors). The feature search starts from them: they hold
    every point where f or a derivative may break."""
    if x.shape[0] < 2:
        return [np.zeros(0) for _ in compiled.guards]
    return [np.unique(_find_candidates(g, x, params, 1, chunk).x) for g in compiled.guards]
