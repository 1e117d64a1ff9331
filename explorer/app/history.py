"""Undo/redo as whole-document snapshots.

Each step stores the `DocumentState` from *before* a change. Rapid changes of one kind (the
keystrokes of a word, the clicks of a spin box) merge into one step when they follow each other
within `merge_window` seconds, and everything between `begin_group()` and `end_group()` (a mouse
drag, a slider drag) is one step. Plain Python, so it is tested without Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from explorer.app.state import DocumentState


@dataclass
class _Step:
    before: DocumentState
    kind: str
    at: float


class History:
    """Two stacks of snapshots; `record` is called with the state a change replaces."""

    def __init__(self, limit: int = 500, merge_window: float = 1.0,
                 clock: Callable[[], float] = time.monotonic):
        self._undo: list[_Step] = []
        self._redo: list[DocumentState] = []
        self._limit = limit
        self._merge_window = merge_window
        self._clock = clock
        self._group_depth = 0
        self._group_recorded = False

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def begin_group(self) -> None:
        """Start a gesture: every change until `end_group` becomes one step."""
        self._group_depth += 1
        if self._group_depth == 1:
            self._group_recorded = False

    def end_group(self) -> None:
        self._group_depth = max(0, self._group_depth - 1)

    def record(self, before: DocumentState, kind: str, mergeable: bool = True) -> None:
        """Note that `before` is being replaced by a change of `kind`."""
        now = self._clock()
        self._redo.clear()
        if self._group_depth and self._group_recorded:
            self._undo[-1].at = now
            return
        last = self._undo[-1] if self._undo else None
        if (not self._group_depth and mergeable and last is not None and last.kind == kind
                and now - last.at < self._merge_window):
            last.at = now
            return
        self._undo.append(_Step(before, kind, now))
        self._group_recorded = bool(self._group_depth)
        del self._undo[:-self._limit]

    def undo(self, current: DocumentState) -> DocumentState | None:
        """The state to go back to, or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(current)
        return step.before

    def redo(self, current: DocumentState) -> DocumentState | None:
        if not self._redo:
            return None
        after = self._redo.pop()
        self._undo.append(_Step(current, "redo", float("-inf")))
        return after
