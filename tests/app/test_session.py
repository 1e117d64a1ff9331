"""Session: parsing, one signal per recomputation, probes on x₀ moves, parameters, undo, the worker."""

import math

import numpy as np
import pytest

from explorer.app.in_process_engine import InProcessEngine
from explorer.app.session import Session, reconcile_parameters
from explorer.app.state import DocumentState, ParameterSetting


class Recorder:
    """Collects what each signal of a session carried."""

    def __init__(self, session):
        self.frames, self.readings, self.errors = [], [], []
        session.curves_changed.connect(self.frames.append)
        session.reading_changed.connect(self.readings.append)
        session.error_changed.connect(self.errors.append)


def test_start_parses_the_default_and_samples_once(make_session, engine):
    session = make_session()
    seen = Recorder(session)
    session.start()
    assert session.function is not None and session.function.text == DocumentState().text
    assert len(seen.frames) == 1 and len(engine.sample_calls) == 1
    x = seen.frames[0].main.x
    assert x[0] == pytest.approx(-4) and x[-1] == pytest.approx(4)
    np.testing.assert_allclose(seen.frames[0].main.values[0], x ** 3 - 3 * x, rtol=1e-9, atol=1e-9)
    assert seen.readings[-1].x == 1.0 and seen.readings[-1].slope == pytest.approx(0.0, abs=1e-12)


def test_one_curves_signal_carries_everything_the_recomputation_produced(make_session):
    """One Frame: f and every shown derivative, the reading at x₀, and the automatic y-ranges."""
    session = make_session(DocumentState(text="x^4", orders=(1, 2, 3), x0=2.0))
    seen = Recorder(session)
    session.start()
    (frame,) = seen.frames
    assert session.last_frame is frame and session.last_curves is frame.main
    x = frame.main.x
    np.testing.assert_allclose(frame.main.values[3], 24 * x, rtol=1e-9, atol=1e-9)
    assert frame.reading.x == 2.0 and frame.reading.slope == pytest.approx(32.0)
    assert set(frame.y_ranges) == {-1, 0, 1, 2, 3}
    assert frame.y_ranges[-1][0] <= frame.y_ranges[3][0] and frame.y_ranges[-1][1] >= frame.y_ranges[0][1]


def test_moving_x0_probes_one_point_and_never_resamples(make_session, engine):
    session = make_session(DocumentState(text="5x^4 + 3x^3 + 7x^2 + 9x - 5"))
    seen = Recorder(session)
    session.start()
    sampled = len(engine.sample_calls)
    session.set_x0(2.0)
    assert len(engine.sample_calls) == sampled
    assert seen.readings[-1].x == 2.0
    assert seen.readings[-1].slope == pytest.approx(233.0)
    assert session.state.x0 == 2.0 and session.last_reading is seen.readings[-1]


def test_a_typo_reports_the_error_and_keeps_the_last_good_curve(make_session, engine):
    from explorer.model import ParseError

    session = make_session()
    seen = Recorder(session)
    session.start()
    good = session.last_curves
    session.set_text("x^3 - * 3x")
    assert isinstance(seen.errors[-1], ParseError) and seen.errors[-1].message
    assert session.state.text == "x^3 - * 3x"  # what was typed is kept (and saved)
    assert session.last_curves is good and len(seen.frames) == 1
    session.set_text("x^2")
    assert seen.errors[-1] is None
    np.testing.assert_allclose(session.last_curves.values[0], session.last_curves.x ** 2, atol=1e-9)


def test_new_parameters_get_sliders_and_kept_names_keep_theirs():
    kept = ParameterSetting("a", value=2.5, minimum=0, maximum=3)
    settings = reconcile_parameters((kept, ParameterSetting("b")), ("c", "a"))
    assert settings == (ParameterSetting("c"), kept)


def test_parameters_follow_the_function_and_drive_the_partials(make_session):
    session = make_session(DocumentState(text="x^2 + y^3", x0=2.0))
    seen = Recorder(session)
    session.start()
    assert [p.name for p in session.state.parameters] == ["y"]
    assert session.function.parameters == ("y",)
    session.set_parameter("y", 3.0)
    reading = seen.readings[-1]
    assert reading.slope == pytest.approx(4.0)
    assert reading.partials["y"] == pytest.approx(27.0)
    np.testing.assert_allclose(session.last_curves.values[0], session.last_curves.x ** 2 + 27, atol=1e-9)


