"""What one recomputation produced, as one plain value: the `Frame` the session announces with
`curves_changed` and keeps as `last_frame` for views built later (export, the value table).

No Qt and no torch: the engine builds it (`jobs.run_job`, in whichever process computes), it
travels to the window as it is, and views draw from it. Drawing stays theirs: a frame holds
samples, not lines, so each view clamps and simplifies them for its own pixels (polyline.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window's process never imports the model's heavy modules for a type
    from explorer.model.features.result import FeatureSet
    from explorer.model.readings import CurveSet, PointReading

#: The name of a document's one definition, f, today; several functions on one plot name theirs.
MAIN = "f"


@dataclass(frozen=True, eq=False)
class Frame:
    """Curves, readings and automatic y-ranges of one job, tagged with its generation (the
    session shows only its newest job's frame). Its mappings are read, never changed.

    It is keyed for several functions on one plot (a later issue), so that it grows rather than
    being torn down: a document then holds a list of named definitions, one job samples each on
    the same grid and reads each at x₀, and their frame holds one CurveSet and one reading per
    name in `curves` and `readings`, today's function under `MAIN`. `y_ranges` stay per plot row,
    each spanning that order's curves of every definition, so overlay and stacked plots keep
    their shape; a view draws `curves` by name. Still one frame, one signal, per recomputation.
    """

    generation: int
    #: f and its sampled derivatives by definition name.
    curves: Mapping[str, CurveSet]
    #: Automatic y-range per plot row (0 = f, k = k-th derivative), and under key -1 the range of
    #: f and every shown derivative together (the overlay's range).
    y_ranges: Mapping[int, tuple[float, float]]
    #: Each definition's reading at the job's x₀, where the job brought one.
    readings: Mapping[str, PointReading] = field(default_factory=dict)
    #: Each definition's features on the job's x-range (zeros, extrema …, sign charts), where the
    #: job asked for them (the features tool is shown); found from the same samples as `curves`.
    features: Mapping[str, FeatureSet] = field(default_factory=dict)

    @property
    def main(self) -> CurveSet:
        """The curves of the document's function (`MAIN`)."""
        return self.curves[MAIN]

    @property
    def main_features(self) -> FeatureSet | None:
        """The features of the document's function, if the job asked for them."""
        return self.features.get(MAIN)

    @property
    def reading(self) -> PointReading | None:
        """The reading of the document's function at the job's x₀, if the job brought one."""
        return self.readings.get(MAIN)
