"""Student syntax -> sympy, or a `ParseError(message, column)` a student can act on.

The text is never evaluated as Python: `lexer` turns it into tokens, `bars` pairs the
brackets and absolute-value bars, this module's recursive descent applies the grammar below,
and `build` makes the sympy tree from the whitelist in `words` only.

Reading rules (what a calculus teacher expects, and what the tests pin):

* Letters. A run of letters is split from left to right, taking each time the longest known
  word (function names, ``pi``, Greek letter names), else one letter: ``sinx`` = sin(x),
  ``xsinx`` = x·sin(x), ``ab`` = a·b, ``pix`` = π·x, ``asin`` = arcsin (write ``a sin x`` for
  a·sin x). ``x`` is the variable, ``e`` and ``pi``/``π`` the constants; any other letter,
  Greek name (``theta``) or Greek character (``θ``, same as ``theta``) is a parameter.
  Function words are case-insensitive (``Sin``); single letters are not (``A`` ≠ ``a``;
  ``X`` is refused with a hint). ``xi`` and ``omicron`` are not names (``xi`` = x·i).
* A run of two or more letters directly followed by ``(`` that does not end with a known
  word is an unknown function (``foo(x)``, ``sinc(x)``); a one-letter parameter before ``(``
  multiplies: ``a(x+1)`` = a·(x+1), ``x(x+1)`` = x·(x+1).
* Precedence, loosest first: ``+ -``; ``* /`` (left to right); a unary sign; implicit
  multiplication (juxtaposition); ``^`` / ``**`` / superscripts (right-associative:
  2^3^2 = 512). So ``-x^2`` = -(x²), ``2^-x`` = 2^(-x), and ``1/2x`` = 1/(2x).
* Implicit multiplication never starts with a number: ``2x`` and ``x 2`` differ, the latter
  (and ``x2``, ``(x+1)2``) asks for a ``*``.
* ``e^2x``, ``x^2y``: an exponent that is one number or name written directly against a
  following name is refused as ambiguous (write ``e^(2x)`` or ``e^2 x``); with a space or a
  superscript (``x²y``) the exponent is clear.
* Functions: ``sin(x)`` applies to the brackets; ``sin x`` applies to the implicit product
  that follows, up to the next function word: ``sin 2x`` = sin(2x), ``sin x^2`` = sin(x²),
  ``sin x cos x`` = sin(x)·cos(x), ``x sin x`` = x·sin(x), ``sin x/2`` = sin(x)/2,
  ``sin -x`` = sin(-x) (a sign must touch the argument: ``sin - x`` lacks one).
  ``sin^2 x`` and ``sin²(x)`` are sin(x)²; ``sin^-1 x`` and ``sin⁻¹x`` are arcsin x, as in
  textbooks (for trig and hyperbolic functions; ``ln^-1`` is refused as ambiguous).
  ``√``, ``∛`` read as ``sqrt``, ``cbrt``: ``√x+1`` = √x + 1, ``√(x+1)``.
  ``log`` is the natural log; ``log10``, ``log2`` (also ``log_10``) have those bases.
* Brackets ``( ) [ ] { }`` group (pairs must match). ``·`` ``×`` ``÷`` ``−``, superscripts
  (``x²``, ``x⁻¹``) and Greek letters are read as written on paper; spaces never matter except
  where noted here.
* ``|…|`` is an absolute value; which bar opens and which closes is decided in `bars`.
* Numbers are exact: ``0.5`` is 1/2, so ``x^0.5`` is √x. ``y =`` or ``f(x) =`` (any one
  letter but x) may start the text; ``=`` anywhere else is an error.
* A function is one line: a line break anywhere is an error, not a space.
* Limits (`limits`) keep any input below a fraction of a second: length, nesting,
  number length, the size of every number sympy is asked to compute, and the total work
  sympy is handed to evaluate (`_Parser._charge`, `build.work`): a text that would
  take sympy more than about 30 ms is refused as "too complicated", the same on every machine.

`ParseError.column` is where reading stopped: the first character that cannot be read, or
len(text) when the text ends too early (a missing ')' or nothing after '+').
"""

