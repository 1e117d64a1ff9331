"""CSV of sampled curves and tables of values, read back with the csv and json modules."""

import csv
import io
import json
import math
import os

import numpy as np
import pytest

from explorer.export import ExportError, tables
from explorer.model.readings import CurveSet, PointKind, PointReading

from .conftest import tan_curves


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_curves_csv_has_a_header_and_every_sample():
    curves = tan_curves(101)
    rows = _rows(tables.curves_csv(curves, orders=(1,)))
    assert rows[0] == ["x", "f", "f'"]
    assert len(rows) == 1 + 101
    for row, x, f, f1 in zip(rows[1:], curves.x, curves.values[0], curves.values[1]):
        assert float(row[0]) == x and float(row[1]) == f and float(row[2]) == f1


def test_csv_writes_nan_as_an_empty_cell_and_infinity_as_inf():
    x = np.array([0.0, 1.0, 2.0])
    values = np.array([[1.0, math.nan, math.inf]])
    curves = CurveSet(x=x, values=values, connected=np.zeros_like(values, dtype=bool))
    rows = _rows(tables.curves_csv(curves))
    assert rows[1:] == [["0.0", "1.0"], ["1.0", ""], ["2.0", "inf"]]


def test_csv_lists_only_the_orders_shown_that_were_sampled():
    rows = _rows(tables.curves_csv(tan_curves(11), orders=(3, 1, 1)))
    assert rows[0] == ["x", "f", "f'"]


def test_csv_refuses_a_batch_of_parameter_values():
    curves = tan_curves(11)
    batch = CurveSet(x=curves.x, values=np.stack([curves.values] * 2), connected=np.stack([curves.connected] * 2))
    with pytest.raises(ExportError, match="one parameter setting"):
        tables.curves_csv(batch)


def test_export_csv_writes_the_file_atomically(tmp_path):
    path = tmp_path / "curves.csv"
    tables.export_csv(tan_curves(11), path, (1,))
    assert path.read_text(encoding="utf-8") == tables.curves_csv(tan_curves(11), (1,))
    with pytest.raises(ExportError):
        tables.export_csv(tan_curves(11), tmp_path / "curves.txt")
    assert sorted(os.listdir(tmp_path)) == ["curves.csv"]


CORNER = PointReading(x=0.0, values=(0.0, math.nan, math.nan), kind=PointKind.CORNER, left_slope=-1.0, right_slope=1.0)
SMOOTH = PointReading(x=2.0, values=(8.0, 12.0, 12.0), kind=PointKind.SMOOTH, partials={"a": 4.0})
VERTICAL = PointReading(x=0.0, values=(0.0, math.nan), kind=PointKind.VERTICAL,
                        left_slope=math.inf, right_slope=math.inf)


def test_table_csv_names_the_kind_and_one_sided_slopes():
    rows = _rows(tables.table_csv([CORNER, SMOOTH], order=2, parameters=("a",)))
    assert rows[0] == ["x", "f", "f'", "f''", "kind", "left_slope", "right_slope", "df/da"]
    assert rows[1] == ["0.0", "0.0", "", "", "corner", "-1.0", "1.0", ""]
    assert rows[2] == ["2.0", "8.0", "12.0", "12.0", "smooth", "", "", "4.0"]


def test_table_pads_readings_shorter_than_the_order():
    rows = _rows(tables.table_csv([VERTICAL], order=2))
    assert rows[1] == ["0.0", "0.0", "", "", "vertical", "inf", "inf"]


def test_table_json_uses_null_and_inf_strings():
    rows = json.loads(tables.table_json([VERTICAL, SMOOTH], order=1))
    assert rows[0] == {"x": 0.0, "f": 0.0, "f'": None, "kind": "vertical",
                       "left_slope": "inf", "right_slope": "inf"}
    assert rows[1]["f'"] == 12.0 and rows[1]["kind"] == "smooth"


def test_table_text_is_tab_separated_for_spreadsheets():
    lines = tables.table_text([SMOOTH], order=1).splitlines()
    assert lines == ["x\tf\tf'\tkind\tleft_slope\tright_slope", "2.0\t8.0\t12.0\tsmooth\t\t"]
