"""The window's engine, in a process of its own (engine_server.py runs there).

Why a process: importing torch takes about two seconds of a core and holds the interpreter lock
all along, so in the window's process it delayed the first curve by its whole length (parsing and
painting wait for the lock too). Started first thing at launch, the engine's process imports torch
on the other core while this one loads Qt and paints the window. It also keeps the window
responsive whatever the engine does: a computation that hangs is stopped after a time limit, and a
crashed engine is replaced, each reported as a message instead of a frozen or vanished window.

Grid jobs and probes each have their own connection, so a probe never queues behind a grid. The
window sends a grid job with `send_job` and reads its answer when the connection turns readable
(engine_jobs.py); `run_job` waits for it instead. `probe` waits: one point per mouse move. The
first job of a process sends its function as a program, which needs no parser there.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
import time

from explorer.app.engine_server import READY, serve
from explorer.app.jobs import SampleJob, SampleResult

#: How long the engine's process may take to import torch and start (a cold disk is slow).
START_TIMEOUT_S = 120.0
#: How long one grid job or one probe may take before the engine is stopped as hung.
JOB_TIMEOUT_S = 60.0
PROBE_TIMEOUT_S = 5.0
#: Readings computed ahead kept at most (more are dropped and computed again if asked for).
KEPT_READINGS = 512


class EngineStopped(RuntimeError):
    """The engine's process died or hung; the next request starts a new one."""


STOPPED = "the computing process stopped unexpectedly"
#: What `_Child.read` returns when no answer has come (yet).
NOTHING = object()


def too_long(limit_s: float) -> EngineStopped:
    return EngineStopped(f"the computation took longer than {limit_s:g} s and was stopped")


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
        #: Grid jobs sent, and answers to them read: each job gets one answer, in order.
        self.jobs_sent = self.jobs_answered = 0
        #: The readings asked for ahead whose answer has not been read: (key, xs), or None.
        self.ahead: tuple | None = None

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

    def time_limit(self, timeout_s: float) -> float:
        """A request's time limit: longer while the process may still be starting (loading torch)."""
        return timeout_s if self.started else timeout_s + START_TIMEOUT_S

    def send(self, connection, request) -> None:
        try:
            connection.send(request)
        except OSError as error:
            self.stop()
            raise EngineStopped(STOPPED) from error

    def read(self, connection, timeout_s: float = 0.0):
        """The next answer, (status, value), on `connection` if it comes within `timeout_s`, else
        NOTHING; EngineStopped if the process died (its note that it has started is skipped)."""
        deadline = time.monotonic() + timeout_s
        try:
            # Only the child holds the other end: if it dies, this end reads EOF.
            while connection.poll(max(0.0, deadline - time.monotonic())):
                try:
                    answer = connection.recv()
                except (EOFError, OSError):
                    raise
                except Exception as error:  # noqa: BLE001 - an answer that cannot be unpickled here
                    return "error", RuntimeError(f"unreadable answer from the engine: {error}")
                if answer[0] != READY:
                    return answer
                self.started = True
        except (EOFError, OSError) as error:
            self.stop()
            raise EngineStopped(STOPPED) from error
        return NOTHING

    def call(self, connection, request, timeout_s: float):
        """Send `request`, wait for its answer; raise the engine's exception, or EngineStopped.

        The wait ends early if the process dies. A call made while it is still starting may also
        wait for the start.
        """
        limit = self.time_limit(timeout_s)
        with self.locks[id(connection)]:
            self.send(connection, request)
            answer = self.read(connection, limit)
        if answer is NOTHING:
            self.stop()
            raise too_long(limit)
        return _unpacked(answer)

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        """Kill the process (it holds nothing worth saving): a call waiting on either connection
        then reads EOF and returns. The connections close with this object, never under a waiting
        call."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2.0)


def _unpacked(answer):
    """An answer's value, or the engine's exception raised here."""
    status, value = answer
    if status == "error":
        raise value
    return value


def _reading_key(function, order: int, params: dict) -> tuple:
    """What a reading depends on besides x."""
    return function.text, max(order, 1), tuple(sorted(params.items()))


def _request(job: SampleJob, child: _Child) -> SampleJob:
    """The job as sent: its function as its text (it may be no more than that already), or as its
    program (program.py) while the process has answered no job: until then it has not imported
    the parser, and the program needs none (engine_server.py)."""
    function = job.function
    if not isinstance(function, str):
        function = function.text if child.jobs_answered else _program_or_text(function)
    return dataclasses.replace(job, function=function)


def _program_or_text(function):
    """The function's program, or its text if it cannot be lowered: the engine's process then
    reports why, as the answer to the job."""
    from explorer.model.program import CompileError

    try:
        return function.program
    except CompileError:
        return function.text


class SentJob:
    """A grid job sent to the engine's process whose answer has not been read yet.

    Answers come in the order the jobs were sent, one each, so a job knows its own by number: one
    left unread by an earlier job (given up on) is skipped.
    """

    def __init__(self, child: _Child, job: SampleJob):
        self.job = job
        self._child = child
        #: How long the answer may take before the engine is stopped as hung.
        self.time_limit_s = child.time_limit(JOB_TIMEOUT_S)
        with child.locks[id(child.jobs)]:
            child.send(child.jobs, _request(job, child))
            child.jobs_sent += 1
            self._number = child.jobs_sent

    def fileno(self) -> int:
        """The connection the answer comes on (readable once it has come, or the process died)."""
        return self._child.jobs.fileno()

    def ready(self, timeout_s: float | None = 0.0) -> bool:
        """Whether something can be read within `timeout_s` (None: no limit): an answer, the
        process's note that it has started, or the end of a process that died."""
        return self._child.jobs.poll(timeout_s)

    def result(self, timeout_s: float = 0.0) -> SampleResult | None:
        """The answer, if it comes within `timeout_s`, else None; raises the engine's exception, or
        EngineStopped if the process died."""
        child = self._child
        deadline = time.monotonic() + timeout_s
        while True:
            answer = child.read(child.jobs, max(0.0, deadline - time.monotonic()))
            if answer is NOTHING:
                return None
            child.jobs_answered += 1
            if child.jobs_answered >= self._number:
                break
        return SampleResult(self.job, *_unpacked(answer))

    def give_up(self) -> EngineStopped:
        """Stop the process as hung, and return the error to report (the next job starts a new one)."""
        self._child.stop()
        return too_long(self.time_limit_s)


