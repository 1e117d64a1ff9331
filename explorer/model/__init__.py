"""Slope Explorer's model: student text -> sympy -> torch autograd. Pure Python; never imports Qt.

Public API (scripts, notebooks and the app use it)::

    from explorer.model import parse, ParseError, Engine
    fn = parse("5x^4 + 3x^3 + 7x^2 + 9x - 5")
    Engine().probe(fn, 2.0).slope          # 233.0

Every name is imported on first use, so that importing one light module (say
`explorer.model.readings`, which views need) never loads sympy or torch before the window shows.
"""

from importlib import import_module

_HOMES = {
    "CurveSet": "explorer.model.readings",
    "Engine": "explorer.model.engine",
    "Function": "explorer.model.function",
    "ParseError": "explorer.model.parsing",
    "PointKind": "explorer.model.readings",
    "PointReading": "explorer.model.readings",
    "parse": "explorer.model.parsing",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'explorer.model' has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
