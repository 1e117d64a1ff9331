"""Where a sampled curve changes faster than its grid can follow, and what it spans there.

Zoomed out to x ≈ ±6×10⁷, the samples of sin x (one every 3×10⁴) trace a smooth wave of a false
period of about 2×10⁶: drawn through its samples, the curve is a lie. The samples alone cannot tell
(their wave is perfectly smooth); the derivatives can. Where a row's slope times the grid step is
far more than the change between two samples (`max(|f′ₐ|, |f′ᵦ|)·Δx > 2·|fᵦ − fₐ| + tolerance`),
the segment may hide turns the line would miss. Such a segment is looked into at a few interior
points: if the row's values there reach beyond its ends, or turn back against its chord (up and
down again between ends that already span the wave: a grid step near an odd multiple of π puts the
samples of sin x on alternate crests and troughs), by more than the tolerance, the segment is
*unresolved* and what is true about it is the band between its lowest and highest value.

The tolerance is a pixel's height on a plot of NOMINAL_PX pixels showing the row's automatic
y-range: the model does not know the screen, but a curve whose turns stay within a pixel of its
chords is drawn faithfully as a line. A steep monotone stretch (1/x beside its pole) reaches no
further than its ends, and stays a line.

A segment across a break (a pole or a jump) spans everything by nature. It counts as unresolved
where breaks crowd closer than the screen can show apart (tan 1000x on [−4, 4] has a pole every
1.4 grid steps: each pixel column holds whole branches), or inside an unresolved stretch, where its
nearest joined neighbours on both sides are unresolved. The lone pole of 1/x stays a gap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view

from explorer.model.derivatives import derivatives, mark_missing
from explorer.model.y_range import robust_y_range

#: Grids finer than this are no screen's (the window samples at most 12,000 points, an export as
#: many as its picture is wide): they are not looked at, and cost no memory for it.
MAX_N = 100_000
#: The plot height, in pixels, whose pixel is the tolerance of a turn a line may miss.
NOMINAL_PX = 400
#: About how many samples of a row its pixel's height is judged from.
PIXEL_SAMPLES = 512
#: Interior points looked at in a suspect segment: fractional parts of multiples of the golden
#: ratio, so that evenly spaced points cannot alias with a period of their own, shifted by another
#: irrational step from one segment to the next: the same offsets in every segment would alias with
#: the grid itself (sin x stepping 10,616 periods and 1/300 of one per sample showed the same few
#: phases for hundreds of segments, and its band had notches).
INTERIOR = (np.arange(1, 15) * 0.6180339887498949) % 1.0
SEGMENT_SHIFT = 0.7548776662466927
#: Breaks (poles, jumps) closer than this many grid steps are more than the screen can show apart.
BREAKS_APART = 2
#: Segments either side whose ranges an unresolved segment's range is joined with (`_widened`).
NEIGHBOURS = 3
#: A segment across a break is cut into BREAK_PIECES this many times over, keeping the piece where f
#: changes most: 16⁵ ≈ 10⁶, so a pole's values there reach far beyond any view of the curve.
BREAK_PIECES, BREAK_ROUNDS = 16, 5
#: Segments looked into per autograd call (times the interior points).
CHUNK_SEGMENTS = 2048


@dataclass(frozen=True, eq=False)
class Envelope:
    """Per row and segment (k, i: samples i to i+1): whether the curve is unresolved there, and
    its lowest and highest value over the segment (NaN where resolved). Shapes (K+1, n)."""

    unresolved: np.ndarray
    low: np.ndarray
    high: np.ndarray


def find_unresolved(evaluate: Callable, x: torch.Tensor, params: Mapping[str, torch.Tensor],
                    rows: np.ndarray, connected: np.ndarray) -> Envelope | None:
    """The Envelope of `rows` (K+1, n; K ≥ 1, NaN where missing) sampled on the even grid `x`, or
    None where every segment is resolved (the common case costs a few array operations) and for
    grids of more than MAX_N points."""
    n = rows.shape[-1]
    top = rows.shape[0] - 1
    if n < 3 or n > MAX_N or top < 1:
        return None
    step = float(x[1] - x[0])
    change = np.abs(np.diff(rows[:-1], axis=1))                              # rows 0 … K−1
    slope = np.abs(rows[1:]) * abs(step)
    reach = np.fmax(slope[:, :-1], slope[:, 1:])
    with np.errstate(invalid="ignore"):
        steep = reach > 2 * change
    both = np.isfinite(rows[0, :-1]) & np.isfinite(rows[0, 1:])
    broken = ~connected[0, :-1] & both
    if not steep.any() and not broken.any():
        return None  # the common case: nothing steeper than its chords, nothing broken
    tolerance = np.array([_pixel(row) for row in rows])[:, None]
    with np.errstate(invalid="ignore"):
        suspect = (steep & (reach > 2 * change + tolerance[:-1])).any(axis=0)
    if broken.any():
        suspect |= _across_breaks(suspect, connected[0, :-1] & both, broken)
    segments = np.flatnonzero(suspect)
    if not len(segments):
        return None
    low, high, back = _segment_ranges(evaluate, x, params, rows, segments, top)
    ends_low = np.fmin(rows[:, segments], rows[:, segments + 1])
    ends_high = np.fmax(rows[:, segments], rows[:, segments + 1])
    with np.errstate(invalid="ignore"):
        beyond = np.fmax(ends_low - low, high - ends_high)
        turns = (beyond > tolerance) | (back > tolerance)
    unresolved = np.zeros(rows.shape, dtype=bool)
    unresolved[:, segments] = turns
    for k in range(top + 1):
        both = np.isfinite(rows[k, :-1]) & np.isfinite(rows[k, 1:])
        joined, broken = connected[k, :-1] & both, ~connected[k, :-1] & both
        marked = (unresolved[k, :-1] & joined) | (broken & _near_another(broken))
        unresolved[k, :-1] = marked | (broken & _inside(marked, joined)) | (joined & _between(marked))
    if not unresolved.any():
        return None
    full_low = np.full(rows.shape, np.nan)
    full_high = np.full(rows.shape, np.nan)
    full_low[:, segments] = np.fmin(low, ends_low)
    full_high[:, segments] = np.fmax(high, ends_high)
    across = np.flatnonzero(unresolved[:, :-1].any(axis=0) & ~connected[0, :-1])
    if len(across):
        near_low, near_high = _near_breaks(evaluate, x, params, across, top)
        full_low[:, across] = np.fmin(full_low[:, across], near_low)
        full_high[:, across] = np.fmax(full_high[:, across], near_high)
    full_low[~unresolved] = np.nan
    full_high[~unresolved] = np.nan
    full_low, full_high = _widened(full_low, full_high, unresolved)
    return Envelope(unresolved, full_low, full_high)


def _widened(low: np.ndarray, high: np.ndarray, unresolved: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each unresolved segment's range joined with its NEIGHBOURS either side: a few points per
    segment catch a wave's extremes only roughly (16 random phases of sin x reach 0.98 on average,
    but 0.5 now and then), a handful of segments together nearly always. The truth they stand for
    changes little over so short a stretch (a pixel column is about three segments)."""
    width = 2 * NEIGHBOURS + 1
    pad = ((0, 0), (NEIGHBOURS, NEIGHBOURS))
    with np.errstate(all="ignore"):
        low = np.fmin.reduce(sliding_window_view(np.pad(low, pad, constant_values=np.nan), width, axis=1), axis=2)
        high = np.fmax.reduce(sliding_window_view(np.pad(high, pad, constant_values=np.nan), width, axis=1), axis=2)
    low[~unresolved] = np.nan
    high[~unresolved] = np.nan
    return low, high


