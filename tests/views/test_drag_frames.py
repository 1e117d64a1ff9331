"""What a drag frame does and does not redo: the still layers come from one frozen picture that looks
like the live plot, and pyqtgraph's hover search is skipped mid-drag."""

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from window_driving import held_drag, plot_to_widget, settle

from explorer.app.state import DocumentState


def pixels(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB32)
    array = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    return array.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].copy()


def count_calls(monkeypatch, obj, name) -> list:
    calls = []
    original = getattr(obj, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


@pytest.fixture(params=["overlay", "stacked"])
def dragged(open_window, request):
    """A window on f, f′, f″ with the point held mid-drag at x₀ = 1.5 (yields the window)."""
    window = open_window(DocumentState(text="x^3 - 3x", orders=(1, 2), layout=request.param))
    plot = window.plot_view.main_plot
    with held_drag(plot, plot_to_widget(plot, 1.0, -2.0)) as move:
        move(plot_to_widget(plot, 1.2, -2.0))
        move(plot_to_widget(plot, 1.5, -2.0))
        window.move_point = move
        yield window


def test_mid_drag_the_still_layers_are_frozen_and_look_the_same(dragged):
    view = dragged.plot_view
    assert view.graphics.frozen
    assert all(item.opacity() == 0.0 for item in view._still_items())
    assert all(item.opacity() == 1.0 for item in view._moving_items())
    frozen = pixels(view.graphics)
    view.graphics.thaw()
    QApplication.processEvents()
    live = pixels(view.graphics)
    assert (frozen != live).any(axis=1).sum() == 0  # not a pixel differs


def test_mid_drag_frames_paint_no_curve_and_no_axis(dragged, monkeypatch):
    view = dragged.plot_view
    painted = []
    for item in (*view._curve_items.values(), *(p.getAxis(n) for p in view.plots() for n in ("left", "bottom"))):
        target = item.curve if hasattr(item, "curve") else item
        painted += [count_calls(monkeypatch, target, "paint")]
    before = dragged.session.last_reading.x
    for x in (1.6, 1.7, 1.8):
        dragged.move_point(plot_to_widget(view.main_plot, x, -2.0))
        view.graphics.viewport().repaint()
    assert dragged.session.last_reading.x > before
    assert sum(map(len, painted)) == 0


def test_new_curves_mid_drag_thaw_the_plot_and_the_next_move_freezes_it_again(dragged):
    view = dragged.plot_view
    dragged.session.set_orders((1,))  # new curves (and plots) while the point is held
    settle(dragged)
    assert not view.graphics.frozen
    assert all(item.opacity() == 1.0 for item in view._still_items())
    dragged.move_point(plot_to_widget(view.main_plot, 1.6, -2.0))
    assert view.graphics.frozen


def test_a_release_thaws_everything(open_window):
    window = open_window()
    plot = window.plot_view.main_plot
    with held_drag(plot, plot_to_widget(plot, 1.0, -2.0)) as move:
        move(plot_to_widget(plot, 1.3, -2.0))
        assert window.plot_view.graphics.frozen
    assert not window.plot_view.graphics.frozen
    assert all(item.opacity() == 1.0 for item in window.plot_view._still_items())


def test_mid_drag_moves_skip_the_hover_search_and_a_release_restores_it(open_window, monkeypatch):
    window = open_window()
    plot = window.plot_view.main_plot
    scene = window.plot_view.graphics.scene()
    searches = count_calls(monkeypatch, scene, "itemsNearEvent")
    with held_drag(plot, plot_to_widget(plot, 1.0, -2.0)) as move:
        move(plot_to_widget(plot, 1.2, -2.0))  # starts the drag
        searches.clear()
        for x in (1.3, 1.4, 1.5):
            move(plot_to_widget(plot, x, -2.0))
        assert searches == []
    assert searches  # the release looks for hovered items again



@pytest.mark.parametrize("pixel, step", [
    (0.0104, 0.01), (0.019, 0.01), (0.025, 0.02), (0.0049, 0.002), (0.006, 0.005), (1.0, 1.0), (37.5, 20.0),
    (3e-7, 2e-7), (0.0, None), (float("nan"), None),
])
def test_a_dragged_x0_moves_in_round_steps_at_most_a_pixel_wide(pixel, step):
    from explorer.views.tangent_tool import drag_step

    assert drag_step(pixel) == (step if step is None else pytest.approx(step, rel=1e-12))


def test_a_drag_gives_round_x0_within_a_pixel_and_knows_the_next_ones_exactly(dragged):
    from explorer.views.plot_view import READ_AHEAD_STEPS

    view = dragged.plot_view
    box = view.main_plot.getViewBox()
    (x_min, x_max), _ = box.viewRange()
    pixel = (x_max - x_min) / box.width()
    step = view._drag_step
    assert pixel / 2.5 <= step <= pixel
    x0 = dragged.session.state.x0
    assert x0 == pytest.approx(1.5, abs=pixel) and x0 == round(x0 / step) * step
    assert len(dragged.readout.value_label.text()) <= len("f(1.505) = \u22120.924")  # 1.505, not 1.50527
    ahead = view.drag_neighbours(x0)
    assert len(ahead) == 2 * READ_AHEAD_STEPS and x0 not in ahead
    for pixels in (1, -3, 4):  # each move lands exactly on a value read ahead
        start = plot_to_widget(view.main_plot, x0, -2.0)
        dragged.move_point(start + type(start)(pixels, 0))
        moved = dragged.session.state.x0
        assert moved in ahead and moved != x0
        x0, ahead = moved, view.drag_neighbours(moved)


def test_each_move_asks_for_the_next_readings_ahead(dragged, monkeypatch):
    asked = count_calls(monkeypatch, dragged.session, "probe_ahead")
    dragged.move_point(plot_to_widget(dragged.plot_view.main_plot, 1.6, -2.0))
    x0 = dragged.session.state.x0
    assert asked == [(dragged.plot_view.drag_neighbours(x0),)]


def test_outside_a_drag_nothing_is_read_ahead(open_window):
    window = open_window()
    assert window.plot_view.drag_neighbours(1.0) == ()


@pytest.fixture
def q_dragged(open_window):
    """A window with the secant shown (x₀ = 1, h = 0.5), its Q held mid-drag at x = 1.8 (yields the window)."""
    from explorer.app.secant_state import SecantSetting

    window = open_window(DocumentState(text="x^3 - 3x", orders=(1,), x0=1.0, secant=SecantSetting(True, 0.5)))
    plot = window.plot_view.main_plot
    with held_drag(plot, plot_to_widget(plot, 1.5, 1.5**3 - 4.5)) as move:
        move(plot_to_widget(plot, 1.7, -2.0))
        move(plot_to_widget(plot, 1.8, -2.0))
        settle(window)
        window.move_q = move
        yield window


def test_mid_drag_of_q_the_error_plot_is_frozen_too_and_looks_the_same(q_dragged):
    view = q_dragged.plot_view
    assert view.graphics.frozen and q_dragged.session.state.secant.h == pytest.approx(0.8, abs=0.02)
    assert view.error_plot.getAxis("left") in view._still_items()
    assert all(item.opacity() == 0.0 for item in view._still_items())
    frozen = pixels(view.graphics)
    view.graphics.thaw()
    QApplication.processEvents()
    assert (frozen != pixels(view.graphics)).any(axis=1).sum() == 0  # not a pixel differs


def test_a_drag_of_q_gives_h_read_ahead_and_asks_for_the_next_ones(q_dragged, monkeypatch):
    from explorer.views.plot_view import READ_AHEAD_STEPS

    view, session = q_dragged.plot_view, q_dragged.session
    asked = count_calls(monkeypatch, session, "secant_ahead")
    h = session.state.secant.h
    ahead = view.secant_drag_neighbours(h)
    assert len(ahead) == 2 * READ_AHEAD_STEPS and h not in ahead and 0 not in ahead
    for pixels_moved in (1, -3, 4):  # each move lands exactly on an h read ahead
        start = plot_to_widget(view.main_plot, 1.0 + h, -2.0)
        q_dragged.move_q(start + type(start)(pixels_moved, 0))
        moved = session.state.secant.h
        assert moved in ahead and moved != h
        assert asked[-1] == (view.secant_drag_neighbours(moved),)
        h, ahead = moved, view.secant_drag_neighbours(moved)
    assert session.state.x0 == 1.0
