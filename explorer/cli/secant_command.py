"""`slope-explorer secant`: the forward, backward and central difference quotients of f at x₀ for
a list of h, beside the exact f′(x₀) (autograd), as JSON or CSV: the definition of the derivative
in real arithmetic, truncation and rounding error included."""

from __future__ import annotations

import argparse
import sys

from explorer.cli import arguments
from explorer.cli.arguments import EXIT_OK, PROG

FORMATS = ("json", "csv")

EPILOG = """\
JSON (the default) is one object:
  {"x0": A, "f": f(A), "derivative": f'(A), "kind": KIND, "left_slope": ..., "right_slope": ...,
   "rows": [{"h": H, "forward": ..., "backward": ..., "central": ...}, ...],
   "best_h": {"forward": ..., "central": ...}}
where forward = (f(A+H) - f(A))/H, backward = (f(A) - f(A-H))/H, central = (f(A+H) - f(A-H))/(2H),
each f evaluated in float64. "derivative" is the exact f'(A) (automatic differentiation), null where
it does not exist; KIND is smooth, corner, cusp, vertical, undefined or discontinuous, and
left_slope/right_slope are the one-sided slopes. JSON has no NaN or infinity: null stands for a
quotient or value that is not a finite number (f undefined there, or an overflow), for a side
outside the domain, and for an infinite one-sided slope (a vertical side: KIND says vertical or cusp).
best_h is the h with the smallest error, found on a scan of 4 steps a decade from max(1,|A|) down
to 1e-16*max(1,|A|); where f'(A) does not exist it is the theory, sqrt(eps) and cbrt(eps) times
max(1,|A|).

CSV has a row per h: h, forward, backward, central and each one's error |quotient - f'(A)|
(empty where it is not a finite number).

example: %(prog)s "sin x" --x0 1 --h 1e-1 1e-8 1e-12"""


def make_parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(
        prog=f"{PROG} secant",
        description="Print the difference quotients of f at x0 for each h, beside the exact f'(x0): the "
                    "secant's slope turning into the tangent's, and the error of every quotient.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_function(parser)
    parser.add_argument("--x0", type=arguments.number, required=True, metavar="A",
                        help="the point: a number like 1, -1.5, pi/2 or -pi")
    parser.add_argument("--h", type=step, nargs="+", metavar="H",
                        help="the steps, positive or negative (default 1, 1e-1, ..., 1e-16)")
    arguments.add_params(parser)
    parser.add_argument("--format", choices=FORMATS, default="json", help="json (default) or csv")
    return parser


def step(text: str) -> float:
    """A nonzero h."""
    value = arguments.number(text)
    if value == 0:
        raise argparse.ArgumentTypeError("h must not be 0")
    return value


def run(args: argparse.Namespace) -> int:
    from explorer.app.state import value_problem
    from explorer.export.secant_table import secant_csv, secant_json
    from explorer.model import Engine
    from explorer.model.secant import ERROR_PLOT_H, difference_quotients, secant_readings

    problem = value_problem(args.x0)
    if problem is not None:
        raise arguments.UsageError(f"--x0 {problem}")
    function = arguments.parse_function(arguments.function_text(args))
    params = arguments.parameter_values(function, args.param)
    hs = args.h or ERROR_PLOT_H
    engine = Engine()
    reading = engine.probe(function, args.x0, order=1, params=params)
    secant = secant_readings(engine, function, [reading], hs[0], params)[0]
    f0, rows = difference_quotients(engine, function, args.x0, hs, params)
    if args.format == "csv":
        sys.stdout.write(secant_csv(rows, secant.derivative))
    else:
        sys.stdout.write(secant_json(args.x0, f0, secant.derivative, reading.kind.value, reading.left_slope,
                                     reading.right_slope, rows, secant.best_h))
    return EXIT_OK
