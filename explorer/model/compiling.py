"""sympy expression -> elementwise torch function, by walking the tree against a whitelist.

Nothing the student typed is ever executed: each sympy class maps to torch operations from the
tables below, and an expression containing anything else is refused with a `CompileError`.
Constant subtrees are folded to Python floats once, at compile time, and the result is always
broadcast to the grid's shape, so `f = 5` samples as a row of 5s with f′ = 0.

Real-valued semantics that students (and Desmos) expect, not sympy's principal complex branch:
x^(p/q) with odd q is the real root (x^(1/3) at −8 is −2); even roots and log are NaN outside
their domain; a variable exponent b^e is exp(e·ln b), defined for b > 0 (and 0 for b = 0, e > 0).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sympy
import torch

from explorer.model.function import X, Function
from explorer.model.guards import Guard, collect_guards

Tensor = torch.Tensor
#: A compiled subtree: (x, parameter tensors) -> tensor, or a folded constant.
Node = Callable[[Tensor, Mapping[str, Tensor]], Tensor]


class CompileError(ValueError):
    """The expression uses something the engine cannot evaluate; `message` says what, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _reciprocal(u: Tensor) -> Tensor:
    return torch.reciprocal(u)


def _abs(u: Tensor) -> Tensor:
    """|u| as u·sign(u): the same values and first derivative as torch.abs, but its second
    derivative avoids torch's `sgn` double-backward, whose first use imports torch._dynamo
    (seconds of frozen window for the first |x| with f″ on screen)."""
    return u * torch.sign(u)


#: One-argument functions: sympy class -> torch composition. Reciprocal forms (sec = 1/cos …) are
#: composed from primitives so autograd differentiates them like any other expression.
UNARY: dict[type, Callable[[Tensor], Tensor]] = {
    sympy.exp: torch.exp,
    sympy.log: torch.log,
    sympy.sin: torch.sin,
    sympy.cos: torch.cos,
    sympy.tan: torch.tan,
    sympy.sec: lambda u: _reciprocal(torch.cos(u)),
    sympy.csc: lambda u: _reciprocal(torch.sin(u)),
    sympy.cot: lambda u: torch.cos(u) / torch.sin(u),
    sympy.asin: torch.asin,
    sympy.acos: torch.acos,
    sympy.atan: torch.atan,
    # sympy's real convention: acot(x) = atan(1/x), asec(x) = acos(1/x), acsc(x) = asin(1/x).
    sympy.acot: lambda u: torch.atan(_reciprocal(u)),
    sympy.asec: lambda u: torch.acos(_reciprocal(u)),
    sympy.acsc: lambda u: torch.asin(_reciprocal(u)),
    sympy.sinh: torch.sinh,
    sympy.cosh: torch.cosh,
    sympy.tanh: torch.tanh,
    sympy.sech: lambda u: _reciprocal(torch.cosh(u)),
    sympy.csch: lambda u: _reciprocal(torch.sinh(u)),
    sympy.coth: lambda u: _reciprocal(torch.tanh(u)),
    sympy.asinh: torch.asinh,
    sympy.acosh: torch.acosh,
    sympy.atanh: torch.atanh,
    sympy.acoth: lambda u: torch.atanh(_reciprocal(u)),
    sympy.asech: lambda u: torch.acosh(_reciprocal(u)),
    sympy.acsch: lambda u: torch.asinh(_reciprocal(u)),
    sympy.Abs: _abs,
    sympy.sign: torch.sign,
    sympy.floor: torch.floor,
    sympy.ceiling: torch.ceil,
    sympy.erf: torch.erf,
}

#: Functions of two or more arguments, folded pairwise.
VARIADIC: dict[type, Callable[[Tensor, Tensor], Tensor]] = {
    sympy.Min: torch.minimum,
    sympy.Max: torch.maximum,
}


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


