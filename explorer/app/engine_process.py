"""The window's engine, in a process of its own (engine_server.py runs there): an EngineClient.

Why a process: importing torch takes about two seconds of a core and holds the interpreter lock
all along, so in the window's process it delayed the first curve by its whole length (parsing and
painting wait for the lock too). Started first thing at launch, the engine's process imports torch
on the other core while this one loads Qt and paints the window.

Nothing here waits for that process. Requests are sent from the GUI thread and their answers read
there when the event loop says a connection is readable (engine_watch.py), each matched to its
request by id (engine_channel.py). Grid jobs, probes and value tables have a connection each, so a
probe never queues behind a grid or a table; on each, one request is under way and one more may
wait (a newer one replaces it). An engine that does not answer in time (5 s a probe, 60 s a job,
5 s and 60 ms a point for a table), or dies, is reported to the listener as the engine's failure,
replaced at once, and the jobs and probes it held are sent to its successor (once: a request that
two engines could not answer fails); a table it held fails at once, with the reason.

A drag's next x₀ are read ahead (`probe_ahead`: one batch, Engine.probe_many, computed while the
window paints) and a probe at one of them is answered before `probe` returns; so are a drag of the
secant's Q's next h, at one x₀ (the readings kept are keyed by x and the tools asked for). The first requests
of a process send the function as its program, which needs no parser there: it imports sympy only
after its first answer.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, replace

from explorer.app import engine_channel
from explorer.app.engine_channel import ERROR, NOTHING, READY
from explorer.app.engine_client import EngineListener
from explorer.app.engine_server import serve
from explorer.app.jobs import FunctionRef, Probe, SampleJob, TableRequest
from explorer.app.tool_requests import NO_TOOLS, ToolRequest

#: How long the engine's process may take to import torch and start (a cold disk is slow).
START_TIMEOUT_S = 120.0
#: How long one grid job or one probe may take before the engine is taken for hung.
JOB_TIMEOUT_S = 60.0
PROBE_TIMEOUT_S = 5.0
#: A value table may take a probe's time plus this much a point (1,000 points: 65 s, about a job's).
TABLE_POINT_TIMEOUT_S = 0.06
#: Readings computed ahead kept at most (more are dropped and computed again if asked for).
KEPT_READINGS = 512

NOT_ANSWERING = "the engine is not answering; restarting it"
STOPPED = "the engine stopped unexpectedly; restarting it"
#: A request that two engines in turn could not answer fails with these words.
GAVE_UP = {NOT_ANSWERING: "the computation took too long and was stopped",
           STOPPED: "the computing process stopped unexpectedly"}


class _Child:
    """One engine process and its three connections (replaced as a whole when it stops)."""

    def __init__(self, context):
        self.jobs, jobs_end = context.Pipe()
        self.probes, probes_end = context.Pipe()
        self.tables, tables_end = context.Pipe()
        self.process = context.Process(target=serve, args=(jobs_end, probes_end, tables_end),
                                       name="slope-explorer-engine", daemon=True)
        self.process.start()
        for end in (jobs_end, probes_end, tables_end):
            end.close()  # the child holds its own ends: when it dies, reads here see EOF
        #: Set when the child's READY note has been read (it comes first on each connection).
        self.started = False
        #: Set once it has answered a job: it loads its parser after that, and takes texts.
        self.answered_job = False

    def connections(self) -> dict[str, object]:
        return {"jobs": self.jobs, "probes": self.probes, "tables": self.tables}

    def stop(self) -> None:
        """Kill the process (it holds nothing worth saving) and close its connections."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2.0)
        for connection in self.connections().values():
            connection.close()


@dataclass(frozen=True)
class _Ahead:
    """Readings asked for ahead: a batch of x's for one function, order and parameters, with the
    tools' data asked for at each (a ToolRequest per x, as Probe.tools)."""

    function: FunctionRef
    xs: tuple[float, ...]
    order: int
    params: dict[str, float]
    tools: tuple[ToolRequest, ...]


@dataclass(frozen=True)
class _Sent:
    """The request under way on a connection, under the id its answer will carry."""

    request_id: int
    request: object  # SampleJob, Probe, _Ahead or TableRequest
    #: 1, or 2 once sent again to the successor of an engine that failed while holding it.
    tries: int


class _Line:
    """One connection's traffic: the request under way and the one waiting behind it."""

    def __init__(self, name: str):
        self.name = name
        self.sent: _Sent | None = None
        self.waiting = None


def _reading_key(function: FunctionRef, order: int, params: dict) -> tuple:
    """What a reading depends on besides x and the tools asked for."""
    return function.text, order, tuple(sorted(params.items()))


def _wire(function: FunctionRef, child: _Child):
    """A function as sent: its text, or its program (model/program/) while the process has answered no
    job (until then it has not imported the parser, and a program needs none: engine_server.py).
    The text too where it cannot be lowered: the engine's process then says why."""
    if child.answered_job or function.parsed is None:
        return function.text
    from explorer.model.program import CompileError

    try:
        return function.parsed.program
    except CompileError:
        return function.text


