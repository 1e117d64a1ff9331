"""The secant tool's numbers as data: the h table (h, the three difference quotients and their
errors) as CSV or tab-separated text, and the command line's `secant` JSON object.

Plain Python (csv, json): no Qt. Numbers read back to the same float. JSON has no NaN or infinity:
a quotient, f or f′ that is not a finite number is null, and so is a one-sided slope that is NaN
(a side outside the domain) or infinite (a vertical side: the kind says so).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence

from explorer.notation import format_number

TABLE_COLUMNS = ("h", "forward", "backward", "central", "forward_error", "backward_error", "central_error")


def _number(value: float) -> str:
    return format_number(value, None, ascii=True) if math.isfinite(value) else ""


def _json_number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def table_rows(rows: Sequence, derivative: float) -> list[tuple[float, ...]]:
    """`rows` are model/secant.py's Quotients (not imported: the window's process, which exports the
    table, never loads the model's torch side). One tuple per h: h, forward, backward, central and
    each one's |error| against `derivative`
    (NaN where the derivative does not exist or the quotient is undefined)."""
    return [(row.h, row.forward, row.backward, row.central, abs(row.forward - derivative),
             abs(row.backward - derivative), abs(row.central - derivative)) for row in rows]


def secant_csv(rows: Sequence, derivative: float) -> str:
    """The h table as CSV; what is not a finite number is an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLE_COLUMNS)
    for row in table_rows(rows, derivative):
        writer.writerow([_number(value) for value in row])
    return out.getvalue()


def secant_text(rows: Sequence, derivative: float) -> str:
    """The h table tab-separated, for the clipboard: spreadsheets paste it into cells."""
    lines = ["\t".join(TABLE_COLUMNS)]
    lines += ["\t".join(_number(value) for value in row) for row in table_rows(rows, derivative)]
    return "\n".join(lines) + "\n"


def secant_json(x0: float, f0: float, derivative: float, kind: str, left_slope: float, right_slope: float,
                rows: Sequence, best_h: tuple[float, float]) -> str:
    """The command line's object: {"x0", "f", "derivative", "kind", "left_slope", "right_slope",
    "rows": [{"h", "forward", "backward", "central"}, …], "best_h": {"forward", "central"}}."""
    document = {
        "x0": x0,
        "f": _json_number(f0),
        "derivative": _json_number(derivative),
        "kind": kind,
        "left_slope": _json_number(left_slope),
        "right_slope": _json_number(right_slope),
        "rows": [{"h": row.h, "forward": _json_number(row.forward), "backward": _json_number(row.backward),
                  "central": _json_number(row.central)} for row in rows],
        "best_h": {"forward": best_h[0], "central": best_h[1]},
    }
    return json.dumps(document, indent=2, allow_nan=False) + "\n"
