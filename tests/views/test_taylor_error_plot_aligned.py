"""The Taylor tool's error plot under the main plot: x at the same place on screen in both, at
both ends (its right edge ran past the main plot's, so its x = 3 stood right of the main plot's)."""

from explorer.app.state import DocumentState
from explorer.views.taylor_tool import _screen_span


def test_the_error_plot_spans_the_main_plots_x_axis(open_window, qtbot):
    window = open_window(DocumentState(text="ln(1+x)", show_taylor=True, taylor_degree=10,
                                       show_taylor_error=True, x0=0.0))
    window.resize(1400, 900)
    main_box = window.plot_view.main_plot.getViewBox()
    error_box = window.taylor_tool.error_plot.getPlotItem().getViewBox()

    def aligned() -> bool:
        main, own = _screen_span(main_box), _screen_span(error_box)
        return main is not None and own is not None and abs(main[0] - own[0]) < 1.5 \
            and abs(main[1] - own[1]) < 1.5

    window.session.set_x0(0.25)  # a reading after the resize aligns the plots again
    qtbot.waitUntil(aligned)
    assert window.taylor_tool.error_plot.getPlotItem().getViewBox().viewRange()[0] == \
        main_box.viewRange()[0]
