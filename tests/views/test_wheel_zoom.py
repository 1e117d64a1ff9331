"""Wheel zoom in the real window: anchored under the cursor however fast the wheel turns, each notch
reported to the session at once, and the curves sampled for the view the wheel stops at."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from window_driving import plot_to_widget, settle

from explorer.app.state import DocumentState

NOTCH = 120  # one notch of an ordinary mouse wheel, zooming in


def turn_wheel(plot, at: QPoint, notches: int) -> None:
    """`notches` wheel events at `at`, sent one after another with no event processing between (as
    a fast wheel's queued notches are handled)."""
    view = plot.scene().views()[0]
    viewport = view.viewport()
    for _ in range(notches):
        QApplication.sendEvent(viewport, QWheelEvent(
            QPointF(at), QPointF(viewport.mapToGlobal(at)), QPoint(0, 0), QPoint(0, NOTCH),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))


def data_under(plot, at: QPoint) -> QPointF:
    view = plot.scene().views()[0]
    return plot.getViewBox().mapSceneToView(view.mapToScene(at))


def pixels_from(plot, point: QPointF, at: QPoint) -> float:
    drawn = plot_to_widget(plot, point.x(), point.y())
    return max(abs(drawn.x() - at.x()), abs(drawn.y() - at.y()))


@pytest.fixture
def zooming(open_window, qtbot, monkeypatch):
    """A window on x², the cursor over the point (1, 1), and a count of the jobs its engine is sent."""
    window = open_window(DocumentState(text="x^2"))
    settle(window)
    jobs = []
    client = window.session.engine
    submit = client.submit
    monkeypatch.setattr(client, "submit", lambda job: (jobs.append(job), submit(job))[1])
    plot = window.plot_view.main_plot
    at = plot_to_widget(plot, 1.0, 1.0)
    return window, plot, at, jobs


def let_reports_through(qtbot, window) -> None:
    settle(window)


def test_fast_notches_stay_anchored_and_the_last_view_is_sampled(zooming, qtbot):
    window, plot, at, jobs = zooming
    anchor = data_under(plot, at)
    turn_wheel(plot, at, 25)
    assert pixels_from(plot, anchor, at) <= 1  # at once, before any event is processed
    let_reports_through(qtbot, window)
    assert pixels_from(plot, anchor, at) <= 1
    assert len(jobs) == 25  # every notch reported (the engine's client drops the jobs overtaken)
    box = plot.getViewBox()
    assert window.session.state.x_range == tuple(box.viewRange()[0])  # the session has the view shown
    assert window.session.state.y_range == tuple(box.viewRange()[1])
    assert jobs[-1].x_range == window.session.state.x_range  # and the curves are sampled for it


def test_slow_notches_are_each_reported_at_once(zooming, qtbot):
    window, plot, at, jobs = zooming
    anchor = data_under(plot, at)
    for notch in range(1, 4):
        turn_wheel(plot, at, 1)
        assert len(jobs) == notch
        let_reports_through(qtbot, window)
    assert pixels_from(plot, anchor, at) <= 1


def test_a_state_change_while_the_wheel_turns_keeps_the_wheels_view(zooming, qtbot):
    """A new text arrives before the wheel's last view was reported: the session shows its older view
    once more, which must not move the plot back."""
    window, plot, at, _ = zooming
    anchor = data_under(plot, at)
    turn_wheel(plot, at, 10)
    window.session.set_text("x^2 + 0")
    let_reports_through(qtbot, window)
    assert pixels_from(plot, anchor, at) <= 1
    assert window.session.state.x_range == tuple(plot.getViewBox().viewRange()[0])


def test_reset_while_the_wheel_turns_wins(zooming, qtbot):
    window, plot, at, _ = zooming
    turn_wheel(plot, at, 10)
    window.session.reset_view()
    let_reports_through(qtbot, window)
    assert plot.getViewBox().viewRange()[0] == [-4.0, 4.0]
    assert window.session.state.x_range == (-4.0, 4.0)
