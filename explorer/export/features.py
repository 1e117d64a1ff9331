"""The features of a curve as data: one serialisation for the window's list and the command line.

JSON: {"function": text, "x_range": [A, B], "features": [{"x", "y", "kinds", "left_slope",
"right_slope", "exact", "endpoint"}, …]}; CSV: a header of those keys, kinds joined by ';'.
Plain Python: no Qt. Numbers as explorer.notation writes data (they read back to the same float);
JSON has no infinity, so an infinite one-sided slope (a cusp) is the string "inf" or "-inf", as
the value table writes it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os

from explorer.export import ExportError, suffix_of
from explorer.files import write_bytes_atomically
from explorer.model.features.result import Feature, FeatureSet
from explorer.notation import format_number

COLUMNS = ("x", "y", "kinds", "left_slope", "right_slope", "exact", "endpoint")
FEATURE_SUFFIXES = (".csv", ".json")


def _json_number(value: float | None):
    if value is None or math.isnan(value):
        return None
    return value if math.isfinite(value) else format_number(value, None, ascii=True)


def feature_record(feature: Feature) -> dict:
    """One feature as the JSON object the contract names (keys in COLUMNS' order)."""
    return {
        "x": feature.x,
        "y": _json_number(feature.y),
        "kinds": [str(kind) for kind in feature.kinds],
        "left_slope": _json_number(feature.left_slope),
        "right_slope": _json_number(feature.right_slope),
        "exact": feature.exact,
        "endpoint": feature.endpoint,
    }


def features_json(feature_set: FeatureSet, text: str) -> str:
    """The features of `text` on the set's interval, as one JSON object."""
    document = {"function": text, "x_range": [feature_set.x_min, feature_set.x_max],
                "features": [feature_record(feature) for feature in feature_set.features]}
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def features_csv(feature_set: FeatureSet) -> str:
    """One row per feature under a header of COLUMNS; None as an empty cell, kinds joined by ';'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for feature in feature_set.features:
        writer.writerow([format_number(feature.x, None, ascii=True), format_number(feature.y, None, ascii=True),
                         ";".join(str(kind) for kind in feature.kinds),
                         format_number(feature.left_slope, None, ascii=True),
                         format_number(feature.right_slope, None, ascii=True),
                         feature.exact or "", "true" if feature.endpoint else "false"])
    return out.getvalue()


def export_features(feature_set: FeatureSet | None, text: str, path: str | os.PathLike) -> None:
    """Write the features to `path` as CSV or JSON, by its extension."""
    suffix = suffix_of(path, FEATURE_SUFFIXES)
    if feature_set is None:
        raise ExportError("There are no features to export yet: show the features first.")
    data = features_json(feature_set, text) if suffix == ".json" else features_csv(feature_set)
    write_bytes_atomically(path, data.encode("utf-8"))
