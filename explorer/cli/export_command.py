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
    parser.add_argument("--dark", action="store_true", help="a dark picture (default: light, for worksheets)")
    parser.add_argument("--caption", action="store_true",
                        help="write the function and the readout at x0 below the plot")
    parser.add_argument("--step", type=arguments.number, metavar="H",
                        help="CSV only: rows at the whole multiples of H in the x-range (--step 0.5: x = -4, -3.5, "
                             "...) instead of the plot's samples")
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
    if args.step is not None:
        if suffix != ".csv":
            raise UsageError("--step is for a CSV table (-o FILE.csv)")
        write_stepped_csv(state, function, args.step, args.output)
        return EXIT_OK
    # Always offscreen: an export must never depend on (or pop up on) a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from explorer.headless import export_document

    export_document(state, args.output, args.size, transparent=args.transparent, caption=args.caption,
                    data=suffix == ".csv", dark=args.dark)
    return EXIT_OK


def write_stepped_csv(state: DocumentState, function, step: float, path: Path) -> None:
    """f and the derivatives shown at x = k·step across the x-range, each point probed (so a corner
    or a pole gets an empty cell, not a number autograd made up)."""
    from explorer.export import ExportError
    from explorer.export.tables import export_points_csv, stepped_points
    from explorer.model import Engine

    try:
        xs = stepped_points(state.x_range, step)
    except ExportError as error:
        raise UsageError(f"--step {error}") from None
    order = max((*state.orders, 1))
    readings = Engine().probe_many(function, xs, order=order, params=state.parameter_values())
    export_points_csv(readings, path, state.orders)


