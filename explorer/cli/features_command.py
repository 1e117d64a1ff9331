"""`slope-explorer features`: every zero, extremum, inflection, corner, cusp, vertical tangent, hole,
asymptote, jump and domain edge of f on an interval, as JSON or CSV (explorer/model/features/)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys

from explorer.cli import arguments
from explorer.cli.arguments import EXIT_OK, PROG, UsageError

FORMATS = ("json", "csv")
#: The keys of a feature, in the order of the JSON object and of the CSV header.
KEYS = ("x", "y", "kinds", "left_slope", "right_slope", "exact", "endpoint")


def make_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(
        prog=f"{PROG} features",
        description="Print every feature of f on [A, B], sorted by x: zeros, local maxima and minima, "
                    "inflections, corners, cusps, vertical tangents, holes, asymptotes, jumps and domain "
                    "edges, with f(x), the one-sided slopes where they differ, an exact form of x where "
                    "one is confirmed (1/3, pi/2), and whether x is an end of the interval.",
        epilog="JSON: one object {\"function\", \"x_range\": [A, B], \"features\": [{\"x\", \"y\", \"kinds\", "
               "\"left_slope\", \"right_slope\", \"exact\", \"endpoint\"}, ...]}; y is null where f is "
               "undefined; a slope is null where the one-sided slopes agree, and where it is infinite "
               "(a cusp, a vertical tangent: the kinds say which), as JSON has no infinity. CSV: a header "
               "row of the same keys, kinds joined with ';', empty for null, inf for an infinite slope."
               f'\nexample: {PROG} features "x^3 - 3x" --xrange -3 3 --format csv',
    )
    arguments.add_function(parser)
    parser.add_argument("--xrange", type=arguments.number, nargs=2, required=True, metavar=("A", "B"),
                        help="the interval searched: numbers like -2, pi/2 or -pi, with A < B")
    arguments.add_params(parser)
    parser.add_argument("--format", choices=FORMATS, default="json", help="json (default) or csv")
    return parser


def run(args: argparse.Namespace) -> int:
    from explorer.model import Engine
    from explorer.model.features.search import find_features

    a, b = args.xrange
    if not a < b:
        raise UsageError(f"--xrange: A must be less than B, not {a:g} and {b:g}")
    text = arguments.function_text(args)
    function = arguments.parse_function(text)
    params = arguments.parameter_values(function, args.param)
    found = find_features(Engine(), function, a, b, params=params)
    write = features_json if args.format == "json" else features_csv
    sys.stdout.write(write(text, (a, b), found.features))
    return EXIT_OK


def _row(feature) -> dict[str, object]:
    return {"x": feature.x, "y": feature.y, "kinds": [kind.value for kind in feature.kinds],
            "left_slope": feature.left_slope, "right_slope": feature.right_slope, "exact": feature.exact,
            "endpoint": feature.endpoint}


def features_json(text: str, x_range: tuple[float, float], features) -> str:
    def finite(value):
        return value if not isinstance(value, float) or math.isfinite(value) else None

    rows = [{key: finite(value) for key, value in _row(f).items()} for f in features]
    return json.dumps({"function": text, "x_range": list(x_range), "features": rows}, allow_nan=False) + "\n"


def features_csv(text: str, x_range: tuple[float, float], features) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KEYS)
    for feature in features:
        row = _row(feature)
        row["kinds"] = ";".join(row["kinds"])
        row["endpoint"] = "true" if row["endpoint"] else "false"
        writer.writerow("" if row[key] is None else row[key] for key in KEYS)
    return out.getvalue()