from __future__ import annotations

import sympy

from explorer.model.domain import Condition, power_conditions, settle
from explorer.model.function import Function, X, parameter_symbol
from explorer.model.parsing import build
from explorer.model.parsing.bars import match_brackets
from explorer.model.parsing.derivative_notation import refuse_derivative_notation
from explorer.model.parsing.errors import ParseError, shorten
from explorer.model.parsing.lexer import (
    ABS_CLOSE,
    ABS_OPEN,
    CONST,
    END,
    EQ,
    FUNC,
    LPAREN,
    NUM,
    OP,
    PARAM,
    RPAREN,
    SUP,
    VAR,
    Token,
    tokenize,
)
from explorer.model.parsing.limits import MAX_LENGTH, MAX_NESTING, MAX_WORK
from explorer.model.parsing.words import CONSTANTS, INVERSES

__all__ = ["ParseError", "parse"]

_NAMES = (VAR, CONST, PARAM)
_STARTS_FACTOR = {NUM, VAR, CONST, PARAM, FUNC, LPAREN, ABS_OPEN}
#: `f(x) =`: the token kinds after the function letter (the argument is checked on its own).
_CALL_THEN_EQ = ((1, LPAREN), (3, RPAREN), (4, EQ))


def parse(text: str) -> Function:
    """The function typed in `text`; raises ParseError (only) when it is not one."""
    if len(text) > MAX_LENGTH:
        raise ParseError(f"too long: {len(text)} characters, at most {MAX_LENGTH}", MAX_LENGTH)
    refuse_derivative_notation(text)
    parser = _Parser(text, match_brackets(tokenize(text)))
    expr = parser.parse()
    return Function(text=text, expr=expr, parameters=tuple(parser.parameters),
                    domain=settle(parser.conditions, expr))


