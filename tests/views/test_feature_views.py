"""The features drawn: marks by shape on f's plot, the sign charts under it, f coloured by sign and
the list; all from hand-built FeatureSets (views take plain values and compute nothing)."""

import numpy as np
import pytest
from feature_sets import ROOT3, breaks, cubic, narrow_corner
from PySide6.QtWidgets import QApplication
from window_driving import plot_to_widget

from explorer.app.frame import MAIN, Frame
from explorer.app.state import FEATURE_FAMILIES
from explorer.model.features.result import FeatureKind as K
from explorer.model.features.result import Sign
from explorer.model.readings import CurveSet
from explorer.views.feature_list import FeaturePanel, rows_of
from explorer.views.feature_markers import STYLES, marks_for
from explorer.views.feature_words import feature_tip, neighbour_x, shown_features
from explorer.views.plot_view import FeatureDisplay, PlotView

ALL = FEATURE_FAMILIES


def cubic_frame(features):
    x = np.linspace(-4.0, 4.0, 801)
    values = np.stack([x ** 3 - 3 * x, 3 * x ** 2 - 3, 6 * x])
    return Frame(0, {MAIN: CurveSet(x, values, np.ones_like(values, dtype=bool))},
                 {-1: (-10.0, 10.0), 0: (-10.0, 10.0), 1: (-3.0, 45.0), 2: (-24.0, 24.0)}, {MAIN: None},
                 {MAIN: features})


@pytest.fixture
def view(qtbot):
    plot = PlotView()
    qtbot.addWidget(plot)
    plot.resize(900, 600)
    plot.show()
    plot.set_display((1,), "overlay")
    plot.set_view((-4.0, 4.0), (-10.0, 10.0))
    return plot


def test_each_kind_has_its_own_shape_so_a_grey_print_reads():
    shapes = {kind: (style.symbol if isinstance(style.symbol, str) else id(style.symbol), style.size, style.fill)
              for kind, style in STYLES.items()}
    assert len(set(shapes.values())) == len(shapes)
    assert STYLES[K.MAXIMUM].symbol == "t1" and STYLES[K.MINIMUM].symbol == "t" and STYLES[K.INFLECTION].symbol == "d"


def test_marks_sit_where_the_search_said_for_the_families_shown():
    marks, asymptotes = marks_for(cubic().features, ALL)
    assert sorted((mark.x, mark.y, mark.kind) for mark in marks) == sorted([
        (-ROOT3, 0.0, K.ZERO), (-1.0, 2.0, K.MAXIMUM), (0.0, 0.0, K.ZERO), (0.0, 0.0, K.INFLECTION),
        (1.0, -2.0, K.MINIMUM), (ROOT3, 0.0, K.ZERO)])
    assert asymptotes == []
    marks, _ = marks_for(cubic().features, ("extrema",))
    assert [mark.kind for mark in marks] == [K.MAXIMUM, K.MINIMUM]


def test_a_hole_is_open_at_its_limit_a_jump_has_a_filled_and_an_open_end_a_pole_a_line():
    marks, asymptotes = marks_for(breaks().features, ALL)
    assert asymptotes == [2.0]
    hole = [mark for mark in marks if mark.kind is K.HOLE]
    assert [(mark.x, mark.y, mark.open) for mark in hole] == [(-1.0, 1.0, True)]
    jump = sorted((mark.y, mark.open) for mark in marks if mark.kind is K.JUMP)
    assert jump == [(2.0, True), (3.0, False)]
    assert marks_for(breaks().features, ("zeros", "extrema"))[1] == []


def test_the_plot_marks_the_frames_features_and_hides_them_with_the_tool(view):
    view.set_features(FeatureDisplay(True, ALL))
    view.show_frame(cubic_frame(cubic()))
    spots = view.feature_markers.scatter.data
    assert len(spots) == 6 and sorted(spots["x"]) == sorted([-ROOT3, -1.0, 0.0, 0.0, 1.0, ROOT3])
    view.set_features(FeatureDisplay(True, ("inflections",)))
    assert list(view.feature_markers.scatter.data["x"]) == [0.0]
    view.set_features(FeatureDisplay(False, ALL))
    assert len(view.feature_markers.scatter.data) == 0


def test_asymptotes_are_dashed_vertical_lines(view):
    from PySide6.QtCore import Qt

    view.set_features(FeatureDisplay(True, ALL))
    view.show_frame(cubic_frame(breaks()))
    shown = [line for line in view.feature_markers.asymptotes if line.isVisible()]
    assert [line.value() for line in shown] == [2.0]
    assert shown[0].pen.style() == Qt.PenStyle.DashLine
    view.show_frame(cubic_frame(cubic()))
    assert not any(line.isVisible() for line in view.feature_markers.asymptotes)


