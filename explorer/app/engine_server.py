"""The engine's own process: answers grid jobs and point probes for the window's process.

`EngineProcess` (engine_process.py) starts `serve` in a child process that never imports Qt. It has
two connections, each answered by its own thread, so that a probe for a drag never waits behind a
grid. A request names its function by the text the window parsed, which is parsed again here (the
parser is deterministic), or sends it as the program the window lowered it to (program.py). Either
is kept by text, so one function keeps one identity, and the engine's compiled form of it is
reused from request to request.

At launch the window sends programs: this process then needs torch alone for the first curve, and
imports sympy (the parser) only after its first answer, while it waits for the next request.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

#: The first message on each connection: the engine has started (torch is loaded).
READY = "ready"
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
        _parse("x^2 + sin(x)/x").program
    except Exception:  # noqa: BLE001 - whatever failed here fails again, with its message, on a text
        pass


def serve(jobs, probes) -> None:
    """Create the engine (this is what imports torch), say READY on both connections, and answer
    until both close.

    `jobs` takes `SampleJob`s whose function is its text and answers (curves, reading, y-ranges,
    lines).
    `probes` takes (text, x, order, params) and answers a PointReading, or a list of them for a
    tuple of x's (readings asked for ahead: Engine.probe_many). Every answer is
    ("ok", value) or ("error", exception). After the first answer to a job, the parser is warmed
    as soon as no request waits (`warm_parser`).
    """
    from explorer.app.jobs import run_job
    from explorer.model import Engine

    # One torch thread: the window's grids are a few thousand points, below torch's parallel grain.
    # Never fused: the eager path samples such a grid in milliseconds, while compiling a kernel
    # would take seconds of a core for each new function.
    engine = Engine(fuse=False, threads=1)
    functions = FunctionsByText()

    def job(request):
        result = run_job(engine, dataclasses.replace(request, function=functions[request.function]))
        return result.curves, result.reading, result.y_ranges, result.lines

    def probe(request):
        text, x, order, params = request
        if isinstance(x, tuple):  # readings asked for ahead
            return engine.probe_many(functions[text], x, order=order, params=params)
        return engine.probe(functions[text], x, order=order, params=params)

    try:
        for connection in (jobs, probes):
            connection.send((READY, None))
    except (EOFError, OSError):
        return  # the window is gone already
    threads = [threading.Thread(target=_answer, args=args, daemon=True)
               for args in ((jobs, job, warm_parser), (probes, probe))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _answer(connection, handle, when_idle=None) -> None:
    """Answer requests in order until the other end closes (the window quit, or died); call
    `when_idle` once, after an answer, when no request waits."""
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", handle(request))
        except Exception as error:  # noqa: BLE001 - the window reports it; this process keeps serving
            answer = ("error", error)
        try:
            connection.send(answer)
        except (EOFError, OSError):
            return
        except Exception as error:  # noqa: BLE001 - something that cannot be pickled: send its words
            words = answer[1] if answer[0] == "error" else error
            connection.send(("error", RuntimeError(f"{type(words).__name__}: {words}")))
        try:
            idle = when_idle is not None and not connection.poll(0)
        except (EOFError, OSError):
            return
        if idle:
            when_idle, warm = None, when_idle
            warm()
