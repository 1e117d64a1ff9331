"""The engine port: how a session asks the engine for curves and readings, whatever runs the engine.

Two implementations keep this contract: `InProcessEngine` (in_process_engine.py: an Engine in this
process, for tests and the command line) and `EngineProcess` (engine_process.py: the window's engine
in a process of its own). `Session` knows only this module's names, so it holds no transport policy
and asks no client what it can do.

Requests name their function by a `FunctionRef`; answers come back to the `EngineListener` given to
`EngineClient.listen`, on the thread that listens (the GUI thread), each with the request it answers:
the listener, never the client, decides whether an answer is still wanted. No Qt and no torch here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from explorer.app.frame import Frame
from explorer.app.jobs import FunctionRef, Probe, SampleJob, TableRequest
from explorer.app.tool_requests import NO_TOOLS, ToolRequest


class EngineListener(Protocol):
    """What receives a client's answers, on the listening thread, one call per answer."""

    def frame_computed(self, job: SampleJob, frame: Frame) -> None:
        """The answer to `job` (as submitted): its curves, reading and y-ranges."""

    def job_failed(self, job: SampleJob, message: str) -> None:
        """The engine could not compute `job` (the function's fault, or an engine that stopped twice
        while computing it); `message` says why."""

    def reading_computed(self, probe: Probe, reading: object) -> None:
        """The PointReading `probe` asked for."""

    def probe_failed(self, probe: Probe, message: str) -> None:
        """The engine could not compute the reading `probe` asked for."""

    def table_computed(self, request: TableRequest, readings: list) -> None:
        """The PointReadings `request` asked for, one per x, in its order."""

    def table_failed(self, request: TableRequest, message: str) -> None:
        """The engine could not compute the table `request` asked for (the function's fault, or an
        engine that stopped or ran out of time while computing it); `message` says why."""

    def engine_failed(self, message: str) -> None:
        """The engine itself failed (it stopped answering, or died) and is being replaced: the
        engine's problem, not the function's. Jobs and probes it held are sent again to its
        successor, once; a request it held twice fails with `job_failed` / `probe_failed`. A
        table it held fails at once (`table_failed`): asked for again, it may cost the same."""


class EngineClient(Protocol):
    """The engine as a session sees it.

    Newest wins: a client computes at most one job, one probe and one table at a time, and keeps
    at most one more of each waiting; a newer request replaces the one waiting. Answers to older
    requests may still arrive (each tagged with its request): the listener drops what it no
    longer wants. Nothing here waits for the engine, except `wait`, which says so.
    """

    @property
    def ready(self) -> bool:
        """Whether the engine has started (torch is loaded) and answers without that wait."""

    def listen(self, listener: EngineListener) -> None:
        """Send every answer from now on to `listener` (call once, on the thread that will listen)."""

    def submit(self, job: SampleJob) -> None:
        """Compute `job` (curves, the reading at its x₀, y-ranges); answered by `frame_computed`
        or `job_failed`, possibly before this returns (a client without threads)."""

    def submit_ahead(self, job: SampleJob) -> bool:
        """Submit the job of a text this process has not parsed yet (`job.function.parsed` is
        None), so the engine parses and samples it meanwhile, and say whether it was taken. A
        client declines where that would not save time: an engine in this process would parse on
        this thread's interpreter anyway, and an engine process that has answered no job has not
        loaded its parser (it gets a program once the text is parsed here)."""

    def collect(self) -> None:
        """Deliver now the answers that have come, rather than on the next turn of the event loop."""

    def probe(self, probe: Probe) -> None:
        """Ask for one reading; answered by `reading_computed` or `probe_failed`. Never waits for
        the engine: the answer is delivered before this returns where it is at hand (read ahead,
        or an engine in this process that computes it at once), else when it comes."""

    def probe_ahead(self, function: FunctionRef, xs: Sequence[float], order: int,
                    params: dict[str, float], tools: ToolRequest | Sequence[ToolRequest] = NO_TOOLS) -> None:
        """Readings that may be asked for next (the x₀ a drag can reach from here): a client may
        compute them meanwhile, so that a `probe` at one of them is answered at once. A hint: it
        may do nothing (while it computes something else, or cannot gain time this way). `tools`
        is the tools' data the readings carry, as `Probe.tools`: one request for every x, or a
        sequence of them, one per x (a drag of Q reads one x₀ at many h)."""

    def submit_table(self, request: TableRequest) -> None:
        """Compute a value table, all its points in one batch; answered by `table_computed` or
        `table_failed`, possibly before this returns (a client without threads). Never waits for
        the engine, and never delays a job or a probe: a slow function's long table computes
        while the window keeps drawing and dragging."""

    def wait(self, msecs: int) -> None:
        """Block up to `msecs` until an answer to a job may have come (the event loop delivers it)."""

    def close(self) -> None:
        """Stop computing: no answer is delivered after this, and the engine's process ends."""
