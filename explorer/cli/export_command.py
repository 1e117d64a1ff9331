"""`slope-explorer export`: a picture (PNG, SVG, PDF) or the data (CSV) of a plot, with no window.

It writes through the same `explorer.export` functions as the File menu, on a plot view laid out
offscreen (explorer/headless.py); nothing is left at the output path when it fails.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from explorer.app.state import DocumentState, range_problem, value_problem
from explorer.cli import arguments
from explorer.cli.arguments import EXIT_OK, PROG, UsageError

DEFAULT_SIZE = (1600, 1000)


def make_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(prog=f"{PROG} export", description="Write a picture (PNG, SVG, PDF) or the data (CSV) "
                     "of a function's plot, chosen by the output file's extension. Needs no display.")
    arguments.add_function(parser)
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.png, .svg, .pdf or .csv")
    parser.add_argument("--open", metavar="FILE.slope", type=Path,
                        help="export a saved session instead of FUNCTION; the options below change it")
    # No defaults here: an option not given leaves the opened session's value (or the default) alone.
    parser.add_argument("--x0", type=arguments.number,
                        help=f"where the tangent touches, e.g. 1.5 or pi/2 (default {DocumentState.x0})")
    parser.add_argument("--orders", type=arguments.orders,
                        help="derivative curves shown, e.g. 1,2 (default 1; \"\" for f alone)")
    parser.add_argument("--layout", choices=("overlay", "stacked"),
                        help="derivative curves over f (default), or stacked: a plot each, sharing x")
    parser.add_argument("--xrange", type=arguments.number, nargs=2, metavar=("A", "B"),
                        help="default: {} {}".format(*DocumentState.x_range))
    parser.add_argument("--yrange", type=arguments.number, nargs=2, metavar=("A", "B"),
                        help="default: chosen from the curves")
    parser.add_argument("--size", type=arguments.size, default=DEFAULT_SIZE, metavar="WxH",
                        help="PNG size in pixels (default 1600x1000); SVG and PDF get the same picture as vectors")
    arguments.add_params(parser)
    parser.add_argument("--transparent", action="store_true", help="no background (PNG, SVG)")
    parser.add_argument("--caption", action="store_true",
                        help="write the function and the readout at x0 above the plot")
    parser.add_argument("--no-tangent", dest="tangent", action="store_const", const=False, help="hide the tangent line")
    return parser


def run(args: argparse.Namespace) -> int:
    opened = arguments.opened_session(args)
    text = opened.text if opened is not None else arguments.function_text(args)
    suffix = arguments.check_output(args.output)
    for option, chosen in (("--xrange", args.xrange), ("--yrange", args.yrange)):
        if chosen and range_problem(*chosen):
            raise UsageError(f"{option} A B {range_problem(*chosen)}")
    if args.x0 is not None and value_problem(args.x0):
        raise UsageError(f"--x0 {value_problem(args.x0)}")
    function = arguments.parse_function(text)
    base = opened if opened is not None else DocumentState(text=text)
    given = {"x_range": args.xrange and tuple(args.xrange), "y_range": args.yrange and tuple(args.yrange),
             "x0": args.x0, "orders": args.orders, "layout": args.layout, "show_tangent": args.tangent}
    state = dataclasses.replace(base, parameters=arguments.parameter_settings(function, base.parameters, args.param),
                                **{name: value for name, value in given.items() if value is not None})
    # Always offscreen: an export must never depend on (or pop up on) a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from explorer.headless import export_document

    export_document(state, args.output, args.size, transparent=args.transparent, caption=args.caption,
                    data=suffix == ".csv")
    return EXIT_OK


