"""`slope-explorer taylor`: the Taylor polynomial of degree N at a point, as JSON or CSV.

The JSON object is {"at": A, "degree": N, "kind": str, "coefficients": [c0, …, cN]}, with
c_k = f⁽ᵏ⁾(A)/k!. Where f is not smooth at A, "coefficients" is null and the one-sided polynomials
are in "left_coefficients" and "right_coefficients" (a list, or null for a side that has none);
both are null at a smooth point. "radius" (a number, or null where no finite estimate is made) and
"radius_note" say what the coefficients suggest about the radius of convergence.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys

from explorer.cli import arguments
from explorer.cli.arguments import EXIT_OK, PROG

FORMATS = ("json", "csv")


def degree(text: str) -> int:
    from explorer.model.taylor import MAX_DEGREE

    if not text.isdigit() or not 0 <= int(text) <= MAX_DEGREE:
        raise argparse.ArgumentTypeError(f"{text!r} is not a degree from 0 to {MAX_DEGREE}")
    return int(text)


def make_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(
        prog=f"{PROG} taylor",
        description="Print the Taylor polynomial of FUNCTION at a point: its coefficients c_k = f^(k)(A)/k! for "
                    "k = 0 … N. Where f is not smooth at A (corner, cusp, vertical, undefined, discontinuous) the "
                    "kind says so and the one-sided polynomials are given where they exist.",
        epilog=f'example: {PROG} taylor "ln(1+x)" --at 0 --degree 8',
    )
    arguments.add_function(parser)
    parser.add_argument("--at", type=arguments.number, required=True, metavar="A",
                        help="the point x₀: a number like 2, -1.5, pi/2 or -pi")
    parser.add_argument("--degree", type=degree, required=True, metavar="N", help="the degree, 0 to 20")
    arguments.add_params(parser)
    parser.add_argument("--format", choices=FORMATS, default="json", help="json (default) or csv")
    return parser


def as_json(expansion) -> str:
    radius = expansion.radius.value
    return json.dumps({
        "at": expansion.x0,
        "degree": expansion.degree,
        "kind": expansion.kind.value,
        "coefficients": _listed(expansion.coefficients),
        "left_coefficients": _listed(expansion.left),
        "right_coefficients": _listed(expansion.right),
        "radius": radius if radius is not None and math.isfinite(radius) else None,
        "radius_note": expansion.radius.note,
    }) + "\n"


def as_csv(expansion) -> str:
    """One row per k: k, c_k, and the one-sided c_k (cells empty where there is none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["k", "coefficient", "left_coefficient", "right_coefficient"])
    for k in range(expansion.degree + 1):
        writer.writerow([k, *(repr(c[k]) if c is not None else "" for c in
                              (expansion.coefficients, expansion.left, expansion.right))])
    return out.getvalue()


def _listed(coefficients) -> list[float] | None:
    return list(coefficients) if coefficients is not None else None


def run(args: argparse.Namespace) -> int:
    from explorer.model import Engine

    function = arguments.parse_function(arguments.function_text(args))
    params = arguments.parameter_values(function, args.param)
    expansion = Engine().taylor(function, args.at, args.degree, params)
    sys.stdout.write(as_csv(expansion) if args.format == "csv" else as_json(expansion))
    return EXIT_OK