def _pixel(row: np.ndarray) -> float:
    """A pixel's height on a NOMINAL_PX plot of the row's automatic y-range, from every
    n/PIXEL_SAMPLES-th sample (a tolerance needs no more, and a keystroke pays for each)."""
    lo, hi = robust_y_range(row[::max(1, len(row) // PIXEL_SAMPLES)])
    return (hi - lo) / NOMINAL_PX


def _across_breaks(suspect: np.ndarray, joined: np.ndarray, broken: np.ndarray) -> np.ndarray:
    """Segments across a break between suspect joined neighbours, or close to another break:
    looked into with them."""
    return broken & (_inside(suspect & joined, joined) | _near_another(broken))


def _near_another(breaks: np.ndarray) -> np.ndarray:
    """Per segment: whether another break lies within BREAKS_APART segments of it either side."""
    total = np.concatenate(([0], np.cumsum(breaks)))
    index = np.arange(len(breaks))
    count = total[np.minimum(index + BREAKS_APART + 1, len(breaks))] - total[np.maximum(index - BREAKS_APART, 0)]
    return count - breaks > 0


def _between(marked: np.ndarray) -> np.ndarray:
    """Per segment: whether both of its neighbours are marked (the grid's ends count as marked)."""
    padded = np.concatenate(([True], marked, [True]))
    return padded[:-2] & padded[2:]


def _inside(marked: np.ndarray, joined: np.ndarray) -> np.ndarray:
    """Per segment: whether the nearest joined segment on each side (where there is one) is marked."""
    index = np.arange(len(joined))
    before = np.maximum.accumulate(np.where(joined, index, -1))
    after = np.minimum.accumulate(np.where(joined, index, len(joined))[::-1])[::-1]
    left = np.where(before >= 0, marked[np.maximum(before, 0)], True)
    right = np.where(after < len(joined), marked[np.minimum(after, len(joined) - 1)], True)
    has_side = (before >= 0) | (after < len(joined))
    return left & right & has_side


def _segment_ranges(evaluate, x, params, rows, segments, top) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lowest and highest value of each row at the interior points of `segments`, and how far
    it turns back against its chord there (`_turned_back`), each (K+1, M)."""
    step = x[1] - x[0]
    fractions = torch.as_tensor(INTERIOR, dtype=x.dtype, device=x.device)
    low = np.empty((top + 1, len(segments)))
    high = np.empty((top + 1, len(segments)))
    back = np.empty((top + 1, len(segments)))
    for start in range(0, len(segments), CHUNK_SEGMENTS):
        chosen = segments[start:start + CHUNK_SEGMENTS]
        at = torch.as_tensor(chosen, device=x.device)
        shifted = (fractions[None, :] + at[:, None].to(x.dtype) * SEGMENT_SHIFT) % 1.0
        points = (x[at][:, None] + step * shifted).reshape(-1)
        point_params = {name: value.expand(points.shape) for name, value in params.items()}
        values = torch.stack(derivatives(evaluate, points, point_params, top).rows)
        values = mark_missing(values.cpu().numpy()).reshape(top + 1, len(chosen), len(INTERIOR))
        with np.errstate(all="ignore"):
            low[:, start:start + len(chosen)] = np.fmin.reduce(values, axis=2)
            high[:, start:start + len(chosen)] = np.fmax.reduce(values, axis=2)
        order = np.argsort(shifted.cpu().numpy(), axis=1)  # the interior points from left to right
        along = np.concatenate((rows[:, chosen, None], np.take_along_axis(values, order[None], axis=2),
                                rows[:, chosen + 1, None]), axis=2)
        back[:, start:start + len(chosen)] = _turned_back(along)
    return low, high, back


def _turned_back(along: np.ndarray) -> np.ndarray:
    """How far values in order along a segment (…, points; its ends first and last) go back
    against the chord between its ends: the largest fall after a higher value where the chord
    rises, the largest rise after a lower one where it falls. Beyond 0 only where the curve turns
    twice or more: once up and down again, or past an end (which `beyond` sees as well)."""
    rising = (along[..., -1] >= along[..., 0])[..., None]
    oriented = np.where(rising, along, -along)
    with np.errstate(invalid="ignore"):
        fall = np.fmax.accumulate(oriented, axis=-1) - oriented
        return np.fmax.reduce(fall, axis=-1)


def _near_breaks(evaluate, x, params, segments, top) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest value of each row beside the break in each of `segments`, (K+1, M):
    the break is closed in on by keeping, BREAK_ROUNDS times, the piece where f changes most, so a
    pole gives values ~10⁶ times its grid-step value (the band reaches the view's edge, as the curve
    does) and a jump its two sides (a finite band). Interior points alone may miss a pole's climb."""
    lo = x[torch.as_tensor(segments, device=x.device)]
    hi = lo + (x[1] - x[0])
    fractions = torch.linspace(0.0, 1.0, BREAK_PIECES + 1, dtype=x.dtype, device=x.device)
    shape = (len(segments), BREAK_PIECES + 1)
    grid_params = {name: value.expand(shape) for name, value in params.items()}
    with torch.no_grad():
        for _ in range(BREAK_ROUNDS):
            points = lo[:, None] + (hi - lo)[:, None] * fractions
            change = torch.nan_to_num(evaluate(points, grid_params).expand(shape).diff(dim=1).abs(),
                                      nan=math.inf)
            piece = change.argmax(dim=1, keepdim=True)
            lo, hi = points.gather(1, piece)[:, 0], points.gather(1, piece + 1)[:, 0]
    ends = torch.cat((lo, hi))
    end_params = {name: value.expand(ends.shape) for name, value in params.items()}
    values = mark_missing(torch.stack(derivatives(evaluate, ends, end_params, top).rows).cpu().numpy())
    pairs = values.reshape(top + 1, 2, len(segments))
    with np.errstate(all="ignore"):
        return np.fmin.reduce(pairs, axis=1), np.fmax.reduce(pairs, axis=1)
