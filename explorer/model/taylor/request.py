"""What a Taylor polynomial is asked for with: plain values, travelling with a probe."""

from __future__ import annotations

from dataclasses import dataclass

#: The highest degree the app offers (the issue's promise: any smooth function, live, to degree 20).
MAX_DEGREE = 20
#: |f − Tₙ| below this is "Tₙ is as good as f" for the shaded interval, unless a tolerance is given.
DEFAULT_TOLERANCE = 1e-3


@dataclass(frozen=True)
class TaylorRequest:
    """Tₙ at the probe's x₀: its `degree`, and, for drawing, the grid it is sampled on (the plot's
    x-range and a number of samples; none for the command line) and the tolerance of the shaded
    interval where |f − Tₙ| < tolerance."""

    degree: int
    x_range: tuple[float, float] | None = None
    samples: int = 0
    tolerance: float = DEFAULT_TOLERANCE

    def __post_init__(self):
        if not 0 <= self.degree <= MAX_DEGREE:
            raise ValueError(f"the degree must be 0 to {MAX_DEGREE}, not {self.degree}")
