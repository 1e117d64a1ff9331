"""The engine port (engine_client.py) over an Engine in this process: for tests and the command line.

Grid jobs run on a `CurveWorker` thread (compute.py), or on the calling thread for a client made
with `threaded=False` (headless export wants its curves before `submit` returns). Value tables
run the same way, on a worker thread of their own (a long table never holds up the curves). Probes are
computed on the calling thread and answered before `probe` returns: with the engine in this
process there is no other process to wait for, and a reading of the window's functions takes well
under a millisecond. The window itself computes in the engine's process (engine_process.py), which
never makes the GUI thread wait.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from explorer.app.compute import CurveWorker
from explorer.app.engine_client import EngineListener
from explorer.app.jobs import FunctionRef, Probe, SampleJob, TableRequest, run_job, run_table
from explorer.app.tool_requests import NO_TOOLS, ToolRequest, read_with_tools


def _parsed(function: FunctionRef):
    """The Function a reference names: the one parsed already, or its text parsed now."""
    if function.parsed is not None:
        return function.parsed
    from explorer.model import parse

    return parse(function.text)


class InProcessEngine:
    """An `EngineClient` computing with `engine` (an explorer.model Engine), or with one created on
    first use (this imports torch: on the worker thread, ahead of the first job, when threaded)."""

    def __init__(self, engine=None, threaded: bool = True):
        self._engine = engine
        self._engine_lock = threading.Lock()
        self._listener: EngineListener | None = None
        self._worker: CurveWorker | None = None
        self._table_worker: CurveWorker | None = None
        self._threaded = threaded

    @property
    def engine(self):
        with self._engine_lock:
            if self._engine is None:
                from explorer.model import Engine

                # One torch thread: the window's grids are a few thousand points, below torch's
                # parallel grain, and a second thread only fights the GUI thread for the cores.
                # Never fused: the eager path samples such a grid in milliseconds, while compiling
                # a kernel would take seconds of a core (and of the GIL) for each new function.
                self._engine = Engine(fuse=False, threads=1)
            return self._engine

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def listen(self, listener: EngineListener) -> None:
        self._listener = listener
        if self._threaded:
            self._worker = CurveWorker(self._run)
            self._worker.finished.connect(listener.frame_computed)
            self._worker.failed.connect(listener.job_failed)
            self._table_worker = CurveWorker(self._run_table)
            self._table_worker.finished.connect(listener.table_computed)
            self._table_worker.failed.connect(listener.table_failed)
            if self._engine is None:
                self._worker.warm_up(lambda: self.engine)  # imports torch off the listening thread

    def _run(self, job: SampleJob):
        return run_job(self.engine, job, _parsed(job.function))

    def submit(self, job: SampleJob) -> None:
        if self._worker is not None:
            self._worker.submit(job)
            return
        try:
            frame = self._run(job)
        except Exception as error:  # the user gets a message; the session keeps running
            self._listener.job_failed(job, f"{type(error).__name__}: {error}")
            return
        self._listener.frame_computed(job, frame)

    def submit_ahead(self, job: SampleJob) -> bool:
        return False  # parsing the text on the worker would take this thread's interpreter anyway

    def collect(self) -> None:
        """Nothing to do: the worker's answers arrive by queued signal."""

    def probe(self, probe: Probe) -> None:
        try:
            reading, = read_with_tools(self.engine, _parsed(probe.function), (probe.x,), probe.order, probe.params,
                                       probe.tools)
        except Exception as error:  # the user gets a message; the session keeps running
            self._listener.probe_failed(probe, f"{type(error).__name__}: {error}")
            return
        self._listener.reading_computed(probe, reading)

    def probe_ahead(self, function: FunctionRef, xs: Sequence[float], order: int,
                    params: dict[str, float], tools: ToolRequest | Sequence[ToolRequest] = NO_TOOLS) -> None:
        """Nothing to gain: a probe here costs what reading it ahead would."""

    def _run_table(self, request: TableRequest) -> list:
        return run_table(self.engine, request, _parsed(request.function))

    def submit_table(self, request: TableRequest) -> None:
        if self._table_worker is not None:
            self._table_worker.submit(request)
            return
        try:
            readings = self._run_table(request)
        except Exception as error:  # the user gets a message; the session keeps running
            self._listener.table_failed(request, f"{type(error).__name__}: {error}")
            return
        self._listener.table_computed(request, readings)

    def wait(self, msecs: int) -> None:
        if self._worker is not None:
            self._worker.wait(msecs)

    def close(self) -> None:
        for worker in (self._worker, self._table_worker):
            if worker is not None:
                worker.shutdown()
