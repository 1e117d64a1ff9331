"""The window's engine, in a process of its own (engine_server.py runs there).

Why a process: importing torch takes about two seconds of a core and holds the interpreter lock
all along, so in the window's process it delayed the first curve by its whole length (parsing and
painting wait for the lock too). Started first thing at launch, the engine's process imports torch
on the other core while this one loads Qt and paints the window. It also keeps the window
responsive whatever the engine does: a computation that hangs is stopped after a time limit, and a
crashed engine is replaced, each reported as a message instead of a frozen or vanished window.

`run_job` is for the worker thread (grids), `probe` for the GUI thread (one point per mouse move):
each has its own connection, so a probe never queues behind a grid.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
import time

from explorer.app.engine_server import PREPARE, PROBE, READY, serve
from explorer.app.jobs import SampleJob, SampleResult

#: How long the engine's process may take to import torch and start (a cold disk is slow).
START_TIMEOUT_S = 120.0
#: How long one grid job or one probe may take before the engine is stopped as hung.
JOB_TIMEOUT_S = 60.0
PROBE_TIMEOUT_S = 5.0


class EngineStopped(RuntimeError):
    """The engine's process died or hung; the next request starts a new one."""


class _Child:
    """One engine process and its two connections (replaced as a whole when it dies)."""

    def __init__(self, context):
        self.jobs, jobs_end = context.Pipe()
        self.probes, probes_end = context.Pipe()
        self.process = context.Process(target=serve, args=(jobs_end, probes_end),
                                       name="slope-explorer-engine", daemon=True)
        self.process.start()
        jobs_end.close()  # the child holds its own ends: when it dies, reads here see EOF
        probes_end.close()
        self.locks = {id(self.jobs): threading.Lock(), id(self.probes): threading.Lock()}
        #: Set when the child's READY note has been read (it comes first on each connection).
        self.started = False

    def is_ready(self) -> bool:
        """Whether the engine has started; reads the note on the probe connection if no call holds it."""
        lock = self.locks[id(self.probes)]
        if not self.started and lock.acquire(blocking=False):
            try:
                if self.probes.poll(0):
                    self.started = self.probes.recv()[0] == READY
            except (EOFError, OSError):
                pass  # died: the next call replaces it
            finally:
                lock.release()
        return self.started

    def call(self, connection, request, timeout_s: float):
        """Send `request`, wait for its answer; raise the engine's exception, or EngineStopped.

        The wait ends early if the process dies (its end of the connection closes). A call made
        while it is still starting may also wait for the start.
        """
        limit = timeout_s if self.started else timeout_s + START_TIMEOUT_S
        deadline = time.monotonic() + limit
        with self.locks[id(connection)]:
            try:
                connection.send(request)
                while True:
                    # Only the child holds the other end: if it dies, this end reads EOF.
                    if not connection.poll(max(0.0, deadline - time.monotonic())):
                        self.stop()
                        raise EngineStopped(f"the computation took longer than {limit:g} s and was stopped")
                    status, value = connection.recv()
                    if status != READY:
                        break
                    self.started = True
            except (EOFError, OSError) as error:
                self.stop()
                raise EngineStopped("the computing process stopped unexpectedly") from error
        if status == "error":
            raise value
        return value

    def tell(self, connection, request) -> None:
        """Send a request that has no answer (a dead child is replaced on the next call)."""
        with self.locks[id(connection)]:
            try:
                connection.send(request)
            except OSError:
                pass

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        """Kill the process (it holds nothing worth saving): a call waiting on either connection
        then reads EOF and returns. The connections close with this object, never under a waiting
        call."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2.0)


class EngineProcess:
    """Engine-like access to an Engine in a child process (started at once, in the background).

    Functions travel by their text, so only functions made by `explorer.model.parse` can be sent.
    """

    def __init__(self):
        self._context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._lock = threading.Lock()
        self._closed = False
        self._child = _Child(self._context)

    @property
    def ready(self) -> bool:
        """Whether the engine has started and answers without waiting for torch to load."""
        return self._child.is_ready() and self._child.alive()

    @property
    def pid(self) -> int | None:
        return self._child.process.pid

    def _current(self) -> _Child:
        """The running child; a new one if the last one died or was stopped."""
        with self._lock:
            if self._closed:
                raise EngineStopped("the engine has been closed")
            if not self._child.alive():
                self._child.stop()
                self._child = _Child(self._context)
            return self._child

    def run_job(self, job: SampleJob) -> SampleResult:
        """Sample, probe and choose y-ranges for `job` in the engine's process (worker thread)."""
        child = self._current()
        curves, reading, y_ranges = child.call(
            child.jobs, dataclasses.replace(job, function=job.function.text), JOB_TIMEOUT_S)
        return SampleResult(job, curves, reading, y_ranges)

    def probe(self, function, x: float, order: int = 1, params=None):
        """Engine.probe, answered by the engine's process (GUI thread: one point per mouse move)."""
        child = self._current()
        request = (PROBE, (function.text, float(x), order, dict(params or {})))
        return child.call(child.probes, request, PROBE_TIMEOUT_S)

    def prepare(self, text: str) -> None:
        """Have the engine parse and compile `text` now, while the window parses it too (GUI thread;
        returns at once, and a typo is simply not prepared)."""
        try:
            child = self._current()
        except EngineStopped:
            return  # closed: nothing will need it
        child.tell(child.probes, (PREPARE, text))

    def close(self) -> None:
        """Stop the engine's process; a job still running there fails with EngineStopped."""
        with self._lock:
            self._closed = True
            self._child.stop()


def start_engine() -> EngineProcess | None:
    """The window's engine process, or None where no process can be started here (a session given
    None computes in its own process: slower to start, but it works)."""
    try:
        return EngineProcess()
    except OSError:
        return None