def test_a_typed_parameter_value_outside_its_range_widens_the_range(make_session):
    session = make_session(DocumentState(text="a x"))
    session.start()
    session.set_parameter("a", 12.0)
    (a,) = session.state.parameters
    assert (a.value, a.minimum, a.maximum) == (12.0, -5.0, 12.0)
    session.set_parameter_range("a", 0.0, 10.0)
    (a,) = session.state.parameters
    assert (a.value, a.minimum, a.maximum) == (10.0, 0.0, 10.0)
    session.set_parameter_range("a", 3.0, 1.0)  # rejected: min must stay below max
    assert session.state.parameters == (a,)


def test_undo_and_redo_walk_text_x0_and_parameters_back(make_session):
    session = make_session(DocumentState(text="a x^2"))
    session.start()
    session.set_text("a x^3")
    session.history._merge_window = 0  # each change below is its own step
    session.set_x0(2.0)
    session.set_parameter("a", 3.0)
    session.undo()
    assert session.state.parameters[0].value == 1.0 and session.state.x0 == 2.0
    session.undo()
    assert session.state.x0 == 1.0
    session.undo()
    assert session.state.text == "a x^2"
    np.testing.assert_allclose(session.last_curves.values[0], session.last_curves.x ** 2, atol=1e-9)
    session.redo()
    assert session.state.text == "a x^3"
    np.testing.assert_allclose(session.last_curves.values[0], session.last_curves.x ** 3, atol=1e-9)


def test_a_drag_gesture_is_one_undo_step(make_session):
    session = make_session()
    session.start()
    session.history._merge_window = 0
    session.begin_gesture()
    for x0 in np.linspace(1, 3, 25):
        session.set_x0(float(x0))
    session.end_gesture()
    session.undo()
    assert session.state.x0 == 1.0
    assert not session.history.can_undo


def test_undo_does_not_move_the_view(make_session):
    session = make_session()
    session.start()
    session.set_text("x^2")
    session.set_view((0.0, 2.0), (0.0, 4.0))
    session.undo()
    assert session.state.text == DocumentState().text
    assert session.state.x_range == (0.0, 2.0)


def test_a_zoom_or_typed_x0_beyond_what_a_document_can_show_stops_at_its_bound(make_session):
    """The same bound as .slope files and the command line (state.MAX_MAGNITUDE, state.min_span):
    a view or x₀ the window reaches is one a saved session can hold and reopen unchanged."""
    session = make_session()
    session.start()
    session.set_view((-1e308, 1e308), (-1e300, 5.0))
    assert session.state.x_range == (-1e15, 1e15) and session.state.y_range == (-1e15, 5.0)
    session.set_view((1.0, 1.0 + 1e-14), None)
    low, high = session.state.x_range
    assert low < 1.0 < high and high - low >= 1e-9  # widened about its centre to a span it can show
    session.set_x0(-3e200)
    assert session.state.x0 == -1e15
    assert math.isfinite(session.last_curves.x[0]) and session.last_reading.x == -1e15


def test_stacked_y_ranges_are_kept_sorted_valid_and_cleared_by_reset_and_fit(make_session):
    session = make_session(DocumentState(text="x^3", orders=(1, 2), layout="stacked"))
    session.start()
    session.set_view((0.0, 2.0), None, {2: (-1.0, 5.0), 1: (0.0, 3.0), 3: (4.0, 4.0), 4: (0.0, math.inf)})
    assert session.state.stacked_y_ranges == ((1, (0.0, 3.0)), (2, (-1.0, 5.0)))
    session.set_text("x^4")
    session.undo()  # the view, chosen ranges included, is not part of history
    assert session.state.stacked_y_ranges == ((1, (0.0, 3.0)), (2, (-1.0, 5.0)))
    session.fit_view()
    assert session.state.stacked_y_ranges == () and session.state.x_range == (0.0, 2.0)
    session.set_view((0.0, 2.0), None, ((1, (0.0, 3.0)),))
    session.reset_view()
    assert session.state.stacked_y_ranges == () and session.state.x_range == DocumentState().x_range


