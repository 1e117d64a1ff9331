"""What every command shares: one-line usage errors, argument types (numbers as a student types
them: `pi/2`, `-pi`), the function and its parameters, and output paths checked before any work."""

from __future__ import annotations

import argparse
from pathlib import Path

from explorer.app.state import MAX_ORDER, DocumentState, ParameterSetting, value_problem

PROG = "slope-explorer"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Input the user can fix: reported as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage + message
        raise UsageError(message)


# --- argument values ------------------------------------------------------------------------------


def number(text: str) -> float:
    """A finite number as a student types one: `2.5`, `-6e7`, `pi/2`, `-pi`, `sqrt(2)`, `1/3`."""
    from explorer.model.parsing.errors import ParseError
    from explorer.model.parsing.numbers import read_number

    try:
        return read_number(text)
    except ParseError as error:
        raise argparse.ArgumentTypeError(f"{text.strip()!r} is not a number ({error.message})") from None


def size(text: str) -> tuple[int, int]:
    from explorer.export.images import MAX_IMAGE_SIDE

    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()) or not (
        1 <= int(width) <= MAX_IMAGE_SIDE and 1 <= int(height) <= MAX_IMAGE_SIDE
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size like 1600x1000 (1 to {MAX_IMAGE_SIDE} pixels a side)"
        )
    return int(width), int(height)


def param(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE, e.g. a=1.5")
    given = number(value)
    if value_problem(given):
        raise argparse.ArgumentTypeError(f"parameter {name} {value_problem(given)}")
    return name, given


def orders(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isdigit() and 1 <= int(p) <= MAX_ORDER for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of orders like 1,2 (1 to {MAX_ORDER})")
    return tuple(sorted({int(p) for p in parts}))


def order(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= MAX_ORDER:
        raise argparse.ArgumentTypeError(f"{text!r} is not an order from 0 to {MAX_ORDER}")
    return int(text)


def add_function(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", nargs="?", metavar="FUNCTION",
                        help='the function of x, as you would type it in the window, e.g. "x^3 - 3x"')
    # A function that starts with "-" ("-x^2") would read as an option; rewrite_leading_minus
    # passes it through this hidden option instead.
    parser.add_argument("--function", dest="function_option", help=argparse.SUPPRESS)


def add_params(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--param", type=param, nargs="+", action="extend", default=[], metavar="NAME=VALUE",
                        help="a parameter's value, e.g. --param a=1.5 b=-2 (others are 1)")


def rewrite_leading_minus(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Let a leading minus mean what a student means by it.

    A token that starts with "-" but is no known option is a value where an option takes values and
    it reads as a number (`--at -pi`, `--xrange -6e7 6e7`): it is passed with a leading space, which
    argparse takes for a value and `number` strips. Otherwise the first such token can only be the
    function (`export "-x^2" -o f.png`): it is passed as --function=TEXT.
    """
    options = parser._option_string_actions
    rewritten, values_left, function_seen = [], 0, False
    for i, token in enumerate(argv):
        if token == "--":
            return rewritten + argv[i:]
        name = token.split("=")[0]
        if name in options:
            nargs = options[name].nargs
            values_left = 0 if "=" in token or nargs == 0 else (
                1 if nargs in (None, "?") else len(argv) if nargs in ("+", "*") else int(nargs))
            rewritten.append(token)
            continue
        if token.startswith("-") and values_left and is_number(token):
            token = " " + token
        elif token.startswith("-") and not function_seen:
            token, function_seen = f"--function={token}", True
        values_left = max(values_left - 1, 0)
        rewritten.append(token)
    return rewritten


def is_number(text: str) -> bool:
    """Whether `text` reads as a number (`-pi` does, `-x^2` does not)."""
    try:
        number(text)
    except argparse.ArgumentTypeError:
        return False
    return True


def function_text(args: argparse.Namespace, required: bool = True) -> str | None:
    if args.function and args.function_option:
        raise UsageError("give the function once")
    text = args.function_option or args.function
    if required and not (text and text.strip()):
        raise UsageError('give a function, e.g. "x^3 - 3x"')
    return text


def parse_function(text: str):
    """The parsed function, or UsageError quoting only the text around the error (one short line,
    however long the text)."""
    from explorer.model import ParseError, parse
    from explorer.model.parsing.errors import excerpt

    try:
        return parse(text)
    except ParseError as error:
        raise UsageError(f"bad function {excerpt(text, error.column)!r}: {error}") from None


def parameter_values(function, given: list[tuple[str, float]]) -> dict[str, float]:
    values = dict(given)
    unknown = [name for name in values if name not in function.parameters]
    if unknown:
        has = ", ".join(function.parameters) if function.parameters else "none"
        raise UsageError(f"unknown parameter {unknown[0]} (the function's parameters: {has})")
    return {name: values.get(name, ParameterSetting.value) for name in function.parameters}


def check_output(path: Path) -> str:
    """The output's format, or UsageError before any work when the path cannot be written."""
    from explorer.export import ExportError, suffix_of
    from explorer.files import WriteError, check_writable

    try:
        suffix = suffix_of(path)
        check_writable(path)
    except (ExportError, WriteError) as error:
        raise UsageError(str(error)) from None
    return suffix


def parameter_settings(function, saved: tuple[ParameterSetting, ...],
                        given: list[tuple[str, float]]) -> tuple[ParameterSetting, ...]:
    """A slider per parameter: a value given on the command line, else the saved one, else 1; a
    saved range (or −5…5), widened to hold the value."""
    values = parameter_values(function, given)
    kept = {setting.name: setting for setting in saved}
    settings = []
    for name in function.parameters:
        setting = kept.get(name, ParameterSetting(name))
        value = values[name] if name in dict(given) or name not in kept else setting.value
        settings.append(ParameterSetting(name, value, min(setting.minimum, value), max(setting.maximum, value)))
    return tuple(settings)


def opened_session(args: argparse.Namespace) -> DocumentState | None:
    """The session named by --open (refused beside a function), or None without one."""
    if args.open is None:
        return None
    if function_text(args, required=False):
        raise UsageError("give a function or --open FILE, not both")
    from explorer.app.document_file import DocumentError, load_document

    try:
        return load_document(args.open)
    except DocumentError as error:
        raise UsageError(str(error)) from None


