"""The messages between the window's process and the engine's process, and how both read them.

A request is `(request id, body)`; its answer is `(request id, status, value)`, where status is OK
(the value) or ERROR (the engine's exception as `(kind, message)` strings, which always unpickle
here, whatever the exception). The engine's first message on each connection is
`(None, READY, None)`: it has started (torch is loaded).

Answers are matched to requests by id alone, never by their order on the connection: an answer
no request awaits (unsolicited, or a duplicate) cannot be taken for the next one. A message that
cannot be read (junk bytes, a wrong shape) is dropped on either side: one bad message must not end
the reader of a connection. No Qt and no torch here: both processes import this module.
"""

from __future__ import annotations

READY = "ready"
OK = "ok"
ERROR = "error"
#: Nothing more can be read now (what `read` returns when no message is waiting).
NOTHING = object()


def read(connection, width: int):
    """The next readable message of `width` items on `connection` without waiting, skipping junk;
    NOTHING if none is waiting. Raises EOFError or OSError once the other end has closed."""
    while connection.poll(0):
        try:
            message = connection.recv()
        except (EOFError, OSError):
            raise
        except Exception:  # junk: bytes that are no pickle, or a pickle of what is not here
            continue
        if isinstance(message, tuple) and len(message) == width:
            return message
    return NOTHING


def error_value(error: BaseException) -> tuple[str, str]:
    """An exception as an answer carries it: its kind and its message, as plain strings."""
    return type(error).__name__, str(error)
