"""The functions the bench measures: thirty things students type, each with its meaning spelled out.

Every entry carries the student's text (timed through the real parser) and the same function
written in sympy's own syntax. The baselines and the throughput figures are built from the sympy
form, so they never depend on the parser, and a test checks that both forms agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from explorer.model.function import Function, X, parameter_symbol


@dataclass(frozen=True)
class CorpusEntry:
    text: str
    #: The same function in sympy syntax, in x and the parameter names.
    sympy_source: str
    #: Slider values, in order of first appearance in `text`.
    params: dict[str, float] = field(default_factory=dict)
    #: Also used for the grid-size sweep and the memory figure (a few keep the full run short).
    throughput: bool = False

    def build(self) -> Function:
        """The Function the parser should return, built without the parser."""
        names = {name: parameter_symbol(name) for name in self.params}
        expr = sympy.parse_expr(self.sympy_source, local_dict={"x": X, **names})
        return Function(self.text, expr, tuple(self.params))


CORPUS: tuple[CorpusEntry, ...] = (
    # polynomials
    CorpusEntry("x^2", "x**2"),
    CorpusEntry("x^3 - 3x", "x**3 - 3*x", throughput=True),
    CorpusEntry("5x^4 + 3x^3 + 7x^2 + 9x - 5", "5*x**4 + 3*x**3 + 7*x**2 + 9*x - 5", throughput=True),
    CorpusEntry("(x - 1)(x + 2)^2", "(x - 1)*(x + 2)**2"),
    CorpusEntry("x^5 - 4x^3 + x", "x**5 - 4*x**3 + x"),
    # trigonometry
    CorpusEntry("sin(x)", "sin(x)", throughput=True),
    CorpusEntry("cos(2x)", "cos(2*x)"),
    CorpusEntry("tan(x)", "tan(x)"),
    CorpusEntry("sin(x)^2", "sin(x)**2"),
    CorpusEntry("x sin(x)", "x*sin(x)"),
    # exponentials and logarithms
    CorpusEntry("e^x", "exp(x)"),
    CorpusEntry("e^(-x^2)", "exp(-x**2)", throughput=True),
    CorpusEntry("ln(x)", "log(x)"),
    CorpusEntry("x ln(x)", "x*log(x)"),
    CorpusEntry("ln(x^2 + 1)", "log(x**2 + 1)"),
    # rational functions
    CorpusEntry("1/x", "1/x"),
    CorpusEntry("1/(1 + x^2)", "1/(1 + x**2)", throughput=True),
    CorpusEntry("(x^2 - 1)/(x^2 + 1)", "(x**2 - 1)/(x**2 + 1)"),
    CorpusEntry("x/(x - 2)", "x/(x - 2)"),
    # roots and absolute value
    CorpusEntry("sqrt(x)", "sqrt(x)"),
    CorpusEntry("sqrt(1 - x^2)", "sqrt(1 - x**2)"),
    CorpusEntry("x^(1/3)", "x**(1/3)"),
    CorpusEntry("abs(x)", "Abs(x)"),
    CorpusEntry("abs(x^2 - 4)", "Abs(x**2 - 4)"),
    # compositions
    CorpusEntry("sin(x^2)", "sin(x**2)"),
    CorpusEntry("e^(sin(x))", "exp(sin(x))", throughput=True),
    CorpusEntry("sqrt(x^2 + 1)", "sqrt(x**2 + 1)"),
    # parameters
    CorpusEntry("a sin(b x)", "a*sin(b*x)", {"a": 2.0, "b": 3.0}, throughput=True),
    CorpusEntry("a x^2 + b x + c", "a*x**2 + b*x + c", {"a": 1.0, "b": -2.0, "c": 1.0}),
    CorpusEntry("a e^(-k x) cos(w x)", "a*exp(-k*x)*cos(w*x)", {"a": 1.5, "k": 0.5, "w": 4.0}),
)

#: The view students start from; sampling uses it so some functions have gaps, as in real use.
X_RANGE = (-4.0, 4.0)
#: Where probes are taken: inside every corpus function's domain, away from kinks and poles.
PROBE_RANGE = (0.1, 0.9)


def throughput_entries() -> tuple[CorpusEntry, ...]:
    return tuple(entry for entry in CORPUS if entry.throughput)
