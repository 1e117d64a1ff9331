"""The event loop's eyes for an EngineProcess: when a connection can be read, when an answer is late.

No thread waits for the engine's process: a QSocketNotifier per connection tells the listening
thread's event loop that something has come (an answer, or the end of a process that died), and a
single-shot timer per connection says that the request under way has run out of time. A thread of
ours that waited would, each time it woke, take the interpreter lock back from the GUI thread
before the answer could be read. Kept apart from engine_process.py, which the app imports (and
uses to start the engine) before it loads Qt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer


class EngineWatch(QObject):
    """Calls `readable(name)` when connection `name` can be read and `late()` when a deadline set
    with `arm` passes, on the thread that made it."""

    def __init__(self, names: tuple[str, ...], readable: Callable[[str], None], late: Callable[[], None]):
        super().__init__()
        self._readable = readable
        self._notifiers: dict[str, QSocketNotifier] = {}
        self._timers: dict[str, QTimer] = {}
        for name in names:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(late)
            self._timers[name] = timer

    def watch(self, connections: dict[str, object]) -> None:
        """Watch these connections (a new process's) instead of the ones watched so far."""
        self._forget_notifiers()
        for name, connection in connections.items():
            notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
            notifier.activated.connect(lambda *_socket, name=name: self._readable(name))
            self._notifiers[name] = notifier

    def arm(self, name: str, seconds: float) -> None:
        self._timers[name].start(round(seconds * 1000))

    def disarm(self, name: str) -> None:
        self._timers[name].stop()

    def close(self) -> None:
        for timer in self._timers.values():
            timer.stop()
        self._forget_notifiers()

    def _forget_notifiers(self) -> None:
        for notifier in self._notifiers.values():
            notifier.setEnabled(False)  # at once: its connection closes before deleteLater runs
            notifier.deleteLater()
        self._notifiers.clear()