class _Builder:
    """Turns one sympy tree into nested closures; constants become floats along the way."""

    def build(self, expr: sympy.Expr) -> Node | float:
        if not expr.free_symbols:
            return constant_value(expr)
        if expr == X:
            return lambda x, p: x
        if isinstance(expr, sympy.Symbol):
            name = expr.name
            return lambda x, p: p[name]
        if isinstance(expr, sympy.Add):
            return self._add(expr.args)
        if isinstance(expr, sympy.Mul):
            return self._mul(expr.args)
        if isinstance(expr, sympy.Pow):
            return self._pow(*expr.args)
        if isinstance(expr, sympy.Heaviside):
            return self._heaviside(*expr.args)
        if type(expr) in UNARY and len(expr.args) == 1:
            return self._unary(UNARY[type(expr)], expr.args[0])
        if type(expr) in VARIADIC:
            return self._variadic(VARIADIC[type(expr)], expr.args)
        raise CompileError(f"'{type(expr).__name__}' cannot be evaluated by the engine")

    def _tensor_node(self, expr: sympy.Expr) -> Node:
        """Like build, but constants come back as nodes too (for operands that must be tensors)."""
        built = self.build(expr)
        if isinstance(built, float):
            return lambda x, p, c=built: torch.full_like(x, c)
        return built

    def _add(self, args) -> Node:
        built = [self.build(a) for a in args]
        constant = sum(b for b in built if isinstance(b, float))
        terms = [b for b in built if not isinstance(b, float)]

        def add(x, p):
            result = terms[0](x, p)
            for term in terms[1:]:
                result = result + term(x, p)
            return result + constant if constant else result

        return add

    def _mul(self, args) -> Node:
        coefficient = 1.0
        numerator: list[Node] = []
        denominator: list[Node] = []
        for arg in args:
            if isinstance(arg, sympy.Pow) and arg.exp.is_number and arg.exp.is_negative:
                built = self.build(sympy.Pow(arg.base, -arg.exp))
                target = denominator
            else:
                built = self.build(arg)
                target = numerator
            if isinstance(built, float):
                coefficient = coefficient * built if target is numerator else coefficient / built
            else:
                target.append(built)

        def product(nodes, x, p):
            result = nodes[0](x, p)
            for node in nodes[1:]:
                result = result * node(x, p)
            return result

        def mul(x, p):
            if numerator:
                result = product(numerator, x, p)
                if denominator:
                    result = result / product(denominator, x, p)
                return result * coefficient if coefficient != 1.0 else result
            return coefficient / product(denominator, x, p)

        return mul

    def _pow(self, base: sympy.Expr, exponent: sympy.Expr) -> Node:
        if exponent.is_number:
            if exponent.is_negative:
                positive = self._pow(base, -exponent)
                return lambda x, p: torch.reciprocal(positive(x, p))
            return self._constant_power(self._tensor_node(base), exponent)
        if X not in exponent.free_symbols:
            # x^a with a slider: torch's real pow (integer a gives the full parabola, cubic …).
            b, e = self._tensor_node(base), self._tensor_node(exponent)
            return lambda x, p: torch.pow(b(x, p), e(x, p))
        # A variable exponent: exp(e·ln b) keeps every derivative exact where e is 0 or 1.
        e = self._tensor_node(exponent)
        built_base = self.build(base)
        if isinstance(built_base, float):
            log_base = math.log(built_base) if built_base > 0 else (-math.inf if built_base == 0 else math.nan)
            return lambda x, p: torch.exp(e(x, p) * log_base)
        return lambda x, p: torch.exp(e(x, p) * torch.log(built_base(x, p)))

    @staticmethod
    def _constant_power(b: Node, exponent: sympy.Expr) -> Node:
        if exponent.is_Integer:
            n = int(exponent)
            if n == 2:
                return lambda x, p: torch.square(b(x, p))
            return lambda x, p: torch.pow(b(x, p), n)
        if exponent.is_Rational:
            numerator, denominator = int(exponent.p), int(exponent.q)
            if exponent == sympy.Rational(1, 2):
                return lambda x, p: torch.sqrt(b(x, p))
            power = numerator / denominator
            if denominator % 2 == 0:
                return lambda x, p: torch.pow(b(x, p), power)
            if numerator % 2 == 0:
                return lambda x, p: torch.pow(_abs(b(x, p)), power)

            def real_odd_root(x, p):
                value = b(x, p)
                return torch.sign(value) * torch.pow(_abs(value), power)

            return real_odd_root
        power = constant_value(exponent)
        if float(power).is_integer():
            integer = int(power)
            return lambda x, p: torch.pow(b(x, p), integer)
        return lambda x, p: torch.pow(b(x, p), power)

    def _heaviside(self, arg: sympy.Expr, at_zero: sympy.Expr = sympy.S.Half) -> Node:
        """H(u) from sign(u), so that its derivative is 0 away from the jump; H(0) as sympy says."""
        inner, middle = self._tensor_node(arg), constant_value(at_zero)

        def heaviside(x, p):
            u = inner(x, p)
            return (torch.sign(u) + 1.0) * 0.5 + (middle - 0.5) * (u == 0).to(u.dtype)

        return heaviside

    def _unary(self, op: Callable[[Tensor], Tensor], arg: sympy.Expr) -> Node:
        inner = self._tensor_node(arg)
        return lambda x, p: op(inner(x, p))

    def _variadic(self, op: Callable[[Tensor, Tensor], Tensor], args) -> Node:
        nodes = [self._tensor_node(a) for a in args]

        def fold(x, p):
            result = nodes[0](x, p)
            for node in nodes[1:]:
                result = op(result, node(x, p))
            return result

        return fold


def compile_expression(expr: sympy.Expr) -> Callable[[Tensor, Mapping[str, Tensor]], Tensor]:
    """`expr` as a torch function of (x, {parameter name: tensor}), broadcast to x's shape."""
    node = _Builder().build(sympy.sympify(expr))
    if isinstance(node, float):
        constant = node
        return lambda x, p: torch.full_like(x, constant)

    def evaluate(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        result = node(x, params)
        return result if result.shape == x.shape else result.expand(x.shape)

    return evaluate


@dataclass(frozen=True)
class CompiledGuard:
    """A guard and its torch form."""

    guard: Guard
    evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor]

    @property
    def integer(self) -> bool:
        return self.guard.integer


@dataclass(frozen=True, eq=False)
class Compiled:
    """A Function ready for the engine: its torch form and the guards that locate its special points.

    It holds the expression, not the Function, so that the cache below never keeps its key alive.
    """

    expr: sympy.Expr
    parameters: tuple[str, ...]
    evaluate: Callable[[Tensor, Mapping[str, Tensor]], Tensor]
    guards: tuple[CompiledGuard, ...]

    def derivative_expr(self, order: int = 1) -> sympy.Expr:
        """The symbolic k-th derivative, for display (the numbers always come from autograd)."""
        return sympy.diff(self.expr, X, order)


_cache: weakref.WeakKeyDictionary[Function, Compiled] = weakref.WeakKeyDictionary()


def compile_function(function: Function) -> Compiled:
    """The compiled form of `function`, cached for as long as the Function object lives."""
    compiled = _cache.get(function)
    if compiled is None:
        guards = tuple(CompiledGuard(g, compile_expression(g.expr)) for g in collect_guards(function.expr))
        compiled = Compiled(function.expr, function.parameters, compile_expression(function.expr), guards)
        _cache[function] = compiled
    return compiled
