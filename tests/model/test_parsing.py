"""The student-syntax parser: what each input means, which inputs are refused, and where."""

from __future__ import annotations

import ast
import pathlib
import sys

import mpmath
import pytest
import sympy
import torch
from sympy import Abs, E, Rational, acos, asin, atan, cos, exp, log, pi, sign, sin, sqrt

from explorer.model import Function, ParseError, parse
from explorer.model.function import X as x
from explorer.model.function import parameter_symbol
from explorer.model.parsing.limits import MAX_LENGTH, MAX_NESTING
from explorer.model.parsing.words import LINE_BREAKS
from explorer.model.program.compiling import compile_function

a, b, c, y = (parameter_symbol(name) for name in "abcy")
theta, alpha = parameter_symbol("theta"), parameter_symbol("alpha")


def same(actual: sympy.Expr, expected: sympy.Expr) -> bool:
    return actual == expected or sympy.simplify(actual - expected) == 0


MEANINGS = [
    # implicit multiplication
    ("2x", 2 * x),
    ("3(x+1)", 3 * (x + 1)),
    ("x(x+1)", x * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x sin(x)", x * sin(x)),
    ("2 x", 2 * x),
    ("2pi x", 2 * pi * x),
    ("1/2x", 1 / (2 * x)),
    ("x/2", x / 2),
    ("6/2/3", Rational(1)),
    # powers
    ("x^2", x**2),
    ("x**2", x**2),
    ("2^3^2", sympy.Integer(512)),
    ("-x^2", -(x**2)),
    ("-2^2", sympy.Integer(-4)),
    ("(-2)^2", sympy.Integer(4)),
    ("2^-x", 2 ** (-x)),
    ("x^-2", x**-2),
    ("x^2 y", x**2 * y),
    ("x²y", x**2 * y),
    ("e^x", exp(x)),
    ("e^(2x)", exp(2 * x)),
    ("e^-x", exp(-x)),
    ("2e^x", 2 * exp(x)),
    ("e", E),
    ("pi", pi),
    ("π", pi),
    ("PI x", pi * x),
    # functions, with and without brackets
    ("sin x", sin(x)),
    ("sin(x)^2", sin(x) ** 2),
    ("sin^2(x)", sin(x) ** 2),
    ("sin^2 x", sin(x) ** 2),
    ("sin²x", sin(x) ** 2),
    ("sin 2x", sin(2 * x)),
    ("sin x cos x", sin(x) * cos(x)),
    ("sin x^2", sin(x**2)),
    ("sin x/2", sin(x) / 2),
    ("x sin x", x * sin(x)),
    ("sin sin x", sin(sin(x))),
    ("sin -x", sin(-x)),
    ("sin(x)cos(x)", sin(x) * cos(x)),
    ("Sin(x)", sin(x)),
    ("sin^-1(x)", asin(x)),
    ("sin^(-1) x", asin(x)),
    ("sin⁻¹x", asin(x)),
    ("cos^-1 x", acos(x)),
    ("sinh^-1 x", sympy.asinh(x)),
    ("sin^-2 x", sin(x) ** -2),
    # greedy words
    ("sinx", sin(x)),
    ("xsinx", x * sin(x)),
    ("ab", a * b),
    ("pix", pi * x),
    ("asin x", asin(x)),
    ("a sin x", a * sin(x)),
    ("cosh x", sympy.cosh(x)),
    ("ex", E * x),
    ("thetax", theta * x),
    ("expx", exp(x)),
    # the function table
    ("ln x", log(x)),
    ("log x", log(x)),
    ("log10(x)", log(x) / log(10)),
    ("log2 x", log(x) / log(2)),
    ("log_10(x)", log(x) / log(10)),
    ("sqrt(x)", sqrt(x)),
    ("cbrt(x)", sympy.Pow(x, Rational(1, 3))),
    ("abs(x)", Abs(x)),
    ("exp x", exp(x)),
    ("tan x", sympy.tan(x)),
    ("sec x + csc x + cot x", sympy.sec(x) + sympy.csc(x) + sympy.cot(x)),
    ("arcsin x + acos x + arctan x + atan x", asin(x) + acos(x) + 2 * atan(x)),
    ("arcsec x + acsc x + arccot x", sympy.asec(x) + sympy.acsc(x) + sympy.acot(x)),
    ("sinh x + cosh x + tanh x", sympy.sinh(x) + sympy.cosh(x) + sympy.tanh(x)),
    ("sech x + csch x + coth x", sympy.sech(x) + sympy.csch(x) + sympy.coth(x)),
    ("asinh x + arsinh x + arcsinh x", 3 * sympy.asinh(x)),
    ("acosh x + artanh x + arcoth x", sympy.acosh(x) + sympy.atanh(x) + sympy.acoth(x)),
    ("floor(x) + ceil(x) + sign(x)", sympy.floor(x) + sympy.ceiling(x) + sign(x)),
    # unicode
    ("x²", x**2),
    ("x³ + x⁻¹", x**3 + 1 / x),
    ("x¹²", x**12),
    ("√x", sqrt(x)),
    ("√(x+1)", sqrt(x + 1)),
    ("√x+1", sqrt(x) + 1),
    ("∛x", sympy.Pow(x, Rational(1, 3))),
    ("2·x", 2 * x),
    ("2×x", 2 * x),
    ("x÷2", x / 2),
    ("x−1", x - 1),
    ("θ x", theta * x),
    ("α", alpha),
    # absolute value bars
    ("|x|", Abs(x)),
    ("|x|+|x-1|", Abs(x) + Abs(x - 1)),
    ("|2|x|-1|", Abs(2 * Abs(x) - 1)),
    ("||x|-1|", Abs(Abs(x) - 1)),
    ("x|x|", x * Abs(x)),
    ("|x|x", x * Abs(x)),
    ("|x||x-1|", Abs(x) * Abs(x - 1)),
    ("|x|-|x-1|", Abs(x) - Abs(x - 1)),
    ("|-x|", Abs(x)),
    ("ln|x|", log(Abs(x))),
    ("sin|x|cos|x|", sin(Abs(x)) * cos(Abs(x))),
    ("(|x|)", Abs(x)),
    # prefixes and spacing
    ("y = x^2", x**2),
    ("f(x) = x^2", x**2),
    ("g(x)=sin x", sin(x)),
    (" f ( x ) = x ", x),
    ("  x  +  1  ", x + 1),
    ("[x+1]*{x-1}", (x + 1) * (x - 1)),
    # exact numbers
    ("0.5x", x / 2),
    (".25", Rational(1, 4)),
    ("3.", sympy.Integer(3)),
]


@pytest.mark.parametrize(("text", "expected"), MEANINGS, ids=[text for text, _ in MEANINGS])
def test_student_syntax_means_what_a_teacher_expects(text, expected):
    fn = parse(text)
    assert isinstance(fn, Function)
    assert fn.text == text
    assert same(fn.expr, expected), f"{text!r} -> {fn.expr}, expected {expected}"


def test_decimals_are_exact_so_a_half_power_is_a_square_root():
    assert parse("x^0.5").expr == sympy.Pow(x, Rational(1, 2))
    assert parse("0.1").expr == Rational(1, 10)
    assert parse("1.25x").expr == Rational(5, 4) * x


def test_roots_stay_powers_for_the_engine_to_evaluate():
    third = sympy.Pow(x, Rational(1, 3))
    assert parse("x^(1/3)").expr == third
    assert parse("cbrt(x)").expr == third
    assert parse("sqrt(x)").expr == sympy.Pow(x, Rational(1, 2))
    assert not parse("cbrt(x)").expr.has(sympy.Piecewise)


def test_function_table_builds_the_sympy_classes():
    assert isinstance(parse("|x|").expr, sympy.Abs)
    assert isinstance(parse("sign x").expr, sympy.sign)
    assert isinstance(parse("floor x").expr, sympy.floor)
    assert isinstance(parse("ceil x").expr, sympy.ceiling)
    assert isinstance(parse("arcsin x").expr, sympy.asin)
    assert isinstance(parse("arsinh x").expr, sympy.asinh)
    assert parse("e^x").expr.func is sympy.exp


def test_a_sign_after_a_function_word_must_touch_its_argument():
    assert parse("sin -x").expr == sin(-x)
    with pytest.raises(ParseError, match="sin needs an argument"):
        parse("sin - x")


def test_words_ignore_case_but_single_letters_do_not():
    assert parse("SIN(x) + Cos x").expr == sin(x) + cos(x)
    assert parse("Theta").parameters == ("theta",)
    assert parse("A a").parameters == ("A", "a")


def test_greek_characters_and_names_are_the_same_parameter():
    fn = parse("ω x + omega")
    assert fn.parameters == ("omega",)
    assert same(fn.expr, parameter_symbol("omega") * (x + 1))


def test_every_symbol_is_real():
    fn = parse("a sin(b x) + theta")
    assert all(symbol.is_real for symbol in fn.expr.free_symbols)
    assert fn.expr.free_symbols == set(fn.symbols)


@pytest.mark.parametrize(
    ("text", "parameters"),
    [
        ("a*sin(b x)", ("a", "b")),
        ("b x + a", ("b", "a")),
        ("x^2 + y^3", ("y",)),
        ("c a c b a", ("c", "a", "b")),
        ("theta x + alpha", ("theta", "alpha")),
        ("θ x + theta", ("theta",)),
        ("A sin x + a", ("A", "a")),
        ("f(x) = k x", ("k",)),
        ("y = m x + b", ("m", "b")),
        ("x^2 + e + pi", ()),
        ("I x + E", ("I", "E")),
    ],
)
def test_parameters_are_listed_in_order_of_first_appearance(text, parameters):
    assert parse(text).parameters == parameters


def test_names_sympy_would_give_a_meaning_are_plain_parameters_here():
    # I, E, oo, zoo, S mean things to sympy; here they are letters a student chose.
    fn = parse("I + oo + zoo + S")
    assert fn.parameters == ("I", "o", "z", "S")
    assert all(symbol.is_real for symbol in fn.expr.free_symbols)
    assert not fn.expr.has(sympy.I, sympy.oo, sympy.zoo)


ERRORS = [
    # (text, words the message must contain, column)
    ("", "empty input", 0),
    ("   ", "empty input", 0),
    ("foo(x)", "unknown function 'foo'", 0),
    ("2 + sinc(x)", "unknown function 'sinc'", 4),
    ("log3(x)", "unknown function 'log3'", 0),
    ("sin(x", "missing ')' for the '(' at column 4", 5),
    ("((x)", "missing ')' for the '(' at column 1", 4),
    ("x)", "unexpected ')'", 1),
    ("(x+1]", "']' does not match the '(' at column 1", 4),
    ("x+", "nothing after '+'", 2),
    ("x +  ", "nothing after '+'", 5),
    ("x^", "nothing after '^'", 2),
    ("(x-)", "nothing after '-'", 3),
    ("x+*2", "missing a value between '+' and '*'", 2),
    ("*x", "nothing before '*'", 0),
    ("(^2)", "nothing before '^'", 1),
    ("()", "nothing inside '()'", 1),
    ("2 3", "use * between '2' and '3'", 2),
    ("x2", "use * between 'x' and '2'", 1),
    ("(x+1)2", "use * between ')' and '2'", 5),
    ("sin", "sin needs an argument", 3),
    ("sin + x", "sin needs an argument", 4),
    ("sin()", "nothing inside '()'", 4),
    ("2√", "√ needs an argument", 2),
    ("x(t) = t^2", "x is the variable; it cannot be a function name", 0),
    ("f(t) = t^2", "the variable must be x", 2),
    ("z = x", "only y = … or f(x) = …", 0),
    ("x + y = 2", "'=' can only come after y or f(x) at the start", 6),
    ("y =", "nothing after '='", 3),
    ("X^2", "lowercase x", 0),
    ("e^2x", "is the exponent 2 or 2x?", 3),
    ("e^-2x", "is the exponent -2 or -2x?", 4),
    ("x^2y", "is the exponent 2 or 2y?", 3),
    ("x$", "unexpected character '$'", 1),
    ("2.5.1", "only one decimal point", 3),
    ("0,5", "decimals with a point", 1),
    ("f(x, 2)", "one argument", 3),
    ("1e5", "Euler's number", 1),
    ("ln^-1 x", "ambiguous", 0),
    ("|x", "missing a closing '|' for the '|' at column 1", 2),
    ("x|", "unmatched '|'", 1),
    ("|x|y|z|", "ambiguous '|'", 2),
    ("(|x)|", "missing a closing '|'", 3),
    ("1/0", "division by zero", 1),
    ("x/(x-x)", "division by zero", 1),
    ("0^-1", "division by zero", 1),
    ("ln 0", "undefined", 0),
    ("tan(pi/2)", "undefined", 0),
    ("sqrt(-4)", "not a real number", 0),
    ("2 + ln(-1)", "not a real number", 4),
    ("asin(3)", "asin(3) is not a real number", 0),
    ("1 + arcsec(0.5)", "not a real number", 4),
    ("atanh(2)", "not a real number", 0),
    ("acoth(1/2)", "not a real number", 0),
    ("|asin(pi)^3|", "asin(pi) is not a real number", 1),
    ("x\nx", "a function is one line", 1),
    ("x^2\r\n", "a function is one line", 3),
    ("x⁻", "superscript digit", 2),
]


@pytest.mark.parametrize(
    ("text", "message", "column"), ERRORS, ids=[text or "<empty>" for text, _, _ in ERRORS]
)
def test_errors_say_what_is_wrong_and_where(text, message, column):
    with pytest.raises(ParseError) as caught:
        parse(text)
    error = caught.value
    assert message in error.message
    assert error.column == column
    assert str(error) == f"{error.message} (column {column + 1})"
    assert isinstance(error, ValueError)


def test_an_error_crosses_processes_whole():
    """The engine's process sends a typo's error to the window's: pickled, it keeps its column."""
    import pickle

    with pytest.raises(ParseError) as caught:
        parse("2x +")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), copy.message, copy.column, str(copy)) == (
        ParseError, caught.value.message, caught.value.column, str(caught.value))


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').getpid()",
        "open('x')",
        "x.__class__",
        "lambda: 1",
        "[].append",
        "exec('1')",
        "eval(x)",
        "getattr(x, 'y')",
        "x; import os",
        "x if x else 1",
        "'x'",
        '"x"',
        "x # comment",
        "x @ x",
        "{}.keys()",
        "Symbol('x')",
        "Integer(2)",
        "x[0:1]",
        "print(x)",
        "os.system('ls')",
    ],
)
def test_python_is_never_run(text):
    with pytest.raises(ParseError):
        parse(text)


