"""A document rendered without a window: what the command line's `export` writes.

It builds what the picture needs and nothing else: a Session that computes in this process, on this
thread (`threaded=False`), and a PlotView on no screen, wired to it as the window wires its own, so
the file shows what the window would show for the same document. No MainWindow: no menus, panels or
settings are made, and nothing here can touch the user's recent files or last session.

Like explorer/launch.py, this is a composition root: it joins the app layer to a view, so it sits
above explorer.views, while the writers it calls (explorer.export) sit below them and never import
a view. No view imports this module.
"""

from __future__ import annotations

import os

from explorer.export import ExportError
from explorer.export.images import export_image
from explorer.export.tables import export_csv
from explorer.model.parsing.errors import excerpt


def export_document(
    state,
    path: str | os.PathLike,
    size: tuple[int, int] = (1600, 1000),
    *,
    transparent: bool = False,
    caption: bool = False,
    data: bool = False,
    dark: bool = False,
) -> None:
    """Render `state` as the window would show it and write it to `path`.

    The plot is laid out at half of `size` and drawn at 2x, like the dialog's default, so labels are
    as big relative to the plot as on screen, light unless `dark`. `data=True` writes the CSV of the
    sampled curves.
    Raises ExportError when the function cannot be drawn.
    """
    from PySide6.QtWidgets import QApplication

    from explorer.app.session import Session

    app = QApplication.instance() or QApplication(["slope-explorer"])
    session = Session(state, threaded=False)
    failures: list[str] = []
    session.compute_failed.connect(failures.append)
    try:
        if data:
            _compute(session, failures, size[0] // 2)
            export_csv(session.last_curves, path, session.state.orders)
        else:
            _export_picture(app, session, failures, path, size, transparent=transparent, caption=caption, dark=dark)
    finally:
        session.close()


def _export_picture(app, session, failures: list[str], path, size: tuple[int, int], *,
                    transparent: bool, caption: bool, dark: bool) -> None:
    from explorer.views.formatting import caption_text
    from explorer.views.plot_view import PlotView
    from explorer.views.theme import export_palette

    plot_view = PlotView()
    plot_view.setPalette(export_palette(dark))
    try:
        _show_session(plot_view, session)
        item = plot_view.export_item()
        item.resize(size[0] / 2, size[1] / 2)
        _compute(session, failures, size[0] // 2)
        app.processEvents()  # let the plot take the curves and lay itself out
        item.resize(size[0] / 2, size[1] / 2)
        state = session.state
        text = caption_text(state.text, session.last_reading, state.parameter_values()) if caption else ""
        export_image(plot_view, path, size, transparent=transparent, caption=text)
    finally:
        plot_view.close()
        plot_view.deleteLater()


def _show_session(plot_view, session) -> None:
    """Wire the plot view to the session as the window does: it shows the state's orders, layout,
    features and view, each frame and reading, and its width sets the session's grid."""
    from explorer.views.plot_view import FeatureDisplay

    def show_state(state) -> None:
        plot_view.set_display(state.orders, state.layout, state.show_tangent)
        plot_view.set_features(FeatureDisplay.of(state))
        plot_view.set_secant_shown(state.secant.shown)
        plot_view.set_view(state.x_range, state.y_range, state.stacked_y_ranges)

    session.state_changed.connect(show_state)
    session.curves_changed.connect(plot_view.show_frame)
    session.reading_changed.connect(plot_view.show_reading)
    plot_view.width_changed.connect(session.set_pixel_width)
    _show_taylor(plot_view, session)
    show_state(session.state)


def _show_taylor(plot_view, session) -> None:
    """Tₙ on the exported plot where the session shows it (the error plot is the window's alone)."""
    from explorer.views.taylor_tool import LEGEND_NAME, TaylorTool

    tool = TaylorTool()
    tool.attach(plot_view.main_plot)
    plot_view.add_legend_item(tool.curve, LEGEND_NAME)
    plot_view.taylor_tool = tool  # kept alive with the view

    def show_reading(reading) -> None:
        tool.set_visible(session.state.show_taylor, False)
        tool.show(reading.taylor, tuple(plot_view.main_plot.getViewBox().viewRange()[1]))

    session.reading_changed.connect(show_reading)


def _compute(session, failures: list[str], pixel_width: int) -> None:
    session.set_pixel_width(pixel_width)
    session.compute_now()
    if session.error is not None:
        quoted = excerpt(session.state.text, session.error.column)
        raise ExportError(f"bad function {quoted!r}: {session.error}")
    if failures or session.last_curves is None:
        quoted = excerpt(session.state.text, 0)
        raise ExportError(f"cannot draw {quoted!r}: {failures[0] if failures else 'no curves'}")
