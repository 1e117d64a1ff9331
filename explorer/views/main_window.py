"""The explorer window: function box, plot, readout and panels, menus. Glue only: it forwards
gestures to the Session and shows what the Session says; no mathematics here.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGroupBox, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget

from explorer.app.notation import function_notation
from explorer.app.state import MAX_ORDER
from explorer.notation import derivative_name
from explorer.views.derivative_panel import DerivativePanel
from explorer.views.feature_list import FeaturePanel
from explorer.views.feature_words import neighbour_x, shown_features
from explorer.views.file_menu import install_file_menu
from explorer.views.formatting import readout_summary
from explorer.views.function_input import FunctionInput
from explorer.views.number_box import shown_text
from explorer.views.parameter_panel import ParameterPanel
from explorer.views.plot_view import FeatureDisplay, PlotView
from explorer.views.readout_panel import ReadoutPanel
from explorer.views.secant_panel import SecantPanel
from explorer.views.side_scroll import SideScroll
from explorer.views.taylor_panel import TaylorPanel
from explorer.views.taylor_tool import LEGEND_NAME as TAYLOR_LEGEND_NAME
from explorer.views.taylor_tool import TaylorTool
from explorer.views.view_keys import ViewKeys

TITLE = "Slope Explorer"
SIDE_PANEL_WIDTH = 340
SYNTAX_HELP = """<p>Type f(x) as you would write it:</p>
<ul>
<li><b>+ − * / ^</b> (or **), brackets, implicit products:
<code>3x</code>, <code>2 sin x</code>, <code>x(x+1)</code></li>
<li>functions: sin cos tan asin acos atan sinh cosh tanh exp ln log sqrt abs floor sign …</li>
<li>constants: pi, e</li>
<li>any other letter (a, b, k …) is a parameter and gets a slider</li>
</ul>
<p>Drag the point along the curve, or type x₀ (<code>pi/2</code> works) and step it with the arrow keys.
Ctrl+1 … Ctrl+6 show f′ … f⁽⁶⁾. Ctrl+Shift+F shows the features of the curve; [ and ] move x₀
to the previous and next one.</p>
<p>Keyboard: Tab moves through the boxes in the order they are seen; Ctrl++ and Ctrl+− zoom the plot,
Alt+arrows pan it, Ctrl+0 resets the view. Menu shortcuts work wherever the focus is.</p>"""


def _plot_view(state) -> tuple:
    """What of a state moves the main plot's y-range (its own, or the automatic one of the rows shown)."""
    return state.x_range, state.y_range, state.stacked_y_ranges, state.orders, state.layout