def test_no_text_reaches_a_python_or_sympy_evaluator(monkeypatch):
    """sympify(str) goes through parse_expr, which evals: both it and eval/exec must stay unused."""
    import builtins

    import sympy.parsing.sympy_parser as sympy_parser

    def refuse(*args, **kwargs):
        raise AssertionError(f"text was evaluated: {args[:1]}")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(sympy_parser, "parse_expr", refuse)
    for text, _ in MEANINGS:
        parse(text)
    for text in ("open('x')", "__import__('os')", "x.__class__", "lambda: 1"):
        with pytest.raises(ParseError):
            parse(text)


def test_parser_modules_never_evaluate_text():
    """No eval/exec/sympify/parse_expr anywhere the parser's code lives: text cannot reach them."""
    forbidden = {
        "eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__", "getattr", "lambdify",
    }
    sources = sorted((pathlib.Path(__file__).parents[2] / "explorer" / "model" / "parsing").glob("*.py"))
    assert len(sources) >= 7
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                assert name not in forbidden, f"{source.name}:{node.lineno} calls {name}"


@pytest.mark.parametrize(
    "text",
    [
        "9^9^9^9",
        "10^10^10",
        "x^(9^9^9)",
        "2^2^2^2^2",
        "(2x)^(10^5)",
        "sqrt(2)^(10^100)",
        "9^400*" * 140 + "1",
        "floor(e^700)",
        "floor(e^(e^100))",
        "e^(e^(e^100))",
        "(10^40+1)^(1/3)",
        "(" * 10000,
        "(" * 400 + "x" + ")" * 400,
        "x" * 100000,
        "x" * (MAX_LENGTH + 1),
        "1" * 1000,
        "2^" * 400 + "2",
        "sin " * 200 + "x",
        "|" * 80 + "x" + "|" * 80,
    ],
    ids=lambda text: text[:24],
)
def test_huge_or_deep_inputs_are_refused_not_computed(text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert 0 <= caught.value.column <= len(text)


def test_limits_are_reported_with_clear_messages():
    with pytest.raises(ParseError, match="too long"):
        parse("x" * (MAX_LENGTH + 1))
    with pytest.raises(ParseError, match="too deeply nested"):
        parse("(" * (MAX_NESTING + 1) + "x" + ")" * (MAX_NESTING + 1))
    with pytest.raises(ParseError, match="number too large"):
        parse("10^10^10")
    with pytest.raises(ParseError, match="number too long"):
        parse("1" * 60)
    with pytest.raises(ParseError, match="too complicated: write it with fewer nested functions"):
        parse("|" * 59 + "x" + "-1|" * 59)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(" * MAX_NESTING + "x" + ")" * MAX_NESTING, x),
        ("sqrt(" * MAX_NESTING + "x" + ")" * MAX_NESTING, x ** Rational(1, 2**MAX_NESTING)),
        ("x" * 500, x**500),
        ("-" * 999 + "x", -x),
        ("2^100", sympy.Integer(2) ** 100),
        ("x^(10^100)", x ** (sympy.Integer(10) ** 100)),
        ("|x|" * 2, Abs(x) ** 2),
        ("floor(pi)", sympy.Integer(3)),
        ("e^700", exp(700)),
    ],
    ids=lambda value: str(value)[:24],
)
def test_big_but_harmless_inputs_still_parse(text, expected):
    assert parse(text).expr == expected


