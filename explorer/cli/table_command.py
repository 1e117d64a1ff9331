"""`slope-explorer table`: f and its derivatives at points, as CSV or JSON; where f′ does not exist,
the kind of point and the one-sided slopes."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import arguments
from explorer.cli.arguments import EXIT_OK, PROG

FORMATS = ("csv", "json")


def make_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(prog=f"{PROG} table", description="Print f and its derivatives at points; where f' does "
                     "not exist, the kind of point (corner, cusp, vertical, undefined, discontinuous) and the "
                     "one-sided slopes.")
    arguments.add_function(parser)
    parser.add_argument("--at", type=arguments.number, nargs="+", required=True, metavar="X",
                        help="the points: numbers like 2, -1.5, pi/2 or -pi")
    parser.add_argument("--order", type=arguments.order, default=2, help="highest derivative (default %(default)s)")
    arguments.add_params(parser)
    parser.add_argument("--format", choices=FORMATS, default="csv")
    return parser


def run(args: argparse.Namespace) -> int:
    from explorer.export.tables import table_csv, table_json
    from explorer.model import Engine

    function = arguments.parse_function(arguments.function_text(args))
    params = arguments.parameter_values(function, args.param)
    engine = Engine()
    readings = [engine.probe(function, x, order=args.order, params=params) for x in args.at]
    write = table_json if args.format == "json" else table_csv
    sys.stdout.write(write(readings, args.order, function.parameters))
    return EXIT_OK


