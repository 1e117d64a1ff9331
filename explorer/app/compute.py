"""Grid sampling (and value tables) off the GUI thread: the newest request wins.

`CurveWorker` runs requests (jobs.py: `SampleJob`s, or `TableRequest`s on a worker of their own)
through a runner on one private pool thread: submitting a request drops any request still queued,
one that a newer one has replaced is skipped when its turn comes, and results come back to the
GUI thread by a queued signal. It serves an engine in this
process (in_process_engine.py); the engine's own process needs no thread here (engine_process.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from explorer.app.frame import Frame
from explorer.app.jobs import SampleJob, TableRequest

_log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread, so signals emitted from the pool thread arrive queued."""

    finished = Signal(object, object)
    failed = Signal(object, str)


class CurveWorker(QObject):
    """Runs requests on one background thread; `finished(request, answer)` / `failed(request, message)`
    (a SampleJob's answer is a Frame, a TableRequest's a list of PointReadings)."""

    finished = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, run: Callable[[SampleJob], Frame] | Callable[[TableRequest], list],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._run_job = run
        self._latest: SampleJob | TableRequest | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self.finished)
        self._relay.failed.connect(self.failed)

    def warm_up(self, task: Callable[[], object]) -> None:
        """Run `task` (say, creating an engine, which imports torch) on the worker thread before any job."""
        self._pool.start(task)

    def submit(self, job: SampleJob | TableRequest) -> None:
        self._latest = job
        self._pool.clear()  # a queued, not yet started job is already out of date
        self._pool.start(lambda: self._run(job))

    def _run(self, job: SampleJob | TableRequest) -> None:
        if job is not self._latest:
            return
        try:
            frame = self._run_job(job)
        except Exception as error:  # reported to the user, never lost in a thread
            _log.exception("computing failed for %r", job)
            self._relay.failed.emit(job, f"{type(error).__name__}: {error}")
            return
        self._relay.finished.emit(job, frame)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job (if any) is done; results are delivered by the event loop."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self._latest = None
        self._pool.clear()
        self._pool.waitForDone()
