"""Grid sampling off the GUI thread: the newest request wins.

A `SampleJob` is a plain value (function, range, grid size, orders, parameters, x₀). `run_job`
turns it into a `SampleResult` on whatever thread calls it. `CurveWorker` runs jobs on one private
pool thread: submitting a job drops any job still queued, a job that is already stale when it
starts is skipped, and results come back to the GUI thread by a queued signal carrying the
generation so the session can ignore late answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QThreadPool, Signal

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SampleJob:
    generation: int
    function: object  # explorer.model.Function (not imported here: keep torch and sympy out of start-up)
    x_range: tuple[float, float]
    samples: int
    order: int
    params: dict[str, float]
    x0: float
    #: Derivative orders shown; the automatic y-ranges are computed over these rows.
    orders: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class SampleResult:
    job: SampleJob
    curves: object  # CurveSet
    reading: object  # PointReading at job.x0
    #: Automatic y-range per row (0 = f, k = k-th derivative), and under key -1 the range of f and
    #: every shown derivative together (the overlay's range).
    y_ranges: dict[int, tuple[float, float]]


def _robust_range(values: np.ndarray) -> tuple[float, float]:
    from explorer.model.analysis import robust_y_range

    lo, hi = robust_y_range(values)
    return float(lo), float(hi)


def run_job(engine, job: SampleJob) -> SampleResult:
    """Sample the grid, probe x₀ and choose the automatic y-ranges: all the heavy work of a frame."""
    x_min, x_max = job.x_range
    curves = engine.sample(job.function, x_min, x_max, job.samples, job.order, params=job.params)
    reading = engine.probe(job.function, job.x0, order=job.order, params=job.params)
    rows = curves.values
    y_ranges = {k: _robust_range(rows[k]) for k in range(rows.shape[0])}
    shown = [0, *(k for k in job.orders if k < rows.shape[0])]
    y_ranges[-1] = _robust_range(rows[shown].ravel())
    return SampleResult(job, curves, reading, y_ranges)


class _Relay(QObject):
    """Lives on the GUI thread, so signals emitted from the pool thread arrive queued."""

    finished = Signal(object)
    failed = Signal(object, str)


class CurveWorker(QObject):
    """Runs `SampleJob`s on one background thread; `finished(SampleResult)` / `failed(job, message)`."""

    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, engine_factory: Callable[[], object], latest_generation: Callable[[], int],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._engine_factory = engine_factory
        self._latest_generation = latest_generation
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self.finished)
        self._relay.failed.connect(self.failed)

    def warm_up(self) -> None:
        """Create the engine (importing torch) on the worker thread while the GUI thread parses."""
        self._pool.start(self._engine_factory)

    def submit(self, job: SampleJob) -> None:
        self._pool.clear()  # a queued, not yet started job is already out of date
        self._pool.start(lambda: self._run(job))

    def _run(self, job: SampleJob) -> None:
        if job.generation < self._latest_generation():
            return
        try:
            result = run_job(self._engine_factory(), job)
        except Exception as error:  # noqa: BLE001 - reported to the user, never lost in a thread
            _log.exception("sampling failed for %r", job)
            self._relay.failed.emit(job, f"{type(error).__name__}: {error}")
            return
        self._relay.finished.emit(result)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job (if any) is done; results are delivered by the event loop."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self._pool.clear()
        self._pool.waitForDone()