class EngineProcess:
    """The EngineClient of the window: an Engine in a child process, started at once."""

    def __init__(self):
        self._context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._child = _Child(self._context)
        #: Set when processes failed before they started, twice in a row: none is started again
        #: until the next request (no endless restarts where an engine cannot start).
        self._down = False
        self._failed_starts = 0
        self._closed = False
        self._ids = itertools.count(1)
        self._listener: EngineListener | None = None
        self._watch = None  # engine_watch.EngineWatch, made by `listen` (Qt is not loaded before)
        self._lines = {name: _Line(name) for name in ("jobs", "probes", "tables")}
        #: Readings computed ahead, by x and tool request, for the function, order and parameters
        #: of `_ahead_key`.
        self._ahead_key: tuple | None = None
        self._ahead: dict[tuple[float, ToolRequest], object] = {}

    @property
    def ready(self) -> bool:
        if not self._child.started and not self._closed:
            self.collect()  # its READY note may be waiting
        return self._child.started and self._child.process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._child.process.pid

    def listen(self, listener: EngineListener) -> None:
        from explorer.app.engine_watch import EngineWatch

        self._listener = listener
        self._watch = EngineWatch(tuple(self._lines), self._read, self._not_answering)
        self._watch.watch(self._child.connections())

    # ----------------------------------------------------------------- jobs
    def submit(self, job: SampleJob) -> None:
        self._offer(self._lines["jobs"], job)

    def submit_ahead(self, job: SampleJob) -> bool:
        if not self._child.answered_job:
            return False
        self.submit(job)
        return True

    # ----------------------------------------------------------------- probes
    def probe(self, probe: Probe) -> None:
        line = self._lines["probes"]
        self._read("probes")  # a batch read ahead may have come since the event loop last looked
        if self._answer_from_ahead(probe):
            line.waiting = None  # older than this one
        else:
            self._offer(line, probe)  # waiting, it may yet be answered by the batch under way

    def probe_ahead(self, function: FunctionRef, xs: Sequence[float], order: int,
                    params: dict[str, float], tools: ToolRequest | Sequence[ToolRequest] = NO_TOOLS) -> None:
        """One batch at a time, and none while a probe waits or the engine is still starting. A
        batch asked for while a probe is under way is sent after it (a newer batch replaces it).
        `tools` is one request for every x, or a sequence of them, one per x."""
        line = self._lines["probes"]
        under_way = line.sent.request if line.sent is not None else None
        if not self._child.started or isinstance(under_way, _Ahead) or isinstance(line.waiting, Probe):
            return
        xs = tuple(map(float, xs))
        asked = tuple(tools) if isinstance(tools, (tuple, list)) else (tools,) * len(xs)
        key = _reading_key(function, order, params)
        known = self._ahead if key == self._ahead_key else {}
        missing = [point for point in zip(xs, asked, strict=True) if point not in known]
        if not missing:
            return
        batch = _Ahead(function, tuple(x for x, _ in missing), order, dict(params),
                       tuple(wanted for _, wanted in missing))
        self._offer(line, batch)

    def _answer_from_ahead(self, probe: Probe) -> bool:
        if _reading_key(probe.function, probe.order, probe.params) != self._ahead_key:
            return False
        reading = self._ahead.get((float(probe.x), probe.tools))
        if reading is None:
            return False
        self._listener.reading_computed(probe, reading)
        return True

    def _keep_ahead(self, asked: _Ahead, readings) -> None:
        key = _reading_key(asked.function, asked.order, asked.params)
        if key != self._ahead_key or len(self._ahead) > KEPT_READINGS:
            self._ahead_key, self._ahead = key, {}
        self._ahead.update(zip(zip(asked.xs, asked.tools), readings))

    # ----------------------------------------------------------------- value tables
    def submit_table(self, request: TableRequest) -> None:
        self._offer(self._lines["tables"], request)

    # ----------------------------------------------------------------- reading answers
    def collect(self) -> None:
        for name in self._lines:
            self._read(name)

    def _read(self, name: str) -> None:
        """Take every answer that has come on connection `name`, without waiting."""
        child = self._child
        line = self._lines[name]
        while self._child is child and not self._closed:
            try:
                message = engine_channel.read(getattr(child, name), 3)
            except (EOFError, OSError):
                self._replace(STOPPED)
                return
            if message is NOTHING:
                return
            self._take(line, message)

    def _take(self, line: _Line, message: tuple) -> None:
        request_id, status, value = message
        if status == READY:
            self._child.started = True
            return
        sent = line.sent
        if sent is None or request_id != sent.request_id:
            return  # an answer nothing awaits: unsolicited, a duplicate, or a request given up
        line.sent = None
        self._watch.disarm(line.name)
        request = sent.request
        if isinstance(request, SampleJob):
            self._child.answered_job = True
        if isinstance(request, _Ahead) and status != ERROR:
            self._keep_ahead(request, value)  # before the waiting probe: they may answer it
        self._send_waiting(line)  # the engine computes while the answer is delivered and drawn
        if isinstance(request, _Ahead):
            return  # an error here is a probe's error too: the probe at that x reports it
        if status == ERROR:
            self._fail(request, "{}: {}".format(*value))
        elif isinstance(request, SampleJob):
            self._listener.frame_computed(request, value)
        elif isinstance(request, TableRequest):
            self._listener.table_computed(request, value)
        else:
            self._listener.reading_computed(request, value)

    def _fail(self, request, message: str) -> None:
        if isinstance(request, SampleJob):
            self._listener.job_failed(request, message)
        elif isinstance(request, Probe):
            self._listener.probe_failed(request, message)
        elif isinstance(request, TableRequest):
            self._listener.table_failed(request, message)

    # ----------------------------------------------------------------- sending
    def _send_waiting(self, line: _Line) -> None:
        waiting, line.waiting = line.waiting, None
        if waiting is None or line.sent is not None:
            line.waiting = waiting
        elif not (isinstance(waiting, Probe) and self._answer_from_ahead(waiting)):
            self._send(line, waiting)

    def _offer(self, line: _Line, request) -> None:
        """Send `request` now if its connection is free, else keep it to send when the engine is: it
        replaces an older waiting request, which is out of date (newest wins)."""
        if line.sent is None:
            self._send(line, request)
        else:
            line.waiting = request

    def _send(self, line: _Line, request, tries: int = 1) -> None:
        """Send `request` on `line`'s connection and start its deadline; a process found dead
        is replaced (and `request`, now under way, is sent again to its successor)."""
        if self._down:
            self._start_child()
        child = self._child
        sent = _Sent(next(self._ids), request, tries)
        line.sent = sent
        self._watch.arm(line.name, _time_limit(request) + (0.0 if child.started else START_TIMEOUT_S))
        try:
            getattr(child, line.name).send((sent.request_id, self._body(request, child)))
        except OSError:
            self._replace(STOPPED)

    @staticmethod
    def _body(request, child: _Child):
        if isinstance(request, (SampleJob, TableRequest)):
            function = _wire(request.function, child)
            return replace(request, function=FunctionRef(request.function.text)), function
        if isinstance(request, _Ahead):  # a batch: a ToolRequest per x (engine_server.serve)
            return _wire(request.function, child), request.xs, request.order, dict(request.params), request.tools
        return _wire(request.function, child), float(request.x), request.order, dict(request.params), request.tools

    # ----------------------------------------------------------------- failures
    def _not_answering(self) -> None:
        self._replace(NOT_ANSWERING)

    def _replace(self, message: str) -> None:
        """The engine failed: stop it, start its successor, say so, and send the successor what
        the failed one held (the newest of each kind; what it held twice fails instead)."""
        if self._closed:
            return
        failed = self._child
        failed.stop()
        self._failed_starts = 0 if failed.started else self._failed_starts + 1
        if self._watch is None:
            self._down = True  # not listened to yet: nothing under way, nobody to tell
            return
        if self._failed_starts < 2:
            self._start_child()
        else:
            self._down = True
            self._watch.watch({})
        held = []
        for line in self._lines.values():
            self._watch.disarm(line.name)
            sent, line.sent = line.sent, None
            if line.waiting is not None and not self._down:
                self._send_waiting(line)  # newer than the one under way: that one is out of date
            elif sent is not None and not isinstance(sent.request, _Ahead):
                held.append((line, sent))
        self._listener.engine_failed(message)
        for line, sent in held:
            if sent.tries == 1 and not self._down and not isinstance(sent.request, TableRequest):
                self._send(line, sent.request, tries=2)
            else:
                self._fail(sent.request, f"EngineStopped: {GAVE_UP[message]}")

    def _start_child(self) -> None:
        self._child = _Child(self._context)
        self._down = False
        self._watch.watch(self._child.connections())

    # ----------------------------------------------------------------- waiting, closing
    def wait(self, msecs: int) -> None:
        if self._lines["jobs"].sent is not None and not self._closed:
            try:
                self._child.jobs.poll(msecs / 1000)
            except OSError:
                pass  # closed: the notifier reports it

    def close(self) -> None:
        """Stop the engine's process; nothing is delivered after this."""
        self._closed = True
        if self._watch is not None:
            self._watch.close()
        for line in self._lines.values():
            line.sent = line.waiting = None
        self._child.stop()


def _time_limit(request) -> float:
    """How long the engine may take over `request` before it is taken for hung."""
    if isinstance(request, SampleJob):
        return JOB_TIMEOUT_S
    if isinstance(request, TableRequest):
        return PROBE_TIMEOUT_S + TABLE_POINT_TIMEOUT_S * len(request.xs)
    return PROBE_TIMEOUT_S


def start_engine() -> EngineProcess | None:
    """The window's engine process, or None where no process can be started here (a session given
    None computes in its own process: slower to start, but it works)."""
    try:
        return EngineProcess()
    except OSError:
        return None
