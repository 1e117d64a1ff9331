"""The engine's own process: answers grid jobs, point probes and value tables for the window's process.

`EngineProcess` (engine_process.py) starts `serve` in a child process that never imports Qt. It has
three connections, each answered by its own thread, so that a probe for a drag never waits behind a
grid, and neither waits behind a value table. A request names its function by the text the window
parsed, which is parsed again here (the parser is deterministic), or sends it as the program the
window lowered it to (model/program/). Either
is kept by text, so one function keeps one identity, and the engine's compiled form of it is
reused from request to request.

At launch the window sends programs: this process then needs torch alone for the first curve, and
imports sympy (the parser) only after its first answer, while it waits for the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from explorer.app.engine_channel import ERROR, OK, READY, error_value

#: Parsed functions kept by text (the ones typed last, and those of open undo steps).
KEPT_FUNCTIONS = 32


class FunctionsByText:
    """Text -> what the engine computes: the Program sent for it, or else the Function parsed here,
    once; thread-safe, so both request threads share one identity."""

    def __init__(self, size: int = KEPT_FUNCTIONS):
        self._size = size
        self._functions: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, key):
        """The function named by `key`: a text, or a Program (kept unless its text is known already)."""
        text = key if isinstance(key, str) else key.text
        with self._lock:
            function = self._functions.get(text)
            if function is None:
                function = _parse(text) if isinstance(key, str) else key
                self._functions[text] = function
                if len(self._functions) > self._size:
                    self._functions.popitem(last=False)
            self._functions.move_to_end(text)
            return function


def _parse(text: str):
    from explorer.model import parse

    return parse(text)


def warm_parser() -> None:
    """Import the parser and lower a function once: sympy, and what it loads on first use."""
    try:
        _ = _parse("x^2 + sin(x)/x").program  # lowering it loads what lowering a job's function needs
    except Exception:  # whatever failed here fails again, with its message, on a text
        pass


def serve(jobs, probes, tables) -> None:
    """Create the engine (this is what imports torch), say READY on every connection, and answer
    until they close (engine_channel.py: every answer carries the id of its request).

    `jobs` takes (SampleJob, function) and answers a Frame (frame.py); `probes`
    takes (function, x, order, params, tools) and answers a PointReading with the data of the tools
    asked for (a tool_requests.ToolRequest), or a list of them for a tuple of x's (readings asked for
    ahead, one ToolRequest for all or one per x: `read_with_tools`); `tables` takes (TableRequest, function)
    and answers its list of PointReadings, computed as one batch. A function is its text, or
    the program the window lowered it to. After the first answer to a job, the parser is warmed
    as soon as no request waits (`warm_parser`).
    """
    from explorer.app.jobs import run_job, run_table
    from explorer.app.tool_requests import read_with_tools
    from explorer.model import Engine

    # One torch thread: the window's grids are a few thousand points, below torch's parallel grain.
    # Never fused: the eager path samples such a grid in milliseconds, while compiling a kernel
    # would take seconds of a core for each new function.
    engine = Engine(fuse=False, threads=1)
    functions = FunctionsByText()

    def job(body):
        asked, function = body
        return run_job(engine, asked, functions[function])

    def table(body):
        asked, function = body
        return run_table(engine, asked, functions[function])

    def probe(body):
        function, x, order, params, tools = body  # one x, or a tuple of them read ahead (Engine.probe_many)
        if isinstance(x, tuple):
            return read_with_tools(engine, functions[function], x, order, params, tools)
        return read_with_tools(engine, functions[function], (x,), order, params, tools)[0]

    try:
        for connection in (jobs, probes, tables):
            connection.send((None, READY, None))
    except (EOFError, OSError):
        return  # the window is gone already
    threads = [threading.Thread(target=_answer, args=args, daemon=True)
               for args in ((jobs, job, warm_parser), (probes, probe), (tables, table))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _request(connection):
    """The next request, (id, body), waiting for it; None for junk (skipped: the reader keeps
    reading). Raises EOFError or OSError when the window's end has closed."""
    try:
        request = connection.recv()
    except (EOFError, OSError):
        raise
    except Exception:  # bytes that are no pickle, or a pickle of what is not here
        return None
    return request if isinstance(request, tuple) and len(request) == 2 else None


def _answer(connection, handle, when_idle=None) -> None:
    """Answer requests in order until the other end closes (the window quit, or died); call
    `when_idle` once, after an answer, when no request waits."""
    while True:
        try:
            request = _request(connection)
        except (EOFError, OSError):
            return
        if request is None:
            continue
        request_id, body = request
        try:
            answer = (request_id, OK, handle(body))
        except Exception as error:  # the window reports it; this process keeps serving
            answer = (request_id, ERROR, error_value(error))
        try:
            connection.send(answer)
        except (EOFError, OSError):
            return
        except Exception as error:  # something that cannot be pickled: say so
            connection.send((request_id, ERROR, error_value(error)))
        try:
            idle = when_idle is not None and not connection.poll(0)
        except (EOFError, OSError):
            return
        if idle:
            when_idle, warm = None, when_idle
            warm()