def test_clicking_a_mark_gives_its_x_and_hovering_tells_what_is_there(view, qtbot):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    view.set_features(FeatureDisplay(True, ALL))
    view.show_frame(cubic_frame(cubic()))
    qtbot.wait(20)
    viewport = view.graphics.viewport()
    where = plot_to_widget(view.main_plot, -1.0, 2.0)
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), QPointF(viewport.mapToGlobal(where)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    qtbot.wait(20)
    assert view.main_plot.getViewBox().toolTip() == "Maximum\nx = \u22121\nf(x) = 2"
    with qtbot.waitSignal(view.feature_clicked) as clicked:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    assert clicked.args == [-1.0]


def test_the_sign_charts_read_like_the_teachers_table(view):
    view.set_features(FeatureDisplay(False, ALL, sign_charts=True))
    view.show_frame(cubic_frame(cubic()))
    chart = view.sign_chart
    assert chart is not None and chart.getViewBox().linkedView(0) is view.main_plot.getViewBox()
    texts = [text.toPlainText() for text in chart.texts if text.isVisible()]
    assert texts == ["+ \u2197", "\u2212 \u2198", "+ \u2197", "\u2212 \u2229", "+ \u222a", "\u22121", "0", "1"]
    x, _ = chart.rules.getData()
    assert {-1.0, 0.0, 1.0} <= set(x)
    assert len(chart.double_bars.getData()[0]) == 0
    view.set_features(FeatureDisplay(False, ALL, sign_charts=False))
    assert chart.scene() is None  # out of the layout


def test_where_f1_does_not_exist_the_chart_draws_a_double_bar_with_the_one_sided_slopes(view):
    view.set_features(FeatureDisplay(False, ALL, sign_charts=True))
    view.show_frame(cubic_frame(breaks()))
    chart = view.sign_chart
    texts = [text.toPlainText() for text in chart.texts if text.isVisible()]
    assert "\u22121\u2009" in texts and "\u20091" in texts  # "−1 ‖ 1" either side of the bar at 0
    bars_x, bars_y = chart.double_bars.getData()
    assert len(bars_x) == 8 and np.allclose(np.sort(np.unique(np.round(bars_x, 9))).mean(), 0.0)
    assert [shade.isVisible() for shade in chart.shades] == [True]  # f′ undefined beyond the pole
    assert chart.shades[0].rect().left() == 2.0


@pytest.mark.parametrize("width", [500, 700, 900, 1400])
def test_a_narrow_cells_sign_never_prints_over_the_one_sided_slopes(view, width):
    """|x|(x² − 1): "+ ↗" and "− ↘" fit between ±1/√3 and the slopes 1 ‖ −1 at 0, or are left out."""
    view.resize(width, 600)
    view.set_features(FeatureDisplay(False, ALL, sign_charts=True))
    view.show_frame(cubic_frame(narrow_corner()))
    QApplication.processEvents()  # the chart laid out at the new width
    chart = view.sign_chart
    shown = [text for text in chart.texts if text.isVisible()]
    slopes = [text for text in shown if text.toPlainText().strip("\u2009") in ("1", "\u22121")
              and "\u2009" in text.toPlainText()]
    signs = [text for text in shown if text.toPlainText() in ("+ \u2197", "\u2212 \u2198")]
    assert len(slopes) == 2 and len(signs) >= 2
    for sign in signs:
        for slope in slopes:
            assert not sign.sceneBoundingRect().intersects(slope.sceneBoundingRect()), \
                (width, sign.toPlainText(), slope.toPlainText())


def test_f_is_coloured_by_the_sign_of_f1_between_the_charts_boundaries(view):
    view.set_features(FeatureDisplay(False, ALL, colouring="first"))
    view.show_frame(cubic_frame(cubic()))
    x, _ = view.sign_items[Sign.NEGATIVE].getData()
    joins = view.sign_items[Sign.NEGATIVE].opts["connect"]
    drawn = x[:-1][joins[:-1]]
    assert drawn.min() == pytest.approx(-1.0) and x[1:][joins[:-1]].max() == pytest.approx(1.0)
    view.set_features(FeatureDisplay(False, ALL, colouring="none"))
    assert len(view.sign_items[Sign.NEGATIVE].getData()[0]) == 0


def test_brackets_step_to_the_neighbouring_features_shown():
    features = shown_features(cubic().features, ("extrema",))
    assert neighbour_x(features, 0.0, 1) == 1.0 and neighbour_x(features, 0.0, -1) == -1.0
    assert neighbour_x(features, 1.0, 1) is None and neighbour_x(features, 1.0 + 1e-12, -1) == -1.0


def test_the_list_reads_and_copies_as_tab_separated_text(qtbot):
    from PySide6.QtWidgets import QApplication

    panel = FeaturePanel()
    qtbot.addWidget(panel)
    panel.show_features(breaks())
    assert rows_of(breaks().features)[1] == ("zero, minimum, corner", "0", "0")
    assert panel.table.rowCount() == 4 and panel.table.item(0, 2).text() == "undefined (limit 1)"
    text = panel.table.copy_rows()
    assert QApplication.clipboard().text() == text
    assert text.splitlines()[0] == "kind\tx\ty"
    assert text.splitlines()[2] == "zero, minimum, corner\t0\t0"
    assert "slopes: left \u22121, right 1" in feature_tip(breaks().features[1])
    with qtbot.waitSignal(panel.x_chosen) as chosen:
        panel.table.itemActivated.emit(panel.table.item(3, 0))
    assert chosen.args == [3.0]


@pytest.mark.parametrize("width", [260, 340, 600])
def test_the_list_shows_every_cell_whole_in_a_narrow_side_panel(qtbot, width):
    """"zero, minimum, corner" and "undefined (limit 1)" are read whole: kinds wrap, numbers stay whole."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QApplication

    panel = FeaturePanel()
    qtbot.addWidget(panel)
    panel.resize(width, 500)
    panel.show()
    panel.show_features(breaks())
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    table = panel.table
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            text = table.item(row, column).text()
            # less the delegate's text margin
            cell = table.visualRect(table.model().index(row, column)).adjusted(3, 0, -3, 0)
            needed = metrics.boundingRect(QRect(0, 0, cell.width(), 10_000), Qt.TextFlag.TextWordWrap, text)
            assert needed.width() <= cell.width() and needed.height() <= cell.height(), (row, column, text)