class EngineProcess:
    """Engine-like access to an Engine in a child process (started at once, in the background).

    Functions travel by their text, so only functions made by `explorer.model.parse` can be sent.
    """

    def __init__(self):
        self._context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._lock = threading.Lock()
        self._closed = False
        self._child = _Child(self._context)
        #: Readings computed ahead (`probe_ahead`), by x, for the function, order and parameters
        #: of `_ahead_key`.
        self._ahead_key: tuple | None = None
        self._ahead: dict[float, object] = {}

    @property
    def ready(self) -> bool:
        """Whether the engine has started and answers without waiting for torch to load."""
        return self._child.is_ready() and self._child.alive()

    @property
    def takes_text(self) -> bool:
        """Whether a job may name its function by its text alone and be answered without waiting
        for the parser to load: the process has answered a job (it imports the parser after that)."""
        return self._child.jobs_answered > 0 and self._child.alive()

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
        """Sample, probe and choose y-ranges for `job` in the engine's process, and wait for it (one
        thread at a time: the answers to jobs sent from two threads at once could cross)."""
        sent = self.send_job(job)
        result = sent.result(sent.time_limit_s)
        if result is None:
            raise sent.give_up()
        return result

    def send_job(self, job: SampleJob) -> "SentJob":
        """Start `job` in the engine's process and return at once; its answer is read from the
        `SentJob` when its connection turns readable (engine_jobs.py: on the GUI thread)."""
        return SentJob(self._current(), job)

    def probe(self, function, x: float, order: int = 1, params=None):
        """Engine.probe, answered by the engine's process (GUI thread: one point per mouse move), or
        at once from the readings computed ahead (`probe_ahead`)."""
        child = self._current()
        params = dict(params or {})
        key = _reading_key(function, order, params)
        with child.locks[id(child.probes)]:
            self._take_ahead(child, wait=True)  # its answer comes first on the connection
            reading = self._ahead.get(float(x)) if key == self._ahead_key else None
            if reading is not None:
                return reading
        return child.call(child.probes, (function.text, float(x), order, params), PROBE_TIMEOUT_S)

    def probe_ahead(self, function, xs, order: int = 1, params=None) -> None:
        """Have the engine's process compute the readings at `xs` now (one batch, Engine.probe_many)
        without waiting for them: a `probe` at one of them is then answered at once. A drag asks
        for the x₀ it can reach next, which are computed while the window paints this one.

        One batch at a time: while one is being computed, this does nothing. Nothing is asked of
        an engine that is starting, or has stopped (the next probe reports it).
        """
        child = self._child
        if not (child.started and child.alive()):
            return
        params = dict(params or {})
        key = _reading_key(function, order, params)
        with child.locks[id(child.probes)]:
            try:
                self._take_ahead(child, wait=False)
                if child.ahead is not None:
                    return
                known = self._ahead if key == self._ahead_key else {}
                missing = tuple(x for x in map(float, xs) if x not in known)
                if missing:
                    child.send(child.probes, (function.text, missing, order, params))
                    child.ahead = (key, missing)
            except EngineStopped:
                return

    def _take_ahead(self, child: _Child, wait: bool) -> None:
        """Read the answer to the readings asked for ahead, if one is due (waiting for it if `wait`)
        and keep them, for the latest function, orders and parameters only."""
        if child.ahead is None:
            return
        answer = child.read(child.probes, PROBE_TIMEOUT_S if wait else 0.0)
        if answer is NOTHING:
            if wait:
                child.stop()
                raise too_long(PROBE_TIMEOUT_S)
            return
        (key, xs), child.ahead = child.ahead, None
        status, readings = answer
        if status != "ok":
            return  # a probe at one of them reports the error itself
        if key != self._ahead_key or len(self._ahead) > KEPT_READINGS:
            self._ahead_key, self._ahead = key, {}
        self._ahead.update(zip(xs, readings))

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