def test_each_parse_is_a_new_function_object():
    # The engine caches compiled code per Function object; two parses must never be confused.
    assert parse("x^2") is not parse("x^2")


@pytest.mark.parametrize("line_break", sorted(LINE_BREAKS), ids=ascii)
def test_a_function_is_one_line(line_break):
    """x, a line break, x read as x·x: the CLI and files can hold a line break, so refuse it."""
    with pytest.raises(ParseError, match="a function is one line") as caught:
        parse(f"x{line_break}x")
    assert caught.value.column == 1


def test_the_line_breaks_are_every_character_that_ends_a_line():
    ends_a_line = {ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.splitlines() != [ch]}
    assert LINE_BREAKS == ends_a_line
    assert parse("x\tx").expr == x**2  # a tab is a space


@pytest.mark.parametrize(
    "text",
    ["q" * 900 + "(x)", "log" + "7" * 900 + "(x)", "x^" + "-" * 900 + "2y", "sin(x) + " + "ab" * 450 + "(x)"],
    ids=lambda text: text[:12],
)
def test_messages_quote_a_short_piece_of_a_long_text(text):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert "…" in caught.value.message
    assert len(caught.value.message) < 200


def test_too_long_says_how_long():
    with pytest.raises(ParseError) as caught:
        parse("x" * 100_000)
    assert caught.value.message == f"too long: 100000 characters, at most {MAX_LENGTH}"
    assert caught.value.column == MAX_LENGTH


