"""Where f's domain ends between two samples: the point at its edge, so a curve is drawn up to it.

The grid is fixed (every row, the CSV, the y-range and the tools rely on x[i] = x_min + i·Δx), and
a domain edge rarely falls on it: √x on [−4, 4] at 3,600 samples starts at x ≈ 0.001, 0.03 above
the origin, and ln x stops at x ≈ 0.001, y ≈ −6.9, inside a view reaching lower. So the grid is
left alone and each segment with one sample inside f's domain and one outside gets one more point
beside it, found by closing in on the edge from the inside: cut the segment into PIECES, keep the
piece where f first stops existing, ROUNDS times over (16¹⁴ = 2⁵⁶: ~10⁻¹⁷ of a step from the
edge). There √x is ~10⁻⁹ (0 on any screen) and ln x is about −45, far below any view of it: the
line reaches the edge, or runs off the plot towards where the curve goes. Every row is evaluated
there (f′ of √x is ~10⁸ at that point: its curve climbs off the top of the plot, as it should).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import torch

from explorer.model.derivatives import derivatives, mark_missing
from explorer.model.readings import DomainEdges

PIECES, ROUNDS = 16, 14


def find_edges(evaluate: Callable, x: torch.Tensor, params: Mapping[str, torch.Tensor],
               rows: np.ndarray) -> DomainEdges | None:
    """The DomainEdges of f (rows[0]; rows (K+1, n), NaN where missing) on the grid `x`, or None."""
    present = ~np.isnan(rows[0])
    after = present[:-1] & ~present[1:]
    before = ~present[:-1] & present[1:]
    segments = np.flatnonzero(after | before)
    if not len(segments):
        return None
    index = torch.as_tensor(segments, device=x.device)
    inside = torch.where(torch.as_tensor(after[segments], device=x.device), x[index], x[index + 1])
    outside = torch.where(torch.as_tensor(after[segments], device=x.device), x[index + 1], x[index])
    fractions = torch.arange(1, PIECES + 1, dtype=x.dtype, device=x.device) / PIECES
    shape = (len(segments), PIECES)
    grid_params = {name: value.expand(shape) for name, value in params.items()}
    with torch.no_grad():
        for _ in range(ROUNDS):
            points = inside[:, None] + (outside - inside)[:, None] * fractions
            gone = ~torch.isfinite(evaluate(points, grid_params).expand(shape))
            first = torch.where(gone.any(dim=1), gone.to(torch.int8).argmax(dim=1), PIECES - 1)
            last_in = torch.where(first > 0, points.gather(1, (first - 1).clamp(min=0)[:, None])[:, 0], inside)
            outside = points.gather(1, first[:, None])[:, 0]
            inside = last_in
    segments, after, inside, outside = _off_the_sample(x, present, segments, after[segments], inside, outside)
    # A derivative may not exist at the edge itself (f′ of √x at 0): it is taken a bracket's width
    # further in, ~10⁻¹⁷ of a step, where it has climbed as far as the curve can show.
    nudged = inside + (inside - outside)
    both = torch.cat((inside, nudged))
    point_params = {name: value.expand(both.shape) for name, value in params.items()}
    values = mark_missing(torch.stack(derivatives(evaluate, both, point_params, rows.shape[0] - 1).rows)
                          .cpu().numpy())
    at_edge, further_in = values[:, :len(segments)], values[:, len(segments):]
    values = np.where(np.isnan(at_edge), further_in, at_edge)
    return DomainEdges(inside.cpu().numpy(), values, segments, after)


def _off_the_sample(x: torch.Tensor, present: np.ndarray, segments: np.ndarray, after: np.ndarray,
                    inside: torch.Tensor, outside: torch.Tensor):
    """The edges that lie on a sample moved into the segment beyond it, on the domain's side.

    A grid may land on the edge itself (√x on [−4, 4] at 1,109 samples has one at 0): the closing
    in never leaves that sample, and the edge point sits beside it, joined to it. f is there, but
    f′ of √x is not (1/(2√0)), so the derivative's edge point would be joined to a missing sample
    and drawn nowhere: its curve started a whole step in. In the next segment the edge point is
    joined to the sample after, where every row exists. Where that sample is missing too (a domain
    of one sample) the edge stays where it was. Sorted again: two edges may now share a segment.
    """
    on_sample = (inside == torch.where(torch.as_tensor(after, device=x.device), x[segments], x[segments + 1]))
    beyond = np.where(after, segments - 1, segments + 1)
    neighbour = np.where(after, segments - 1, segments + 2)
    valid = (neighbour >= 0) & (neighbour < len(present))
    move = on_sample.cpu().numpy() & valid & present[np.clip(neighbour, 0, len(present) - 1)]
    if not move.any():
        return segments, after, inside, outside
    segments = np.where(move, beyond, segments)  # the domain lies on the same side: `after` holds
    order = np.lexsort((after, segments))
    index = torch.as_tensor(order, device=x.device)
    return segments[order], after[order], inside[index], outside[index]