def test_view_changes_resample_the_visible_range_at_the_pixel_density(make_session, engine):
    session = make_session()
    session.start()
    session.set_pixel_width(500)
    session.set_view((-1.0, 1.0), None)
    text, x_min, x_max, n, order = engine.sample_calls[-1]
    assert (x_min, x_max, n) == (-1.0, 1.0, 1500)
    assert session.last_curves.x[0] == -1.0 and session.last_curves.x[-1] == 1.0
    assert not session.history.can_undo  # panning is not an edit


def test_toggling_orders_resamples_up_to_the_highest_order(make_session, engine):
    session = make_session(DocumentState(text="sin(x)"))
    session.start()
    session.toggle_order(4)
    assert session.state.orders == (1, 4)
    assert engine.sample_calls[-1][-1] == 4
    np.testing.assert_allclose(session.last_curves.values[4], np.sin(session.last_curves.x), atol=1e-8)
    session.set_orders([9, 0, 2])
    assert session.state.orders == (2,)


def test_set_state_replaces_the_whole_document(make_session):
    session = make_session()
    seen = Recorder(session)
    session.start()
    state = DocumentState(text="k sin(x)", parameters=(ParameterSetting("k", 2.0),), x0=0.0, orders=(1, 2))
    session.set_state(state)
    assert session.state == state
    assert seen.readings[-1].slope == pytest.approx(2.0)
    session.undo()
    assert session.state.text == DocumentState().text


def test_threaded_session_delivers_only_the_newest_request(qtbot, make_session, engine):
    session = make_session(threaded=True)
    seen = Recorder(session)
    session.start()
    assert session.wait_idle()
    for right in (2.0, 3.0, 5.0, 6.0):
        session.set_view((-1.0, right), None)
    assert session.wait_idle()
    # Answers to the superseded requests are dropped: only the first curves and the newest arrive.
    assert [frame.main.x[-1] for frame in seen.frames] == [4.0, 6.0]
    assert seen.readings[-1].x == 1.0


def test_threaded_session_keeps_the_first_engine_import_off_the_gui_thread(qtbot, engine):
    import threading

    calls = []

    class ThreadSpy:
        def sample(self, *args, **kwargs):
            calls.append(threading.current_thread() is threading.main_thread())
            return engine.sample(*args, **kwargs)

        probe = staticmethod(engine.probe)

    session = Session(engine=InProcessEngine(ThreadSpy()))
    try:
        session.start()
        assert session.wait_idle()
        assert calls == [False]
        assert session.last_reading is not None and math.isfinite(session.last_reading.value)
    finally:
        session.close()


def test_an_engine_failure_becomes_a_message_not_a_crash(qtbot, real_engine):
    class BrokenSampling:
        def sample(self, *args, **kwargs):
            raise FloatingPointError("overflow in the grid")

        probe = staticmethod(real_engine.probe)

    session = Session(engine=InProcessEngine(BrokenSampling()))
    try:
        with qtbot.waitSignal(session.compute_failed) as failure:
            session.start()
        assert "overflow in the grid" in failure.args[0]
        assert not session.busy and session.last_curves is None
        session.set_x0(2.0)  # the point still works
        assert session.last_reading.slope == pytest.approx(9.0)
    finally:
        session.close()


def test_a_slider_move_updates_the_readout_before_the_curves_arrive(qtbot, make_session):
    session = make_session(DocumentState(text="a x^2", x0=2.0), threaded=True)
    seen = Recorder(session)
    session.start()
    assert session.wait_idle()
    curves_before = len(seen.frames)
    session.set_parameter("a", 3.0)
    assert seen.readings[-1].slope == pytest.approx(12.0)  # probed at once, on this thread
    assert session.wait_idle()
    assert len(seen.frames) == curves_before + 1
    np.testing.assert_allclose(session.last_curves.values[0], 3 * session.last_curves.x ** 2, atol=1e-9)


def test_new_text_is_sent_to_the_worker_before_the_views_take_the_new_state(qtbot, make_session):
    """The engine samples while the window updates its widgets, instead of after."""
    session = make_session(threaded=True)
    session.start()
    assert session.wait_idle()
    busy_when_views_heard = []
    session.state_changed.connect(lambda _state: busy_when_views_heard.append(session.busy))
    session.set_text("x^2")
    assert busy_when_views_heard == [True]
    assert session.wait_idle()
    assert session.last_curves.values[0][-1] == pytest.approx(16.0)
