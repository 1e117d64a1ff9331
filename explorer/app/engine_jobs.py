"""Grid jobs for the engine's process, sent and answered on the GUI thread, with no thread here.

The work happens in the engine's process, so a thread here would only wait, and each wait ended
with that thread taking the interpreter lock back from the GUI thread before it could read the
answer: while the GUI thread was busy in Python (laying out the side panel for new sliders), an
answer that had come waited up to 10 ms to be read. A QSocketNotifier on the job's connection
instead tells the event loop when the answer is there.

Same contract as CurveWorker (compute.py): the newest job wins (one job in the engine at a time,
at most one waiting, and a newer job replaces it), `finished(SampleResult)`, `failed(job, message)`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from explorer.app.jobs import SampleJob


class EngineJobs(QObject):
    """Runs `SampleJob`s in an EngineProcess; `finished(SampleResult)` / `failed(job, message)`."""

    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self._engine = engine
        self._sent = None            # the SentJob whose answer is awaited
        self._waiting: SampleJob | None = None
        self._notifier: QSocketNotifier | None = None
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._time_out)

    def submit(self, job: SampleJob) -> None:
        if self._sent is None:
            self._send(job)
        else:
            self._waiting = job  # sent when the engine is free; an older waiting job is out of date

    def _send(self, job: SampleJob) -> None:
        try:
            sent = self._engine.send_job(job)
        except Exception as error:  # noqa: BLE001 - EngineStopped, or a closed engine: a message
            self.failed.emit(job, f"{type(error).__name__}: {error}")
            return
        self._sent = sent
        self._watch(sent.fileno())
        self._deadline.start(round(sent.time_limit_s * 1000))

    def _watch(self, fd: int) -> None:
        """Enable a notifier on `fd`, made anew when the engine's process (and its connection) changed."""
        if self._notifier is None or self._notifier.socket() != fd:
            self._forget_notifier()
            self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._read)
        self._notifier.setEnabled(True)

    def _forget_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)  # at once: its connection may close before deleteLater runs
            self._notifier.deleteLater()
            self._notifier = None

    def _read(self) -> None:
        sent = self._sent
        if sent is None:
            return
        try:
            result = sent.result()
        except Exception as error:  # noqa: BLE001 - the engine's error, or its process died: a message
            self._forget_notifier()  # a dead process's connection is replaced with it
            self._done()
            self.failed.emit(sent.job, f"{type(error).__name__}: {error}")
            return
        if result is None:
            return  # only the engine's note that it has started
        self._done()
        self.finished.emit(result)

    def _time_out(self) -> None:
        sent = self._sent
        if sent is not None:
            error = sent.give_up()
            self._forget_notifier()
            self._done()
            self.failed.emit(sent.job, f"{type(error).__name__}: {error}")

    def _done(self) -> None:
        """The awaited answer is in: send the waiting job, so the engine computes while views draw."""
        self._deadline.stop()
        self._sent = None
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._send(waiting)

    def collect(self) -> None:
        """Read the awaited answer now if it has come (say, while the window parsed the text), so
        the curves join the repaint the new state has asked for instead of a paint of their own."""
        if self._sent is not None and self._sent.ready(0):
            self._read()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the awaited answer can be read (the event loop then delivers it), or msecs pass."""
        sent = self._sent
        if sent is None:
            return True
        try:
            return sent.ready(None if msecs < 0 else msecs / 1000)
        except OSError:
            return True  # closed: the notifier reports it

    def shutdown(self) -> None:
        self._waiting = None
        self._deadline.stop()
        self._sent = None
        self._forget_notifier()
