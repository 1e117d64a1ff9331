"""Numbers as data: the sampled curves as CSV, and the value table's rows as CSV, JSON and text.

Plain Python (csv, json): no Qt, so the command line's `table` prints without loading widgets.
Numbers are written to read back to the same float; names use ASCII primes (f'') that every CSV
and JSON reader understands.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal

from explorer.export import DATA_SUFFIXES, ExportError, suffix_of
from explorer.files import write_bytes_atomically
from explorer.model.readings import CurveSet, PointReading
from explorer.notation import derivative_name, format_number


def _name(order: int) -> str:
    return derivative_name(order, "", ascii=True)


def _number(value: float) -> str:
    return format_number(value, None, ascii=True)


# --- the sampled curves --------------------------------------------------------------------------


def curves_csv(curves: CurveSet, orders: Iterable[int] = ()) -> str:
    """x, f and the derivative `orders` shown, one row per sample; NaN (gaps) as empty cells."""
    if curves.values.ndim != 2:
        raise ExportError("export one parameter setting at a time, not a batch")
    rows = [0] + sorted({k for k in orders if 0 < k <= curves.order})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["x"] + [_name(k) for k in rows])
    for i, x in enumerate(curves.x):
        writer.writerow([_number(x)] + [_number(curves.values[k, i]) for k in rows])
    return out.getvalue()


def export_csv(curves: CurveSet, path: str | os.PathLike, orders: Iterable[int] = ()) -> None:
    suffix_of(path, DATA_SUFFIXES)
    write_bytes_atomically(path, curves_csv(curves, orders).encode("utf-8"))


# --- the curves at round steps -------------------------------------------------------------------

#: Most rows --step may ask for.
MAX_STEPPED_ROWS = 100_000


def stepped_points(x_range: tuple[float, float], step: float) -> list[float]:
    """The whole multiples of `step` from x_range[0] to x_range[1]: k·step computed in decimal, so
    --step 0.1 gives 0.3, not 0.30000000000000004 (each the float nearest the decimal)."""
    if not (math.isfinite(step) and step > 0):
        raise ExportError("must be a positive number")
    exact = Decimal(repr(float(step)))
    low, high = (Decimal(repr(float(end))) for end in x_range)
    first, last = math.ceil(low / exact), math.floor(high / exact)
    if last - first + 1 > MAX_STEPPED_ROWS:
        raise ExportError(f"gives {last - first + 1} rows; at most {MAX_STEPPED_ROWS}")
    return [float(k * exact) for k in range(first, last + 1)]


def points_csv(readings: Sequence[PointReading], orders: Iterable[int] = ()) -> str:
    """x, f and the derivative `orders` shown at each reading's x, as `curves_csv` writes them."""
    rows = [0] + sorted({k for k in orders if k > 0})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["x"] + [_name(k) for k in rows])
    for reading in readings:
        values = [reading.values[k] if k < len(reading.values) else math.nan for k in rows]
        writer.writerow([_number(reading.x)] + [_number(value) for value in values])
    return out.getvalue()


def export_points_csv(readings: Sequence[PointReading], path: str | os.PathLike, orders: Iterable[int] = ()) -> None:
    suffix_of(path, DATA_SUFFIXES)
    write_bytes_atomically(path, points_csv(readings, orders).encode("utf-8"))


# --- a table of values at chosen points --------------------------------------------------------


def table_columns(order: int, parameters: Sequence[str] = ()) -> list[str]:
    return (
        ["x"]
        + [_name(k) for k in range(order + 1)]
        + ["kind", "left_slope", "right_slope"]
        + [f"df/d{name}" for name in parameters]
    )


def table_row(reading: PointReading, order: int, parameters: Sequence[str] = ()) -> list:
    """One reading as table cells (floats, NaN for none; the kind as its public string)."""
    values = list(reading.values[: order + 1]) + [math.nan] * (order + 1 - len(reading.values))
    return (
        [reading.x]
        + values
        + [reading.kind.value, reading.left_slope, reading.right_slope]
        + [reading.partials.get(name, math.nan) for name in parameters]
    )


def table_csv(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table_columns(order, parameters))
    for reading in readings:
        writer.writerow([c if isinstance(c, str) else _number(c) for c in table_row(reading, order, parameters)])
    return out.getvalue()


def table_json(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    """A list of objects; JSON has no NaN or infinity, so those are null and "inf"/"-inf"."""

    def cell(value):
        if isinstance(value, str) or math.isfinite(value):
            return value
        return None if math.isnan(value) else _number(value)

    columns = table_columns(order, parameters)
    rows = [dict(zip(columns, map(cell, table_row(reading, order, parameters)))) for reading in readings]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def table_text(readings: Sequence[PointReading], order: int, parameters: Sequence[str] = ()) -> str:
    """Tab-separated, for the clipboard: spreadsheets paste it into cells."""
    lines = ["\t".join(table_columns(order, parameters))]
    for reading in readings:
        lines.append("\t".join(c if isinstance(c, str) else _number(c) for c in table_row(reading, order, parameters)))
    return "\n".join(lines) + "\n"