def test_an_odd_root_of_a_negative_number_still_reaches_the_engine():
    """The complex-constant check leaves roots alone: the engine reads cbrt(-8) as -2."""
    assert parse("cbrt(-8)").expr == sympy.Pow(-8, Rational(1, 3))
    assert parse("sin(∛(-2))").expr == sin(sympy.Pow(-2, Rational(1, 3)))


ABSOLUTE_EXPONENTIALS = [
    # (text, what it parses to, its value computed by mpmath from the text's own reading)
    ("|e^((a^x+1)(b^x+1))|", exp((a**x + 1) * (b**x + 1)),
     lambda x, a, b: abs(mpmath.exp((a**x + 1) * (b**x + 1)))),
    ("|2e^(sqrt(x))|", 2 * exp(sqrt(x)), lambda x, a, b: abs(2 * mpmath.exp(mpmath.sqrt(x)))),
    ("|-e^(x^x)|", exp(x**x), lambda x, a, b: abs(-mpmath.exp(x**x))),
    ("|10^(x^x)|", 10 ** (x**x), lambda x, a, b: abs(mpmath.mpf(10) ** (x**x))),
    ("|e^x (x-1)|", exp(x) * Abs(x - 1), lambda x, a, b: abs(mpmath.exp(x) * (x - 1))),
]


