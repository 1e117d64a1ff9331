"""The command line: open the window, or export pictures, data and value tables without one.

Only what a command needs is imported: `--version`, `--help` and `table` never load Qt widgets,
and `export` writes through the same `explorer.export` functions as the File menu, on a plot view
laid out offscreen without a window (explorer/headless.py). Bad input is one line on stderr
and exit status 2; nothing is left at the output path when a command fails.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from explorer import __version__
from explorer.app.state import MAX_ORDER, DocumentState, ParameterSetting, range_problem, value_problem

PROG = "slope-explorer"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_SIZE = (1600, 1000)
TABLE_FORMATS = ("csv", "json")


class UsageError(Exception):
    """Input the user can fix: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage + message
        raise UsageError(message)


# --- argument values ------------------------------------------------------------------------------


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _size(text: str) -> tuple[int, int]:
    from explorer.export.images import MAX_IMAGE_SIDE

    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit()) or not (
        1 <= int(width) <= MAX_IMAGE_SIDE and 1 <= int(height) <= MAX_IMAGE_SIDE
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size like 1600x1000 (1 to {MAX_IMAGE_SIDE} pixels a side)"
        )
    return int(width), int(height)


def _param(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE, e.g. a=1.5")
    number = _finite(value)
    if value_problem(number):
        raise argparse.ArgumentTypeError(f"parameter {name} {value_problem(number)}")
    return name, number


def _orders(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isdigit() and 1 <= int(p) <= MAX_ORDER for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of orders like 1,2 (1 to {MAX_ORDER})")
    return tuple(sorted({int(p) for p in parts}))


def _order(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= MAX_ORDER:
        raise argparse.ArgumentTypeError(f"{text!r} is not an order from 0 to {MAX_ORDER}")
    return int(text)


# --- parsers --------------------------------------------------------------------------------------


def _add_function(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("function", nargs="?", metavar="FUNCTION",
                        help='the function of x, as you would type it in the window, e.g. "x^3 - 3x"')
    # A function that starts with "-" ("-x^2") would read as an option; _rewrite_leading_minus
    # passes it through this hidden option instead.
    parser.add_argument("--function", dest="function_option", help=argparse.SUPPRESS)


def _add_params(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--param", type=_param, nargs="+", action="extend", default=[], metavar="NAME=VALUE",
                        help="a parameter's value, e.g. --param a=1.5 b=-2 (others are 1)")


def _launch_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Type a function, see its derivative. Without a command, opens the window on\n"
                    "FUNCTION, on a saved session FILE.slope (as --open FILE.slope does), or on the last session.",
        epilog=(
            "commands (each has --help):\n"
            f"  {PROG} export FUNCTION -o FILE   write a PNG, SVG, PDF or CSV without opening a window\n"
            f"  {PROG} table FUNCTION --at X ...  print f and its derivatives at points\n"
            f'\nexample: {PROG} export "x^3 - 3x" --x0 1 --orders 1,2 -o cubic.png'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_function(parser)
    parser.add_argument("--open", metavar="FILE.slope", type=Path, help="open a saved session")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} export", description="Write a picture (PNG, SVG, PDF) or the data (CSV) "
                     "of a function's plot, chosen by the output file's extension. Needs no display.")
    _add_function(parser)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.png, .svg, .pdf or .csv")
    parser.add_argument("--open", metavar="FILE.slope", type=Path,
                        help="export a saved session instead of FUNCTION; the options below change it")
    # No defaults here: an option not given leaves the opened session's value (or the default) alone.
    parser.add_argument("--x0", type=_finite, help=f"where the tangent touches (default {DocumentState.x0})")
    parser.add_argument("--orders", type=_orders,
                        help="derivative curves shown, e.g. 1,2 (default 1; \"\" for f alone)")
    parser.add_argument("--layout", choices=("overlay", "stacked"),
                        help="derivative curves over f (default), or stacked: a plot each, sharing x")
    parser.add_argument("--xrange", type=_finite, nargs=2, metavar=("A", "B"),
                        help="default: {} {}".format(*DocumentState.x_range))
    parser.add_argument("--yrange", type=_finite, nargs=2, metavar=("A", "B"), help="default: chosen from the curves")
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, metavar="WxH",
                        help="PNG size in pixels (default 1600x1000); SVG and PDF get the same picture as vectors")
    _add_params(parser)
    parser.add_argument("--transparent", action="store_true", help="no background (PNG, SVG)")
    parser.add_argument("--caption", action="store_true",
                        help="write the function and the readout at x0 above the plot")
    parser.add_argument("--no-tangent", dest="tangent", action="store_const", const=False, help="hide the tangent line")
    return parser


def _table_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=f"{PROG} table", description="Print f and its derivatives at points; where f' does "
                     "not exist, the kind of point (corner, cusp, vertical, undefined, discontinuous) and the "
                     "one-sided slopes.")
    _add_function(parser)
    parser.add_argument("--at", type=_finite, nargs="+", required=True, metavar="X", help="the points")
    parser.add_argument("--order", type=_order, default=2, help="highest derivative (default %(default)s)")
    _add_params(parser)
    parser.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    return parser


def _rewrite_leading_minus(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """Let `export "-x^2" -o f.png` mean the function -x^2, not an unknown option.

    The first token that looks like an option but is neither a known one nor a number can only
    be the function: pass it as --function=TEXT.
    """
    known = set(parser._option_string_actions)
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token.startswith("-") and token.split("=")[0] not in known and not _is_number(token):
            return argv[:i] + [f"--function={token}"] + argv[i + 1:]
    return argv


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _function_text(args: argparse.Namespace, required: bool = True) -> str | None:
    if args.function and args.function_option:
        raise UsageError("give the function once")
    text = args.function_option or args.function
    if required and not (text and text.strip()):
        raise UsageError('give a function, e.g. "x^3 - 3x"')
    return text


# --- commands -------------------------------------------------------------------------------------


def _parse_function(text: str):
    """The parsed function, or UsageError quoting only the text around the error (one short line,
    however long the text)."""
    from explorer.model import ParseError, parse
    from explorer.model.parsing.errors import excerpt

    try:
        return parse(text)
    except ParseError as error:
        raise UsageError(f"bad function {excerpt(text, error.column)!r}: {error}") from None


def _parameter_values(function, given: list[tuple[str, float]]) -> dict[str, float]:
    values = dict(given)
    unknown = [name for name in values if name not in function.parameters]
    if unknown:
        has = ", ".join(function.parameters) if function.parameters else "none"
        raise UsageError(f"unknown parameter {unknown[0]} (the function's parameters: {has})")
    return {name: values.get(name, ParameterSetting.value) for name in function.parameters}


def _check_output(path: Path) -> str:
    """The output's format, or UsageError before any work when the path cannot be written."""
    from explorer.export import ExportError, suffix_of
    from explorer.files import WriteError, check_writable

    try:
        suffix = suffix_of(path)
        check_writable(path)
    except (ExportError, WriteError) as error:
        raise UsageError(str(error)) from None
    return suffix


def _export(args: argparse.Namespace) -> int:
    opened = _opened_session(args)
    text = opened.text if opened is not None else _function_text(args)
    suffix = _check_output(args.output)
    for option, chosen in (("--xrange", args.xrange), ("--yrange", args.yrange)):
        if chosen and range_problem(*chosen):
            raise UsageError(f"{option} A B {range_problem(*chosen)}")
    if args.x0 is not None and value_problem(args.x0):
        raise UsageError(f"--x0 {value_problem(args.x0)}")
    function = _parse_function(text)
    base = opened if opened is not None else DocumentState(text=text)
    given = {"x_range": args.xrange and tuple(args.xrange), "y_range": args.yrange and tuple(args.yrange),
             "x0": args.x0, "orders": args.orders, "layout": args.layout, "show_tangent": args.tangent}
    state = dataclasses.replace(base, parameters=_parameter_settings(function, base.parameters, args.param),
                                **{name: value for name, value in given.items() if value is not None})
    # Always offscreen: an export must never depend on (or pop up on) a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from explorer.headless import export_document

    export_document(state, args.output, args.size, transparent=args.transparent, caption=args.caption,
                    data=suffix == ".csv")
    return EXIT_OK


def _parameter_settings(function, saved: tuple[ParameterSetting, ...],
                        given: list[tuple[str, float]]) -> tuple[ParameterSetting, ...]:
    """A slider per parameter: a value given on the command line, else the saved one, else 1; a
    saved range (or −5…5), widened to hold the value."""
    values = _parameter_values(function, given)
    kept = {setting.name: setting for setting in saved}
    settings = []
    for name in function.parameters:
        setting = kept.get(name, ParameterSetting(name))
        value = values[name] if name in dict(given) or name not in kept else setting.value
        settings.append(ParameterSetting(name, value, min(setting.minimum, value), max(setting.maximum, value)))
    return tuple(settings)


def _opened_session(args: argparse.Namespace) -> DocumentState | None:
    """The session named by --open (refused beside a function), or None without one."""
    if args.open is None:
        return None
    if _function_text(args, required=False):
        raise UsageError("give a function or --open FILE, not both")
    from explorer.app.document_file import DocumentError, load_document

    try:
        return load_document(args.open)
    except DocumentError as error:
        raise UsageError(str(error)) from None


def _table(args: argparse.Namespace) -> int:
    from explorer.export.tables import table_csv, table_json
    from explorer.model import Engine

    function = _parse_function(_function_text(args))
    params = _parameter_values(function, args.param)
    engine = Engine()
    readings = [engine.probe(function, x, order=args.order, params=params) for x in args.at]
    write = table_json if args.format == "json" else table_csv
    sys.stdout.write(write(readings, args.order, function.parameters))
    return EXIT_OK


def _launch(args: argparse.Namespace) -> int:
    if args.self_test:
        from explorer.selftest import main as self_test

        return self_test()
    from explorer.app.document_file import SUFFIX

    if args.function and Path(args.function).suffix.lower() == SUFFIX:
        # `slope-explorer lesson.slope`: what the desktop entry runs for a double-clicked session.
        if args.open is not None:
            raise UsageError("give one session to open")
        args.open, args.function = Path(args.function), None
    state = _opened_session(args)  # a missing or bad file: one line and exit 2, before any window
    from explorer.launch import run_app

    return run_app(_function_text(args, required=False), state, args.open)


COMMANDS = {"export": (_export_parser, _export), "table": (_table_parser, _table)}


def computes_here(argv: Sequence[str]) -> bool:
    """Whether this command line runs the engine in this process (export, table, the self-test); the
    window runs it in a process of its own (explorer/app/engine_process.py)."""
    return bool(argv) and (argv[0] in COMMANDS or "--self-test" in argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            make_parser, run = COMMANDS[argv[0]]
            argv = argv[1:]
        else:
            make_parser, run = _launch_parser, _launch
        parser = make_parser()
        args = parser.parse_args(_rewrite_leading_minus(parser, argv))
        if run is _launch:  # the window decides itself what Ctrl+C and a logout do
            return run(args)
        from explorer.files import exit_on_signals

        # Ctrl+C or kill: exit 130 or 143 at once, leaving no temporary file and the old one intact.
        with exit_on_signals(f"{PROG}: stopped; no file was written or changed"):
            return run(args)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # explorer.files.WriteError: the path cannot be written
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:  # explorer.export.ExportError: the function cannot be drawn
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_FAILED
