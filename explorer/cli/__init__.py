"""The command line: open the window, or run a command without one (`export`, `table`, …).

Each command is a module of this package with `make_parser()` and `run(args) -> exit status`,
registered in COMMANDS; the arguments they share are in `arguments.py`. Only what a command needs
is imported: `--version`, `--help` and `table` never load Qt widgets. Bad input is one line on
stderr and exit status 2; nothing is left at an output path when a command fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from explorer import __version__
from explorer.cli import arguments
from explorer.cli.arguments import EXIT_FAILED, EXIT_OK, EXIT_USAGE, PROG, UsageError

#: Command name -> the module that runs it (imported only when that command runs).
COMMANDS = {
    "export": "explorer.cli.export_command",
    "features": "explorer.cli.features_command",
    "table": "explorer.cli.table_command",
    "taylor": "explorer.cli.taylor_command",
    "secant": "explorer.cli.secant_command",
}


def _launch_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(
        prog=PROG,
        description="Type a function, see its derivative. Without a command, opens the window on\n"
                    "FUNCTION, on a saved session FILE.slope (as --open FILE.slope does), or on the last session.",
        epilog=(
            "commands (each has --help):\n"
            f"  {PROG} export FUNCTION -o FILE   write a PNG, SVG, PDF or CSV without opening a window\n"
            f"  {PROG} table FUNCTION --at X ...  print f and its derivatives at points\n"
            f"  {PROG} features FUNCTION --xrange A B   list zeros, extrema, inflections, corners,\n"
            f"      holes, asymptotes … of f on [A, B] (JSON or CSV)\n"
            f"  {PROG} taylor FUNCTION --at A --degree N  print the Taylor polynomial's coefficients\n"
            f"  {PROG} secant FUNCTION --x0 A     difference quotients at A for h = 1 ... 1e-16\n"
            f'\nexample: {PROG} export "x^3 - 3x" --x0 1 --orders 1,2 -o cubic.png'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    arguments.add_function(parser)
    parser.add_argument("--open", metavar="FILE.slope", type=Path, help="open a saved session")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    return parser


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
    state = arguments.opened_session(args)  # a missing or bad file: one line and exit 2, before any window
    from explorer.launch import run_app

    return run_app(arguments.function_text(args, required=False), state, args.open)


def computes_here(argv: Sequence[str]) -> bool:
    """Whether this command line runs the engine in this process (export, table, the self-test); the
    window runs it in a process of its own (explorer/app/engine_process.py)."""
    return bool(argv) and (argv[0] in COMMANDS or "--self-test" in argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            command = import_module(COMMANDS[argv[0]])
            make_parser, run = command.make_parser, command.run
            argv = argv[1:]
        else:
            make_parser, run = _launch_parser, _launch
        parser = make_parser()
        args = parser.parse_args(arguments.rewrite_leading_minus(parser, argv))
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