@pytest.mark.parametrize(
    ("text", "expected", "truth"), ABSOLUTE_EXPONENTIALS, ids=[text for text, _, _ in ABSOLUTE_EXPONENTIALS]
)
def test_the_absolute_value_of_an_exponential_is_the_exponential(text, expected, truth):
    """sympy wrote |e^z| as e^(re z), with re, im and atan2 that the engine cannot evaluate, and
    expanded re z term by term, doubling its work with each factor of z."""
    fn = parse(text)
    assert fn.expr == expected
    assert not fn.expr.has(sympy.re, sympy.im, sympy.atan2)
    points = [0.25, 1.5, 2.0]
    params = {"a": torch.tensor(0.5, dtype=torch.float64), "b": torch.tensor(3.0, dtype=torch.float64)}
    values = compile_function(fn).evaluate(torch.tensor(points, dtype=torch.float64), params).tolist()
    for at, value in zip(points, values, strict=True):
        exact = truth(mpmath.mpf(at), mpmath.mpf("0.5"), mpmath.mpf(3))
        assert value == pytest.approx(float(exact), rel=1e-12)


def test_nesting_is_bounded_by_the_work_it_asks_of_sympy():
    """Each nested |…| makes sympy walk everything inside it again: the work grows with the square
    of the depth (59 levels took seconds). Five levels fit in MAX_WORK; 59 are refused."""
    deep = 5
    assert parse("|" * deep + "x" + "-1|" * deep).expr.has(Abs)
    with pytest.raises(ParseError, match="too complicated") as caught:
        parse("|" * 59 + "x" + "-1|" * 59)
    assert caught.value.column < 59  # at one of the bars that opened too much


def test_long_flat_texts_within_the_length_limit_still_parse():
    terms = [f"|x-{k}|" for k in range(1, 139)]
    text = "+".join(terms)
    assert len(text) <= MAX_LENGTH
    assert parse(text).expr == sum(Abs(x - k) for k in range(1, 139))
    series = " + ".join(f"sin({2 * k + 1}x)/{2 * k + 1}" for k in range(40))
    assert parse(series).expr == sum(sin((2 * k + 1) * x) / (2 * k + 1) for k in range(40))
