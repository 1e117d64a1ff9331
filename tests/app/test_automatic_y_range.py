"""The overlay's automatic y-range as a session computes it: f and the shown derivatives, one curve
each (robust_y_range's rows), so f's symmetry survives a derivative with a pole on one side."""

import pytest

from explorer.app.in_process_engine import InProcessEngine
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.model import Engine


@pytest.mark.parametrize("text", ["1/x", "tan x"])
def test_the_default_overlay_of_an_odd_function_with_poles_is_symmetric(qtbot, text):
    session = Session(DocumentState(text=text), engine=InProcessEngine(Engine(), threaded=False))
    try:
        session.compute_now()
        lo, hi = session.last_frame.y_ranges[-1]  # f and f′ on the default view
        assert abs(lo + hi) <= 0.02 * (hi - lo), (lo, hi)
        assert session.last_frame.y_ranges[-1] == pytest.approx(session.last_frame.y_ranges[0])  # f's own window
    finally:
        session.close()
