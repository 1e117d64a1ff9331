"""Secant to tangent: difference quotients of f at x₀, computed as a student would compute them.

The derivative is the limit of the secant's slope as h → 0; this module shows what happens on the
way there in real arithmetic. f is evaluated plainly (no autograd) in the engine's float64 at
x₀ and x₀ ± h, and the quotients are

    forward  = (f(x₀ + h) − f(x₀)) / h
    backward = (f(x₀) − f(x₀ − h)) / h
    central  = (f(x₀ + h) − f(x₀ − h)) / (2h)

Their errors against the exact f′(x₀) (autograd, from the engine's reading) first shrink like h
(forward, backward) or h² (central) — truncation — and then grow like ε/h — rounding, as x₀ + h
and f's values lose their last digits. The h where the two balance is the best h: about √ε for
the forward quotient and ∛ε for the central one, times max(1, |x₀|). `best_h` finds it from the
errors themselves on a fine scan of h; where f′(x₀) does not exist there is no error to minimise,
and it is that theory.

Where f′(x₀) does not exist the quotients say why: at a corner the forward and backward quotients
settle on the two one-sided slopes; at a vertical tangent or a cusp they grow without bound, like
h^(−2/3) for x^(1/3) at 0 (`forward_growth` and `backward_growth` are those exponents); at a jump
the one-sided quotients grow like 1/h; outside the domain they are undefined.

Everything here is plain data for views and the command line. A batch of points (a drag's
read-ahead) is evaluated in one torch call (`secant_readings`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from explorer.model.readings import PointKind, PointReading

#: float64's machine epsilon: the relative rounding of one operation is at most half of it.
EPSILON = float(np.finfo(np.float64).eps)
#: The h of the error-versus-h plot and of the command line's default rows: 1, 10⁻¹, … 10⁻¹⁶.
ERROR_PLOT_H = tuple(10.0 ** -k for k in range(17))
#: The best h is looked for at these steps (times max(1, |x₀|)): four a decade, 1 to 10⁻¹⁶.
SCAN_STEPS_PER_DECADE = 4
SCAN_H = tuple(10.0 ** (-j / SCAN_STEPS_PER_DECADE) for j in range(16 * SCAN_STEPS_PER_DECADE + 1))
#: The scan's errors are averaged (geometrically) over this many neighbours either side before the
#: smallest is taken: rounding error is noisy, and one lucky h should not be called the best.
SMOOTHING = 2
#: Where the growth of a quotient that does not converge is measured: h from 10⁻³ to 10⁻⁸ (times
#: max(1, |x₀|)), small enough for the leading power to show, large enough to stay clear of rounding.
GROWTH_H = tuple(10.0 ** -k for k in range(3, 9))


@dataclass(frozen=True)
class Quotients:
    """The three difference quotients at one h; NaN where one is not a finite number (f undefined
    at a point it needs, or an overflow)."""

    h: float
    forward: float
    backward: float
    central: float


def theoretical_best_h(x0: float) -> tuple[float, float]:
    """The textbook best h of the forward and the central quotient: √ε and ∛ε, times max(1, |x₀|)
    (x₀ + h keeps h's digits only relative to x₀)."""
    scale = max(1.0, abs(x0))
    return math.sqrt(EPSILON) * scale, EPSILON ** (1 / 3) * scale


@dataclass(frozen=True)
class SecantReading:
    """The secant tool's data at x₀ for one h: the quotients there, their errors, the error-versus-h
    plot's points, the best h and, where f′(x₀) does not exist, how the quotients behave."""

    x0: float
    h: float
    #: f(x₀), f(x₀ + h) and f(x₀ − h) as the engine evaluates them (NaN where undefined).
    f0: float
    f_plus: float
    f_minus: float
    quotients: Quotients
    #: The exact f′(x₀) (autograd) where it exists, else NaN; `kind` says why not.
    derivative: float
    kind: PointKind
    #: The one-sided slopes (exact limits, from the engine's reading): ±inf for a vertical side.
    left_slope: float
    right_slope: float
    #: The error plot: ERROR_PLOT_H, and |quotient − f′(x₀)| at each (NaN where f′(x₀) does not exist
    #: or the quotient is undefined; exactly 0 where the quotient is exact).
    plot_h: tuple[float, ...]
    #: The quotients at each of `plot_h`: the h table the tool copies and saves.
    plot_quotients: tuple[Quotients, ...]
    forward_error: tuple[float, ...]
    central_error: tuple[float, ...]
    #: The h with the smallest error (forward, central); the theory where f′(x₀) does not exist.
    best_h: tuple[float, float]
    #: Whether `best_h` was found from the errors (True) or is the theory (theoretical_best_h).
    best_h_found: bool
    #: Where a one-sided quotient grows without bound: the exponent p of |quotient| ~ h^p (−2/3 for
    #: x^(1/3) at 0, −1 at a jump); NaN where it converges or is undefined.
    forward_growth: float
    backward_growth: float

    @property
    def errors(self) -> tuple[float, float, float]:
        """|forward − f′|, |backward − f′|, |central − f′| at h (NaN where f′(x₀) does not exist)."""
        q = self.quotients
        return tuple(abs(value - self.derivative) for value in (q.forward, q.backward, q.central))

    @property
    def q_point(self) -> tuple[float, float]:
        """Q = (x₀ + h, f(x₀ + h)), the secant's second point."""
        return self.x0 + self.h, self.f_plus

    def line(self, x_low: float, x_high: float) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The secant through P = (x₀, f(x₀)) and Q, from x_low to x_high: its two ends, or None
        where P or Q does not exist (f undefined there)."""
        slope = self.quotients.forward
        if not (math.isfinite(self.f0) and math.isfinite(slope)):
            return None
        return ((x_low, self.f0 + slope * (x_low - self.x0)), (x_high, self.f0 + slope * (x_high - self.x0)))


# --------------------------------------------------------------------------- evaluation


def evaluate(engine, function, xs: Sequence[float] | np.ndarray,
             params: Mapping[str, float] | None = None) -> np.ndarray:
    """f at `xs`, plainly (no autograd), in the engine's precision, as float64; NaN where f is
    undefined, ±inf where it overflows (Engine.values: this module never imports torch itself)."""
    xs = np.asarray(xs, dtype=np.float64)
    return engine.values(function, xs, params) if xs.size else np.empty(0)


def quotients_from_values(h: np.ndarray, f0: float, f_plus: np.ndarray, f_minus: np.ndarray) -> list[Quotients]:
    """The three quotients at each h from f's values; NaN for what is not finite."""
    forward, backward, central = _quotient_arrays(h, f0, f_plus, f_minus)
    return [Quotients(float(a), float(b), float(c), float(d))
            for a, b, c, d in zip(h, forward, backward, central, strict=True)]


def difference_quotients(engine, function, x0: float, hs: Sequence[float],
                         params: Mapping[str, float] | None = None) -> tuple[float, list[Quotients]]:
    """f(x₀) and the quotients at each of `hs`, from one evaluation of f at x₀ and x₀ ± h."""
    h = np.asarray(hs, dtype=np.float64)
    values = evaluate(engine, function, np.concatenate([[x0], x0 + h, x0 - h]), params)
    f0, f_plus, f_minus = values[0], values[1:1 + len(h)], values[1 + len(h):]
    return float(f0), quotients_from_values(h, f0, f_plus, f_minus)


def secant_readings(engine, function, readings: Sequence[PointReading], h: float | Sequence[float],
                    params: Mapping[str, float] | None = None) -> list[SecantReading]:
    """The SecantReading at each reading's x (the engine's PointReading there: f′ and its kind) for
    step `h` (one for all, or one per reading: a drag of Q reads its next h ahead at one x₀), from
    one evaluation of f at every point all of them need; the analysis is done on arrays, for a
    drag's read-ahead of dozens of points costs about what one does."""
    if not readings:
        return []
    x0 = np.array([reading.x for reading in readings])
    own_h = np.broadcast_to(np.asarray(h, dtype=np.float64), x0.shape)
    scale = np.maximum(1.0, np.abs(x0))[:, None]
    hs = np.concatenate([own_h[:, None], np.broadcast_to(ERROR_PLOT_H, (len(x0), len(ERROR_PLOT_H))),
                         scale * np.asarray(SCAN_H), scale * np.asarray(GROWTH_H)], axis=1)
    points = np.concatenate([x0[:, None], x0[:, None] + hs, x0[:, None] - hs], axis=1)
    values = evaluate(engine, function, points.ravel(), params).reshape(points.shape)
    steps = hs.shape[1]
    f0, plus, minus = values[:, :1], values[:, 1:1 + steps], values[:, 1 + steps:]
    forward, backward, central = _quotient_arrays(hs, f0, plus, minus)
    rows = np.stack([hs, forward, backward, central], axis=2).tolist()
    exact = np.array([reading.slope if reading.kind is PointKind.SMOOTH else math.nan for reading in readings])
    forward_error, central_error = np.abs(forward - exact[:, None]), np.abs(central - exact[:, None])
    plot = slice(1, 1 + len(ERROR_PLOT_H))
    scan = slice(plot.stop, plot.stop + len(SCAN_H))
    growth = slice(scan.stop, scan.stop + len(GROWTH_H))
    best_forward = _best(hs[:, scan], forward_error[:, scan])
    best_central = _best(hs[:, scan], central_error[:, scan])
    forward_growth = _growth(forward[:, growth])
    backward_growth = _growth(backward[:, growth])
    out = []
    for i, reading in enumerate(readings):
        found = math.isfinite(best_forward[i]) and math.isfinite(best_central[i])
        converges = reading.kind in (PointKind.SMOOTH, PointKind.CORNER, PointKind.UNDEFINED)
        out.append(SecantReading(
            x0=reading.x, h=float(own_h[i]), f0=_float(f0[i, 0]), f_plus=_float(plus[i, 0]),
            f_minus=_float(minus[i, 0]),
            quotients=Quotients(float(own_h[i]), float(forward[i, 0]), float(backward[i, 0]), float(central[i, 0])),
            derivative=float(exact[i]), kind=reading.kind, left_slope=reading.left_slope,
            right_slope=reading.right_slope, plot_h=ERROR_PLOT_H,
            plot_quotients=tuple(Quotients(*row) for row in rows[i][plot]),
            forward_error=tuple(forward_error[i, plot].tolist()), central_error=tuple(central_error[i, plot].tolist()),
            best_h=(float(best_forward[i]), float(best_central[i])) if found else theoretical_best_h(reading.x),
            best_h_found=found,
            forward_growth=math.nan if converges else float(forward_growth[i]),
            backward_growth=math.nan if converges else float(backward_growth[i]),
        ))
    return out


def secant_reading(engine, function, x0: float, h: float, params: Mapping[str, float] | None = None) -> SecantReading:
    """The SecantReading at x₀ for step h (the engine's reading there is computed first)."""
    reading = engine.probe(function, x0, order=1, params=params)
    return secant_readings(engine, function, [reading], h, params)[0]


# --------------------------------------------------------------------------- analysis


def _quotient_arrays(h: np.ndarray, f0, f_plus: np.ndarray, f_minus: np.ndarray):
    """Forward, backward and central quotients, elementwise; NaN for what is not finite."""
    with np.errstate(all="ignore"):
        return (_finite((f_plus - f0) / h), _finite((f0 - f_minus) / h), _finite((f_plus - f_minus) / (2 * h)))


def _best(h: np.ndarray, errors: np.ndarray) -> np.ndarray:
    """Per row, the h of the smallest error, after averaging log-errors over SMOOTHING neighbours
    either side; NaN where no error is known (f′ does not exist). Exact zeros count as the
    smallest error; of equal errors the largest h (the first) wins: as good, and further from the
    rounding wall."""
    known = np.isfinite(errors)
    with np.errstate(all="ignore"):
        logs = np.where(known, np.log10(np.maximum(errors, EPSILON * 1e-6)), 0.0)
    sums, counts = _window_sum(logs), _window_sum(known.astype(float))
    smooth = np.where(known, sums / np.maximum(counts, 1), np.inf)
    best = np.argmin(smooth, axis=1)
    rows = np.arange(len(h))
    return np.where(known.any(axis=1), h[rows, best], np.nan)


def _window_sum(values: np.ndarray) -> np.ndarray:
    """Per row, the sum over each entry and its SMOOTHING neighbours either side (fewer at the ends)."""
    padded = np.pad(values, ((0, 0), (SMOOTHING + 1, SMOOTHING)))
    total = np.cumsum(padded, axis=1)
    return total[:, 2 * SMOOTHING + 1:] - total[:, :-2 * SMOOTHING - 1]


def _growth(quotients: np.ndarray) -> np.ndarray:
    """Per row, the exponent p of |quotient| ~ h^p over GROWTH_H (least squares on log–log; a
    row's scale of h shifts log h and leaves p alone), where the quotient grows as h shrinks;
    NaN where it does not, or is undefined."""
    values = np.abs(quotients)
    ok = np.all(np.isfinite(values) & (values > 0), axis=1)
    with np.errstate(all="ignore"):
        logs = np.log10(np.where(ok[:, None], values, 1.0))
    t = np.log10(GROWTH_H)
    t = t - t.mean()
    slope = (logs * t).sum(axis=1) / (t * t).sum()
    grows = ok & (slope < -0.1) & (values[:, -1] > 10 * values[:, 0])
    return np.where(grows, slope, np.nan)


def _finite(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def _float(value) -> float:
    value = float(value)
    return value if math.isfinite(value) else math.nan