class _Parser:
    """Recursive descent over the tokens; one method per precedence level."""

    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        #: Nodes handed to sympy's evaluating constructors so far (see `_charge`).
        self.work = 0
        #: Parameter names in order of first appearance (a dict keeps insertion order).
        self.parameters: dict[str, None] = {}
        #: The domain conditions of every step as typed, before sympy folds them away (model/domain.py).
        self.conditions: list[Condition] = []

    # -- helpers -----------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def _advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def _at(self, kind: str, offset: int = 0) -> bool:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)].kind == kind

    def _at_op(self, symbols: str) -> bool:
        return self.tok.kind == OP and self.tok.value in symbols

    def _previous(self) -> Token | None:
        return self.tokens[self.i - 1] if self.i > 0 else None

    def _source(self, first: Token) -> str:
        """The text from token `first` to the last token read, shortened for a message."""
        return shorten(self.text[first.start:self.tokens[self.i - 1].end])

    def _charge(self, column: int, amount: int) -> None:
        """Count what sympy is about to inspect, and refuse before it would take too long.

        To evaluate a function, |…|, a power or a quotient, sympy queries the signs and
        assumptions of the whole expression it is given (`build.work`), so nesting them
        costs the square of the depth (40 nested bars took 1.3 s) and each new function of a
        sum about half a millisecond. The sum over the whole text stays under MAX_WORK, which
        bounds the time of every parse however the text is shaped, the same on every machine.
        """
        self.work += amount
        if self.work > MAX_WORK:
            message = "too complicated: write it with fewer nested functions, powers and |…|"
            raise ParseError(message, column)

    def _enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ParseError(f"too deeply nested (at most {MAX_NESTING} levels)", tok.start)

    # -- grammar -----------------------------------------------------------------------------
    def parse(self) -> sympy.Expr:
        self._skip_prefix()
        expr = self._sum()
        if self.tok.kind != END:
            raise self._unexpected(self.tok)
        return expr

    def _skip_prefix(self) -> None:
        """`y =`, `f(x) =`: allowed once, at the start, and only in these forms."""
        first = self.tokens[0]
        one_letter_name = first.kind in (VAR, PARAM) and len(first.text) == 1
        if one_letter_name and self._at(EQ, offset=1):
            if first.text != "y":
                raise ParseError("only y = … or f(x) = … can come before '='", first.start)
            self.i = 2
        elif one_letter_name and all(self._at(kind, offset) for offset, kind in _CALL_THEN_EQ):
            argument = self.tokens[2]
            if first.kind == VAR:
                raise ParseError("x is the variable; it cannot be a function name", first.start)
            if argument.kind != VAR:
                message = f"the variable must be x, as in {first.text}(x) = …"
                raise ParseError(message, argument.start)
            self.i = 5

    def _sum(self) -> sympy.Expr:
        first = self.tok
        terms = [self._product()]
        while self._at_op("+-"):
            op = self._advance()
            term = self._product()
            terms.append(-term if op.value == "-" else term)
        return build.add(terms, first.start) if len(terms) > 1 else terms[0]

    def _product(self) -> sympy.Expr:
        first = self.tok
        factors = [self._signed()]
        while self._at_op("*/"):
            op = self._advance()
            operand = self.tok
            factor = self._signed()
            if op.value == "/":
                self._charge(op.start, build.power_work(factor, sympy.S.NegativeOne))
                self.conditions += power_conditions(factor, sympy.S.NegativeOne)
                factor = build.reciprocal(factor, op.start, self._source(operand))
            factors.append(factor)
        return build.multiply(factors, first.start) if len(factors) > 1 else factors[0]

    def _signed(self) -> sympy.Expr:
        negative = False
        while self._at_op("+-"):
            negative ^= self._advance().value == "-"
        value = self._implicit(stop_at_function=False)
        return -value if negative else value

    def _implicit(self, stop_at_function: bool) -> sympy.Expr:
        """Juxtaposed factors: `2x`, `x sin x`, `3(x+1)`, `|x||y|`."""
        first = self.tok
        factors = [self._power()]
        while self.tok.kind in _STARTS_FACTOR:
            if self.tok.kind == NUM:
                message = f"use * between '{self._previous().text}' and '{self.tok.text}'"
                raise ParseError(message, self.tok.start)
            if stop_at_function and self.tok.kind == FUNC:
                break
            factors.append(self._power())
        return build.multiply(factors, first.start) if len(factors) > 1 else factors[0]

    def _power(self) -> sympy.Expr:
        first = self.tok
        base = self._postfix()
        if not self._at_op("^"):
            return base
        caret = self._advance()
        self._enter(caret)
        exponent_start = self.i
        exponent = self._exponent()
        self.depth -= 1
        self._refuse_ambiguous_exponent(exponent_start)
        self._charge(caret.start, build.power_work(base, exponent))
        self.conditions += power_conditions(base, exponent)
        return build.power(base, exponent, caret.start, self._source(first))

    def _exponent(self) -> sympy.Expr:
        negative = False
        while self._at_op("+-"):
            negative ^= self._advance().value == "-"
        value = self._power()
        return -value if negative else value

    def _refuse_ambiguous_exponent(self, exponent_start: int) -> None:
        """`e^2x`: is 2 or 2x the exponent? Ask, rather than guess."""
        exponent_tokens = self.tokens[exponent_start:self.i]
        last, following = exponent_tokens[-1], self.tok
        simple = last.kind in (NUM, *_NAMES) and all(t.kind == OP for t in exponent_tokens[:-1])
        if simple and following.kind in _NAMES and following.start == last.end:
            written = shorten(self.text[exponent_tokens[0].start:last.end])
            raise ParseError(
                f"is the exponent {written} or {written}{following.text}? write "
                f"^({written}{following.text}), or put * or a space before {following.text}",
                following.start,
            )

    def _postfix(self) -> sympy.Expr:
        first = self.tok
        value = self._atom()
        while self.tok.kind == SUP:
            sup = self._advance()
            self._charge(sup.start, build.power_work(value, sup.value))
            self.conditions += power_conditions(value, sup.value)
            value = build.power(value, sup.value, sup.start, self._source(first))
        return value

    def _atom(self) -> sympy.Expr:
        tok = self.tok
        if tok.kind == NUM:
            self._advance()
            return tok.value
        if tok.kind == VAR:
            self._advance()
            return X
        if tok.kind == CONST:
            self._advance()
            return CONSTANTS[tok.value]
        if tok.kind == PARAM:
            self._advance()
            self.parameters.setdefault(tok.value, None)
            return parameter_symbol(tok.value)
        if tok.kind == LPAREN:
            return self._group(RPAREN)
        if tok.kind == ABS_OPEN:
            opening = tok
            inner = self._group(ABS_CLOSE)
            if not build.immediate("abs", inner):
                self._charge(opening.start, build.apply_work("abs", inner))
            return build.apply("abs", inner, opening.start, self._source(opening))
        if tok.kind == FUNC:
            return self._function()
        raise self._missing_value(tok)

    def _group(self, closing_kind: str) -> sympy.Expr:
        opening = self._advance()
        self._enter(opening)
        if self.tok.kind == closing_kind:
            raise ParseError(f"nothing inside '{opening.text}{self.tok.text}'", self.tok.start)
        inner = self._sum()
        if self.tok.kind != closing_kind:
            raise self._unexpected(self.tok)
        self._advance()
        self.depth -= 1
        return inner

    def _function(self) -> sympy.Expr:
        """`sin(x)`, `sin x`, `sin^2 x`, `sin²x`, `sin^-1 x` (arcsin)."""
        func = self._advance()
        name, exponent = func.value, None
        if self._at_op("^"):
            caret = self._advance()
            self._enter(caret)
            exponent = self._exponent()
            self.depth -= 1
        elif self.tok.kind == SUP:
            exponent = self._advance().value
        if exponent == -1:
            if name not in INVERSES:
                message = f"{func.text}^-1 is ambiguous: write 1/{func.text}(x) for the reciprocal"
                raise ParseError(message, func.start)
            name, exponent = INVERSES[name], None
        if self.tok.kind == LPAREN:
            argument = self._group(RPAREN)  # one level: the brackets
        else:
            self._enter(func)
            argument = self._bare_argument(func)
            self.depth -= 1
        if not build.immediate(name, argument):
            self._charge(func.start, build.apply_work(name, argument))
        self.conditions += build.conditions(name, argument)
        value = build.apply(name, argument, func.start, self._source(func))
        if exponent is not None:
            self._charge(func.start, build.power_work(value, exponent))
            self.conditions += power_conditions(value, exponent)
            value = build.power(value, exponent, func.start, self._source(func))
        return value

    def _bare_argument(self, func: Token) -> sympy.Expr:
        """`sin 2x`: the implicit product after a function word, up to the next function word.

        A sign belongs to the argument only when it touches it (`sin -x`); `sin + x` lacks one.
        """
        negative = False
        while self._at_op("+-") and self.tokens[self.i + 1].start == self.tok.end:
            negative ^= self._advance().value == "-"
        if self.tok.kind not in _STARTS_FACTOR:
            raise ParseError(f"{func.text} needs an argument, as in {func.text}(x)", self.tok.start)
        value = self._implicit(stop_at_function=True)
        return -value if negative else value

    # -- errors ------------------------------------------------------------------------------
    def _missing_value(self, tok: Token) -> ParseError:
        """A value was expected at `tok`: say what is missing, in the words of the text."""
        prev = self._previous()
        if prev is not None and prev.kind == FUNC:
            return ParseError(f"{prev.text} needs an argument, as in {prev.text}(x)", tok.start)
        if tok.kind == END:
            if prev is None:
                return ParseError("empty input", 0)
            return ParseError(f"nothing after '{prev.text}'", tok.start)
        if tok.kind == EQ:
            return self._unexpected(tok)
        if prev is None or prev.kind in (LPAREN, ABS_OPEN, EQ) or tok.kind == SUP:
            return ParseError(f"nothing before '{tok.text}'", tok.start)
        if tok.kind == OP:
            return ParseError(f"missing a value between '{prev.text}' and '{tok.text}'", tok.start)
        return ParseError(f"nothing after '{prev.text}'", tok.start)

    def _unexpected(self, tok: Token) -> ParseError:
        if tok.kind == EQ:
            return ParseError("'=' can only come after y or f(x) at the start", tok.start)
        return ParseError(f"unexpected '{tok.text}'", tok.start)
