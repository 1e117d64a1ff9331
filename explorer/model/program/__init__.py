"""A parsed function as the engine runs it: plain data, which needs neither sympy nor torch.

Why: the engine's process imports torch at launch, and sympy would cost it another half second
before the first curve. The window's process parses the text (it has sympy anyway) and lowers it
to a `Program` (lowering.py); the engine builds its torch form from that (compiling.py) without
importing sympy at all.

The three live in one package because they are one table read three ways: an operation added to
the table below must be lowered from sympy and compiled to torch in the same change. This file
imports neither sympy nor torch, so importing `lowering` or `compiling` loads only its own.

An operation is a tuple whose first item names it; operands are operations, or plain numbers
where the table says so. A whole body may also be a bare float (a constant function).

    ("x",)                          the variable
    ("param", name)                 a parameter's value
    ("full", c)                     the constant c, as a tensor operand
    ("add", c, terms)               c + Σ terms
    ("mul", c, numerator, denominator)   c · Π numerator / Π denominator
    ("reciprocal", u)  ("square", u)  ("sqrt", u)
    ("power", u, p)                 u^p for a constant p (an int keeps u < 0 real)
    ("abs_power", u, p)             |u|^p: an even root's power p = even/odd
    ("odd_root", u, p)              sign(u)·|u|^p: the real odd root, p = odd/odd
    ("pow", u, v)                   u^v, v free of x (a slider exponent)
    ("exp_times", v, c)             exp(v·c): c^v for a constant base, c = ln base
    ("exp_log", v, u)               exp(v·ln u): u^v with x in the exponent
    ("heaviside", u, h0)            H(u), with H(0) = h0
    ("softplus", u)                 ln(1 + e^u), without overflowing e^u (program/overflow.py)
    ("hypot", u, c)                 √(u² + c) for a constant c > 0, without overflowing u²
    ("call", name, u)               one of CALLS
    ("fold", name, operands)        one of FOLDS, folded pairwise
"""

from __future__ import annotations

from dataclasses import dataclass

#: Functions of one argument, by their sympy class name.
CALLS = frozenset({
    "exp", "log", "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "acot", "asec",
    "acsc", "sinh", "cosh", "tanh", "sech", "csch", "coth", "asinh", "acosh", "atanh", "acoth",
    "asech", "acsch", "Abs", "sign", "floor", "ceiling", "erf",
})
#: Functions of two or more arguments, by their sympy class name.
FOLDS = frozenset({"Min", "Max"})

#: An operation (see the module's table) or, as a whole body, a constant.
Op = tuple | float


class CompileError(ValueError):
    """The expression uses something the engine cannot evaluate; `message` says what, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, eq=False)
class Program:
    """f(x; parameters) lowered for the engine. Hashed by identity, like `Function`, so the engine
    can cache its torch form per object."""

    #: The text it was parsed from: its name between the processes.
    text: str
    parameters: tuple[str, ...]
    body: Op
    #: The guards (special_points/guards.py) in tree order: (operation, whether its critical set is the integers).
    guards: tuple[tuple[Op, bool], ...]
    #: The domain of the text as typed (model/domain.py): (operand, need's value, enforced).
    domain: tuple[tuple[Op, str, bool], ...] = ()
    #: Where a removable singularity may be (program/holes.py): (the double nearest a zero of a
    #: denominator, or its operation where a slider moves it; what the double misses of it).
    holes: tuple[tuple[Op, float], ...] = ()
