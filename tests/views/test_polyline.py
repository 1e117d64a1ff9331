"""needed_samples: every left-out sample within tolerance of the line drawn, and the breaks kept;
needed_samples_of: the same for several lines at once, each on its own; lines_for: what the
screen's lines leave out besides."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.readings import CurveSet
from explorer.views.polyline import TOLERANCE_PX, lines_for, needed_samples, needed_samples_of, pixel_size


def worst_miss(px, py, connect, keep) -> float:
    """The largest distance from a left-out sample to the kept chord over it (asserting it is one run)."""
    kept = np.flatnonzero(keep)
    worst = 0.0
    for i in np.flatnonzero(~keep):
        j = np.searchsorted(kept, i) - 1
        a, b = kept[j], kept[j + 1]
        assert connect[a:b].all(), f"sample {i} left out across a break"
        chord = np.array([px[b] - px[a], py[b] - py[a]])
        q = np.array([px[i] - px[a], py[i] - py[a]])
        t = np.clip(q @ chord / (chord @ chord), 0.0, 1.0) if chord @ chord else 0.0
        worst = max(worst, float(np.hypot(*(q - t * chord))))
    return worst


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 1500), seed=st.integers(0, 2**32 - 1), roughness=st.floats(0.001, 20.0),
       break_rate=st.sampled_from([0.0, 0.002, 0.05, 0.5]))
def test_left_out_samples_lie_near_the_line_and_joins_are_kept(n, seed, roughness, break_rate):
    rng = np.random.default_rng(seed)
    px = np.sort(rng.uniform(0, 800, n))
    py = np.cumsum(rng.normal(0, roughness, n))
    connect = rng.random(n) >= break_rate
    connect[-1] = False
    keep = needed_samples(px, py, connect)
    assert keep[0] and keep[-1]
    assert worst_miss(px, py, connect, keep) <= TOLERANCE_PX + 1e-9
    kept = np.flatnonzero(keep)
    restricted = connect[kept]
    for j in range(len(kept) - 1):
        assert restricted[j] == connect[kept[j]:kept[j + 1]].all()


def test_a_smooth_curve_at_three_samples_per_pixel_needs_few_of_them():
    px = np.linspace(0, 800, 2400)
    py = 200 + 150 * np.sin(px / 60)
    connect = np.ones(2400, dtype=bool)
    connect[-1] = False
    keep = needed_samples(px, py, connect)
    assert keep.sum() < 200
    assert worst_miss(px, py, connect, keep) <= TOLERANCE_PX


def test_a_straight_line_is_its_two_ends_per_block_and_a_spike_is_kept():
    px = np.arange(1000.0)
    py = 0.5 * px
    py[500] += 3.0   # one sample off the line by more than the tolerance
    connect = np.ones(1000, dtype=bool)
    connect[-1] = False
    keep = needed_samples(px, py, connect)
    assert keep[500]
    assert keep.sum() < 40


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(0, 700), min_size=1, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_lines_simplified_together_are_each_simplified_as_alone(sizes, seed):
    """Their masks have their own lengths, keep their own ends, and stay within tolerance: nothing
    is joined from one line's last sample to the next line's first, whatever their joins say."""
    rng = np.random.default_rng(seed)
    lines = []
    for n in sizes:
        px = np.sort(rng.uniform(0, 800, n))
        py = np.cumsum(rng.normal(0, 3.0, n)) + rng.uniform(-500, 500)  # lines far apart in y
        lines.append((px, py, rng.random(n) >= 0.01))  # the last join may say True: it is ignored
    masks = needed_samples_of(lines)
    assert [len(mask) for mask in masks] == sizes
    for (px, py, connect), keep in zip(lines, masks):
        if len(keep):
            assert keep[0] and keep[-1]
            own = connect.copy()
            own[-1] = False
            assert worst_miss(px, py, own, keep) <= TOLERANCE_PX + 1e-9
    assert needed_samples_of([]) == []


def test_a_line_for_the_screen_leaves_out_the_samples_that_draw_nothing():
    """√(1 − x²) on [−4, 4]: the samples outside [−1, 1] are joined to nothing, so the screen's line
    leaves them out (they would be two thirds of its vertices); an export's line keeps every one."""
    x = np.linspace(-4.0, 4.0, 2401)
    with np.errstate(invalid="ignore"):
        f = np.sqrt(1 - x ** 2)
    connected = np.isfinite(f)
    connected[:-1] &= connected[1:]
    connected[-1] = False
    curves = CurveSet(x, f[None], connected[None])
    screen = lines_for(curves, {0: ((-1.5, 1.5), pixel_size((-4.0, 4.0), (-1.5, 1.5), 1200, 700))})[0]
    assert len(screen.x) < 100 and np.abs(screen.x).max() <= 1.0 and screen.connect[:-1].all()
    assert len(lines_for(curves, {0: ((-1.5, 1.5), None)})[0].x) == len(x)
