"""sympy expression -> Program (program/__init__.py), by walking the tree against a whitelist.

Nothing the student typed is ever executed: each sympy class maps to an operation of the
program's table, and an expression containing anything else is refused with a `CompileError`.
Constant subtrees are folded to Python floats here, once.

Real-valued semantics that students (and Desmos) expect, not sympy's principal complex branch:
x^(p/q) with odd q is the real root (x^(1/3) at −8 is −2); even roots and log are NaN outside
their domain; a variable exponent b^e is exp(e·ln b), defined for b > 0 (and 0 for b = 0, e > 0).
"""

from __future__ import annotations

import math

import sympy

from explorer.model.function import Function, X
from explorer.model.program import CALLS, FOLDS, CompileError, Op, Program
from explorer.model.program.holes import hole_candidates
from explorer.model.program.overflow import hypot_parts, softplus_argument
from explorer.model.program.stable import stable_form

_CALLS = {getattr(sympy, name): name for name in CALLS}
_FOLDS = {getattr(sympy, name): name for name in FOLDS}


def _is_negative_odd_root(expr: sympy.Expr) -> bool:
    return (isinstance(expr, sympy.Pow) and expr.exp.is_Rational and not expr.exp.is_Integer
            and expr.exp.q % 2 == 1 and expr.base.is_negative is True)


def _real_odd_root(expr: sympy.Pow) -> sympy.Expr:
    return sympy.Integer(-1) ** expr.exp.p * sympy.Pow(-expr.base, expr.exp)


def constant_value(expr: sympy.Expr) -> float:
    """A symbol-free subtree as a float: NaN where it is not a real number (1/0, sqrt(-1), log(-1)).

    Odd roots of negative numbers are real, as for x^(1/3): (-8)^(1/3) is -2, not sympy's principal
    complex root (sympy folds it to 2·(-1)^(1/3) before we see it).
    """
    value = sympy.N(expr.replace(_is_negative_odd_root, _real_odd_root), 30)
    if value in (sympy.oo, -sympy.oo):
        return math.inf if value == sympy.oo else -math.inf
    try:
        number = complex(value)
    except (TypeError, ValueError):
        return math.nan
    if number.imag != 0 and abs(number.imag) > 1e-25 * max(1.0, abs(number.real)):
        return math.nan
    return number.real


def lower_expression(expr: sympy.Expr) -> Op:
    """`expr` as a program body: an operation, or a float if it is constant."""
    return _lower(sympy.sympify(expr))


def lower(function: Function) -> Program:
    """The program of `function`, its guards included (in the order of `function.guards`)."""
    guards = tuple((lower_expression(stable_form(guard.expr)), guard.integer) for guard in function.guards)
    domain = tuple((lower_expression(c.expr), c.need.value, c.enforced) for c in function.domain)
    body = lower_expression(stable_form(function.expr))
    holes = hole_candidates(function, lower_expression)
    return Program(function.text, function.parameters, body, guards, domain, holes)


def _lower(expr: sympy.Expr) -> Op:
    if not expr.free_symbols:
        return constant_value(expr)
    if expr == X:
        return ("x",)
    if isinstance(expr, sympy.Symbol):
        return ("param", expr.name)
    if isinstance(expr, sympy.Add):
        return _add(expr.args)
    if isinstance(expr, sympy.Mul):
        return _mul(expr.args)
    if isinstance(expr, sympy.Pow):
        return _pow(*expr.args)
    if isinstance(expr, sympy.Heaviside):
        return _heaviside(*expr.args)
    if isinstance(expr, sympy.log) and (exponent := softplus_argument(expr)) is not None:
        return ("softplus", _operand(exponent))
    if type(expr) in _CALLS and len(expr.args) == 1:
        return ("call", _CALLS[type(expr)], _operand(expr.args[0]))
    if type(expr) in _FOLDS:
        return ("fold", _FOLDS[type(expr)], tuple(_operand(a) for a in expr.args))
    raise CompileError(f"'{type(expr).__name__}' cannot be evaluated by the engine")


def _operand(expr: sympy.Expr) -> tuple:
    """Like _lower, but a constant comes back as an operation too (for operands that must be tensors)."""
    lowered = _lower(expr)
    return ("full", lowered) if isinstance(lowered, float) else lowered


def _add(args) -> tuple:
    lowered = [_lower(a) for a in args]
    constant = sum(op for op in lowered if isinstance(op, float))
    return ("add", float(constant), tuple(op for op in lowered if not isinstance(op, float)))


def _mul(args) -> tuple:
    coefficient = 1.0
    numerator: list[tuple] = []
    denominator: list[tuple] = []
    for arg in args:
        if isinstance(arg, sympy.Pow) and arg.exp.is_number and arg.exp.is_negative:
            lowered = _lower(sympy.Pow(arg.base, -arg.exp))
            target = denominator
        else:
            lowered = _lower(arg)
            target = numerator
        if isinstance(lowered, float):
            coefficient = coefficient * lowered if target is numerator else coefficient / lowered
        else:
            target.append(lowered)
    return ("mul", coefficient, tuple(numerator), tuple(denominator))


def _pow(base: sympy.Expr, exponent: sympy.Expr) -> tuple:
    if exponent.is_number:
        if exponent.is_negative:
            return ("reciprocal", _pow(base, -exponent))
        return _hypot_power(base, exponent) or _constant_power(_operand(base), exponent)
    if X not in exponent.free_symbols:
        # x^a with a slider: torch's real pow (integer a gives the full parabola, cubic …).
        return ("pow", _operand(base), _operand(exponent))
    # A variable exponent: exp(e·ln b) keeps every derivative exact where e is 0 or 1.
    power = _operand(exponent)
    lowered_base = _lower(base)
    if isinstance(lowered_base, float):
        b = lowered_base
        return ("exp_times", power, math.log(b) if b > 0 else (-math.inf if b == 0 else math.nan))
    return ("exp_log", power, lowered_base)


def _hypot_power(base: sympy.Expr, exponent: sympy.Expr) -> tuple | None:
    """(a·u² + a·c)^(p/2) as a^(p/2)·hypot(u, c)^p, which never squares u (program/overflow.py)."""
    parts = hypot_parts(base) if exponent.is_Rational and exponent.q == 2 else None
    if parts is None:
        return None
    u, c, a = parts
    root = ("hypot", _operand(u), c)
    powered = root if exponent.p == 1 else ("power", root, int(exponent.p))
    return powered if a == 1 else ("mul", math.sqrt(a) ** int(exponent.p), (powered,), ())


def _constant_power(base: tuple, exponent: sympy.Expr) -> tuple:
    if exponent.is_Integer:
        n = int(exponent)
        return ("square", base) if n == 2 else ("power", base, n)
    if exponent.is_Rational:
        numerator, denominator = int(exponent.p), int(exponent.q)
        if exponent == sympy.Rational(1, 2):
            return ("sqrt", base)
        power = numerator / denominator
        if denominator % 2 == 0:
            return ("power", base, power)
        if numerator % 2 == 0:
            return ("abs_power", base, power)
        return ("odd_root", base, power)
    power = constant_value(exponent)
    return ("power", base, int(power) if float(power).is_integer() else power)


def _heaviside(arg: sympy.Expr, at_zero: sympy.Expr = sympy.S.Half) -> tuple:
    """H(u), with H(0) as sympy says."""
    return ("heaviside", _operand(arg), constant_value(at_zero))
