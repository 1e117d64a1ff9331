"""Pan and zoom the plot from the keyboard: View ▸ Zoom In (Ctrl++), Zoom Out (Ctrl+−) and
Pan Left/Right/Up/Down (Alt+arrows).

They are menu actions, so they work wherever the focus is (the plot itself takes no focus), and the
keys are ones no text field needs: Alt+arrows move nothing in a line edit, where Ctrl+arrows jump
by words. A step pans a tenth of the view and zooms by a factor of 1.25 about its centre; an
automatic y-range stays automatic under zoom.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

PAN_FRACTION = 0.1
ZOOM_FACTOR = 1.25


def panned(span: tuple[float, float], fraction: float) -> tuple[float, float]:
    """`span` moved by `fraction` of its width (positive: towards larger values)."""
    shift = (span[1] - span[0]) * fraction
    return span[0] + shift, span[1] + shift


def zoomed(span: tuple[float, float], factor: float) -> tuple[float, float]:
    """`span` about its centre, `factor` times narrower (factor > 1 zooms in)."""
    centre, half = (span[0] + span[1]) / 2, (span[1] - span[0]) / (2 * factor)
    return centre - half, centre + half


class ViewKeys:
    """The View menu's pan and zoom actions of a window (its session, its plot view)."""

    def __init__(self, window):
        self.window = window
        menu = window.view_menu
        menu.addSeparator()
        add = window._action
        self.zoom_in_action = add(menu, "Zoom &In", lambda: self.zoom(ZOOM_FACTOR),
                                  [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_out_action = add(menu, "Zoom &Out", lambda: self.zoom(1 / ZOOM_FACTOR), "Ctrl+-")
        self.pan_actions = {
            direction: add(menu, f"Pan {direction}", lambda _=False, dx=dx, dy=dy: self.pan(dx, dy), f"Alt+{key}")
            for direction, key, dx, dy in (("Left", "Left", -1, 0), ("Right", "Right", 1, 0),
                                           ("Up", "Up", 0, 1), ("Down", "Down", 0, -1))}

    def _shown_y(self) -> tuple[float, float]:
        state = self.window.session.state
        if state.y_range is not None:
            return tuple(state.y_range)
        return tuple(self.window.plot_view.main_plot.getViewBox().viewRange()[1])

    def pan(self, dx: int, dy: int) -> None:
        state = self.window.session.state
        y_range = panned(self._shown_y(), dy * PAN_FRACTION) if dy else state.y_range
        self.window.session.set_view(panned(state.x_range, dx * PAN_FRACTION), y_range, state.stacked_y_ranges)

    def zoom(self, factor: float) -> None:
        state = self.window.session.state
        y_range = None if state.y_range is None else zoomed(state.y_range, factor)
        self.window.session.set_view(zoomed(state.x_range, factor), y_range, state.stacked_y_ranges)
