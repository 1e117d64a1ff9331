"""Undo history: snapshots, merging of quick edits, gestures as one step."""

import dataclasses

from explorer.app.history import History
from explorer.app.state import DocumentState


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def states(*texts):
    return [DocumentState(text=t) for t in texts]


def test_undo_returns_the_state_before_each_step_and_redo_goes_forward():
    clock = FakeClock()
    history = History(clock=clock)
    a, b, c = states("a", "b", "c")
    history.record(a, "text")
    clock.now = 5
    history.record(b, "text")
    assert history.undo(c) == b
    assert history.undo(b) == a
    assert history.undo(a) is None
    assert history.redo(a) == b
    assert history.redo(b) == c
    assert not history.can_redo


def test_quick_edits_of_one_kind_merge_into_one_step():
    clock = FakeClock()
    history = History(merge_window=1.0, clock=clock)
    s = states("x", "x^", "x^2", "x^2+")
    for i, state in enumerate(s[:-1]):
        clock.now = 0.3 * i
        history.record(state, "text")
    assert history.undo(s[-1]) == s[0]
    assert not history.can_undo


def test_a_pause_or_another_kind_starts_a_new_step():
    clock = FakeClock()
    history = History(merge_window=1.0, clock=clock)
    s0, s1, s2, s3 = states("a", "ab", "abc", "abcd")
    history.record(s0, "text")
    clock.now = 2.0
    history.record(s1, "text")
    clock.now = 2.1
    history.record(s2, "x0")
    assert history.undo(s3) == s2
    assert history.undo(s2) == s1
    assert history.undo(s1) == s0


def test_a_gesture_is_one_step_however_long_it_lasts():
    clock = FakeClock()
    history = History(merge_window=1.0, clock=clock)
    start = DocumentState(x0=0.0)
    history.begin_group()
    for i in range(50):
        clock.now = i * 10.0  # far apart in time: only the group merges them
        history.record(dataclasses.replace(start, x0=float(i)), "x0")
    history.end_group()
    assert history.undo(DocumentState(x0=50.0)) == start
    assert not history.can_undo


def test_unmergeable_steps_stay_separate_and_a_new_edit_clears_redo():
    history = History(clock=FakeClock())
    a, b, c = states("a", "b", "c")
    history.record(a, "orders", mergeable=False)
    history.record(b, "orders", mergeable=False)
    assert history.undo(c) == b
    assert history.can_redo
    history.record(b, "text")
    assert not history.can_redo


def test_the_oldest_steps_are_dropped_beyond_the_limit():
    history = History(limit=3, merge_window=0, clock=FakeClock())
    for text in "abcde":
        history.record(DocumentState(text=text), "text", mergeable=False)
    undone = []
    current = DocumentState(text="f")
    while (previous := history.undo(current)) is not None:
        undone.append(previous.text)
        current = previous
    assert undone == ["e", "d", "c"]