class MainWindow(QMainWindow):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE + "[*]")  # "[*]" shows as "*" while the document has unsaved changes
        self.setObjectName("mainWindow")
        self.function_input = FunctionInput(self)
        self.plot_view = PlotView(self)
        self.readout = ReadoutPanel(self)
        self.derivative_panel = DerivativePanel(self)
        self.parameter_panel = ParameterPanel(self)
        self.feature_panel = FeaturePanel(self)
        self.taylor_panel = TaylorPanel(self)
        self.taylor_tool = TaylorTool(self)
        self.plot_view.extra_moving_items += self.taylor_tool.moving_items
        self.plot_view.add_legend_item(self.taylor_tool.curve, TAYLOR_LEGEND_NAME)
        self.taylor_tool.attach(self.plot_view.main_plot)  # the main plot is one for the window's life
        self.secant_panel = SecantPanel(self)
        self._build_layout()
        self._build_menus()
        self._connect()
        self._started = False
        self._shown_state = None
        self._echoed: str | None = None  # the reading the status line repeats, if it does
        self._notation_of = None  # the function whose reading the box's note shows
        self._theme_changed(self.plot_view.theme)
        self._show_state(session.state)
        if session.error is not None:
            self.function_input.show_error(session.error)
        if session.last_frame is not None:
            self._show_frame(session.last_frame)
        if session.last_reading is not None:
            self._show_reading(session.last_reading)

    # ----------------------------------------------------------------- construction
    def _build_layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.function_input)
        left_layout.addWidget(self.plot_view, 1)
        left_layout.addWidget(self.taylor_tool.error_plot)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        for title, widget in (("Point of tangency", self.readout), ("Derivatives", self.derivative_panel),
                              ("Features of the curve", self.feature_panel), ("Taylor polynomial", self.taylor_panel),
                              ("Parameters", self.parameter_panel)):  # last: its rows come and go
            group = QGroupBox(title, side)
            QVBoxLayout(group).addWidget(widget)
            side_layout.addWidget(group)
            if widget is self.feature_panel:
                self.feature_group = group
                group.setVisible(False)
        self.secant_group = QGroupBox("Secant to tangent", side)
        QVBoxLayout(self.secant_group).addWidget(self.secant_panel)
        side_layout.insertWidget(1, self.secant_group)  # under the point it belongs to
        side_layout.addStretch(1)
        side.setMinimumWidth(SIDE_PANEL_WIDTH)
        scroll = SideScroll(side, self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that showed no focus; its contents take it
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1200 - scroll.minimumWidth(), scroll.minimumWidth()])
        self.setCentralWidget(splitter)
        # The status line is made now, not by the first message (QMainWindow makes it on demand): made
        # once the window shows, it appeared a moment later and took 22 pixels from the plot, which
        # moved under the pointer; a press on Q just before dragged the view instead of Q.
        self.statusBar()
        self.resize(1200, 800)
        self.setTabOrder(self.function_input.edit, self.readout.x0_box)

    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.setObjectName("fileMenu")
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.setObjectName("editMenu")
        self.view_menu = bar.addMenu("&View")
        self.view_menu.setObjectName("viewMenu")
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.setObjectName("helpMenu")
        install_file_menu(self)
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, "&Quit", self.file_actions.quit, QKeySequence.StandardKey.Quit)

        self.undo_action = self._action(self.edit_menu, "&Undo", self.undo,
                                        [QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self._action(self.edit_menu, "&Redo", self.redo,
                                        [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self._update_history_actions()

        self.reset_view_action = self._action(self.view_menu, "&Reset view", self.session.reset_view, "Ctrl+0")
        self.fit_action = self._action(self.view_menu, "&Fit to curves", self.session.fit_view, "Ctrl+F")
        self.view_menu.addSeparator()
        self.order_actions: dict[int, QAction] = {}
        for order in range(1, MAX_ORDER + 1):
            self.order_actions[order] = self._action(
                self.view_menu, f"Show {derivative_name(order)}",
                lambda checked, k=order: self.session.toggle_order(k), f"Ctrl+{order}", checkable=True)
        self.view_menu.addSeparator()
        self.stacked_action = self._action(
            self.view_menu, "&Stacked plots",
            lambda checked: self.session.set_layout("stacked" if checked else "overlay"), "Ctrl+L", checkable=True)
        self.tangent_action = self._action(self.view_menu, "&Tangent line", self.session.set_show_tangent,
                                           "Ctrl+Shift+T", checkable=True)
        self.view_keys = ViewKeys(self)
        self.view_menu.addSeparator()
        self.features_action = self._action(self.view_menu, "&Features of the curve", self.session.set_features,
                                            "Ctrl+Shift+F", checkable=True)
        self.sign_charts_action = self._action(self.view_menu, "Sign &charts", self.session.set_sign_charts,
                                               "Ctrl+Shift+G", checkable=True)
        self.previous_feature_action = self._action(self.view_menu, "&Previous feature",
                                                    lambda: self._step_feature(-1), "[")
        self.next_feature_action = self._action(self.view_menu, "&Next feature", lambda: self._step_feature(1), "]")
        self.secant_action = self._action(self.view_menu, "&Secant to tangent", self.session.set_show_secant,
                                          "Ctrl+Shift+H", checkable=True)
        self.taylor_action = self._action(self.view_menu, "Ta&ylor polynomial",
                                          lambda checked: self.session.set_taylor(show=checked),
                                          "Ctrl+Shift+P", checkable=True)
        self._action(self.help_menu, "&Function syntax", self._show_syntax, QKeySequence.StandardKey.HelpContents)
        self._action(self.help_menu, "&About Slope Explorer", self._show_about)

    def _connect(self) -> None:
        session = self.session
        session.state_changed.connect(self._show_state)
        session.curves_changed.connect(self._show_frame)
        session.reading_changed.connect(self._show_reading)
        session.error_changed.connect(self.function_input.show_error)
        session.compute_failed.connect(lambda message: self.statusBar().showMessage(
            f"Could not evaluate this function: {message}", 8000))
        session.engine_failed.connect(lambda message: self.statusBar().showMessage(
            message[:1].upper() + message[1:] + ".", 8000))
        session.history_changed.connect(self._update_history_actions)
        self.function_input.edit.textEdited.connect(self._update_history_actions)
        self.function_input.text_committed.connect(session.set_text)
        self.plot_view.x0_dragged.connect(self._drag_x0)
        self.plot_view.drag_started.connect(session.begin_gesture)
        self.plot_view.drag_finished.connect(session.end_gesture)
        self.plot_view.view_changed.connect(session.set_view)
        self.plot_view.theme_changed.connect(self._theme_changed)
        self.plot_view.width_changed.connect(session.set_pixel_width)
        self.plot_view.secant_h_dragged.connect(self._drag_h)
        self.secant_panel.h_changed.connect(session.set_secant_h)
        self.readout.x0_edited.connect(session.set_x0)
        self.readout.x0_box.refused.connect(lambda message: self.statusBar().showMessage(
            f"{message}; x\u2080 stays {shown_text(self.readout.x0_box.value())}.", 8000))
        self.derivative_panel.order_toggled.connect(lambda order, _on: session.toggle_order(order))
        self.derivative_panel.layout_chosen.connect(session.set_layout)
        self.derivative_panel.tangent_toggled.connect(session.set_show_tangent)
        self.plot_view.feature_clicked.connect(session.set_x0)
        self.feature_panel.family_toggled.connect(session.set_feature_family)
        self.feature_panel.sign_charts_toggled.connect(session.set_sign_charts)
        self.feature_panel.colouring_chosen.connect(session.set_curve_colouring)
        self.feature_panel.x_chosen.connect(session.set_x0)
        self.feature_panel.export_requested.connect(self.file_actions.export_features)
        self.taylor_panel.shown_toggled.connect(lambda shown: session.set_taylor(show=shown))
        self.taylor_panel.degree_changed.connect(lambda degree: session.set_taylor(degree=degree))
        self.taylor_panel.error_toggled.connect(lambda error: session.set_taylor(error=error))
        self.taylor_panel.tolerance_changed.connect(lambda tolerance: session.set_taylor(tolerance=tolerance))
        self.parameter_panel.value_changed.connect(session.set_parameter)
        self.parameter_panel.range_changed.connect(self._set_parameter_range)
        self.parameter_panel.gesture_started.connect(session.begin_gesture)
        self.parameter_panel.gesture_finished.connect(session.end_gesture)

    # ----------------------------------------------------------------- showing the session
    def _theme_changed(self, theme) -> None:
        """The plot's colours (a dark palette, a screen of another scale) for the window's other plots."""
        self.taylor_tool.set_theme(theme)
        self.derivative_panel.set_colours(theme.curve)

    def _show_state(self, state) -> None:
        """Update the widgets whose part of the state changed (a drag changes only x₀: keep it cheap)."""
        shown, self._shown_state = self._shown_state, state
        if shown is not None and shown.x0 != state.x0 and dataclasses.replace(shown, x0=state.x0) == state:
            self.readout.set_x0(state.x0)
            return
        self.function_input.set_text(state.text)
        self._show_notation()
        self.plot_view.set_display(state.orders, state.layout, state.show_tangent)
        self.plot_view.set_features(FeatureDisplay.of(state))
        self.plot_view.set_secant_shown(state.secant.shown)
        self.secant_group.setVisible(state.secant.shown)
        self.secant_action.setChecked(state.secant.shown)
        self.secant_panel.set_h(state.secant.h)
        self.secant_panel.set_view_width(state.x_range[1] - state.x_range[0])
        self.plot_view.set_view(state.x_range, state.y_range, state.stacked_y_ranges)
        self.readout.set_rows(state.orders, tuple(setting.name for setting in state.parameters))
        self.readout.set_x0(state.x0)
        self.derivative_panel.show_state(state.orders, state.layout, state.show_tangent)
        self.parameter_panel.show_parameters(state.parameters)
        for order, action in self.order_actions.items():
            action.setChecked(order in state.orders)
        self.stacked_action.setChecked(state.layout == "stacked")
        self.tangent_action.setChecked(state.show_tangent)
        self.features_action.setChecked(state.show_features)
        self.sign_charts_action.setChecked(state.show_sign_charts)
        self.feature_group.setVisible(state.show_features)
        self.feature_panel.show_state(state.feature_families, state.show_sign_charts, state.curve_colouring)
        self._show_features()
        if shown is None or shown.taylor_settings != state.taylor_settings:
            self._show_taylor_state(state)
        elif _plot_view(shown) != _plot_view(state) and self.session.last_reading is not None:
            self._show_taylor(self.session.last_reading)  # Tₙ is clipped to the view's height: draw it anew

    def _show_frame(self, frame) -> None:
        self.plot_view.show_frame(frame)
        # The list after the plot has painted: the plot is what a keystroke is for (bench row
        # "keystroke to repainted plot, features and sign charts shown").
        QTimer.singleShot(0, self._show_features)

    def _show_features(self) -> None:
        """The list shows the latest frame's features while the tool is shown."""
        frame = self.session.last_frame
        shown = self.session.state.show_features and frame is not None
        self.feature_panel.show_features(frame.main_features if shown else None)

    def _step_feature(self, step: int) -> None:
        """`[` / `]`: x₀ to the previous / next feature marked on the plot."""
        frame, state = self.session.last_frame, self.session.state
        found = frame.main_features if frame is not None and state.show_features else None
        if found is not None:
            x = neighbour_x(shown_features(found.features, state.feature_families), state.x0, step)
            if x is not None:
                self.session.set_x0(x)

    def _show_notation(self) -> None:
        """Say under the box how the last text that parsed was read (printed once per function)."""
        function = self.session.function
        if function is not self._notation_of:
            self._notation_of = function
            self.function_input.show_reading(function_notation(function))

    def _show_taylor_state(self, state) -> None:
        """The Taylor tool's settings changed (toggled, a file opened, an undo): its menu action, panel
        and items follow, and Tₙ is drawn again (or hidden) from the reading shown."""
        self.taylor_action.setChecked(state.show_taylor)
        self.taylor_panel.show_state(state.show_taylor, state.taylor_degree, state.show_taylor_error,
                                     state.taylor_tolerance)
        self.taylor_tool.set_visible(state.show_taylor, state.show_taylor_error)
        if self.session.last_reading is not None:
            self._show_taylor(self.session.last_reading)

    def _show_taylor(self, reading) -> None:
        y_view = tuple(self.plot_view.main_plot.getViewBox().viewRange()[1])
        self.taylor_tool.show(reading.taylor, y_view)
        self.taylor_panel.show_expansion(reading.taylor)

    def _drag_x0(self, x0: float) -> None:
        self.session.set_x0(x0)
        self.session.probe_ahead(self.plot_view.drag_neighbours(x0))  # read while this frame paints

    def _drag_h(self, h: float) -> None:
        self.session.set_secant_h(h)
        # the h Q's next moves can reach, read while this frame paints
        self.session.secant_ahead(self.plot_view.secant_drag_neighbours(self.session.state.secant.h))

    def _show_reading(self, reading) -> None:
        self.plot_view.show_reading(reading)
        self._show_taylor(reading)
        self.readout.show_reading(reading)
        if reading.secant is not None:
            self.secant_panel.show_secant(reading.secant)
        self._echo_reading(reading)

    def _echo_reading(self, reading) -> None:
        """Repeat the reading in the status line while the readout is out of sight (the side panel
        collapsed or scrolled away). Not while it shows: the status line, full width, would be
        painted again on every drag frame (a third of a millisecond) to say the same."""
        status = self.statusBar()
        if self.readout.visibleRegion().isEmpty():
            self._echoed = readout_summary(reading)
            status.showMessage(self._echoed)
        elif self._echoed is not None:
            if status.currentMessage() == self._echoed:
                status.clearMessage()
            self._echoed = None

    def _update_history_actions(self) -> None:
        self.undo_action.setEnabled(self.session.history.can_undo or self.function_input.pending)
        self.redo_action.setEnabled(self.session.history.can_redo)

    def _set_parameter_range(self, name: str, minimum: float, maximum: float) -> None:
        self.session.set_parameter_range(name, minimum, maximum)
        self.parameter_panel.show_parameters(self.session.state.parameters)  # undo a rejected range

    # ----------------------------------------------------------------- actions
    def undo(self) -> None:
        if self.function_input.pending:
            self.function_input.flush()  # an edit still waiting for its timer is undone too
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()


    def _show_syntax(self) -> None:
        QMessageBox.information(self, "Function syntax", SYNTAX_HELP)

    def _show_about(self) -> None:
        from explorer import __version__

        QMessageBox.about(self, "About Slope Explorer",
                          f"<b>Slope Explorer {__version__}</b><p>Type a function, see its derivative.</p>")

    # ----------------------------------------------------------------- lifetime
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            # Focused as by Tab, the function's text is selected: typing replaces it.
            self.function_input.edit.setFocus(Qt.FocusReason.TabFocusReason)
            self.function_input.edit.selectAll()
            QTimer.singleShot(0, self.session.start)  # parse and sample once the window is on screen

    def closeEvent(self, event) -> None:
        self.session.close()
        super().closeEvent(event)
