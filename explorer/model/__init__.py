"""Slope Explorer's model: student text -> sympy -> torch autograd. Pure Python; never imports Qt.

Public API (scripts, notebooks and the app use it)::

    from explorer.model import parse, ParseError, Engine
    fn = parse("5x^4 + 3x^3 + 7x^2 + 9x - 5")
    Engine().probe(fn, 2.0).slope          # 233.0

`Engine` is imported lazily so that parsing (and the first paint of the window) never waits for torch.
"""

from explorer.model.function import Function
from explorer.model.parsing import ParseError, parse
from explorer.model.readings import CurveSet, PointKind, PointReading

__all__ = ["CurveSet", "Engine", "Function", "ParseError", "PointKind", "PointReading", "parse"]


def __getattr__(name: str):
    if name == "Engine":
        from explorer.model.engine import Engine

        return Engine
    raise AttributeError(f"module 'explorer.model' has no attribute {name!r}")
