"""The features as data (the command line's contract, shared with the window) and in pictures:
an exported plot shows the marks and sign charts the window shows."""

import csv
import io
import json
import math
import sys
import types

import pytest

from explorer.app.state import DocumentState
from explorer.export import ExportError
from explorer.export.features import export_features, features_csv, features_json
from explorer.model.features.result import Feature, FeatureKind, FeatureSet, Sign, SignInterval

K = FeatureKind
CUSP = Feature(0.0, 0.0, (K.ZERO, K.MINIMUM, K.CUSP), left_slope=-math.inf, right_slope=math.inf, exact="0")
SET = FeatureSet(-1.0, 2.5, (Feature(-1.0, 1.0, (K.MAXIMUM,), endpoint=True), CUSP,
                             Feature(2.0, None, (K.ASYMPTOTE,)), Feature(0.1 + 0.2, -1 / 3, (K.INFLECTION,))))


def test_json_is_the_contract_object():
    document = json.loads(features_json(SET, "x^(2/3)"))
    assert document["function"] == "x^(2/3)" and document["x_range"] == [-1.0, 2.5]
    first, cusp, pole, inflection = document["features"]
    assert list(first) == ["x", "y", "kinds", "left_slope", "right_slope", "exact", "endpoint"]
    assert first == {"x": -1.0, "y": 1.0, "kinds": ["maximum"], "left_slope": None, "right_slope": None,
                     "exact": None, "endpoint": True}
    assert cusp["kinds"] == ["zero", "minimum", "cusp"] and cusp["exact"] == "0"
    assert (cusp["left_slope"], cusp["right_slope"]) == ("-inf", "inf")  # JSON has no infinity
    assert pole["y"] is None and pole["kinds"] == ["asymptote"]
    assert inflection["x"] == 0.1 + 0.2 and inflection["y"] == -1 / 3  # floats read back exactly


def test_csv_has_the_same_keys_and_kinds_joined_by_semicolons():
    rows = list(csv.DictReader(io.StringIO(features_csv(SET))))
    assert list(rows[0]) == ["x", "y", "kinds", "left_slope", "right_slope", "exact", "endpoint"]
    assert rows[1]["kinds"] == "zero;minimum;cusp" and rows[1]["left_slope"] == "-inf"
    assert rows[2]["y"] == "" and rows[0]["endpoint"] == "true" and rows[1]["endpoint"] == "false"
    assert float(rows[3]["x"]) == 0.1 + 0.2 and float(rows[3]["y"]) == -1 / 3


def test_the_file_takes_its_format_from_its_extension(tmp_path):
    export_features(SET, "x^(2/3)", tmp_path / "f.json")
    export_features(SET, "x^(2/3)", tmp_path / "f.csv")
    assert json.loads((tmp_path / "f.json").read_text())["features"][1]["kinds"][2] == "cusp"
    assert (tmp_path / "f.csv").read_text().startswith("x,y,kinds,")
    with pytest.raises(ExportError, match="png"):
        export_features(SET, "x", tmp_path / "f.png")
    with pytest.raises(ExportError, match="no features"):
        export_features(None, "x", tmp_path / "g.csv")
    assert not (tmp_path / "g.csv").exists()


@pytest.fixture
def cubic_search(monkeypatch):
    """The search's answer for x³ − 3x, hand-built (this file tests the picture, not the search)."""

    def find_features(engine, function, x_min, x_max, params=None, curves=None, exact=True):
        C = SignInterval
        return FeatureSet(x_min, x_max, (Feature(-1.0, 2.0, (K.MAXIMUM,), exact="-1"),
                                         Feature(1.0, -2.0, (K.MINIMUM,), exact="1")),
                          first=(C(x_min, -1.0, Sign.POSITIVE), C(-1.0, 1.0, Sign.NEGATIVE),
                                 C(1.0, x_max, Sign.POSITIVE)),
                          second=(C(x_min, 0.0, Sign.NEGATIVE), C(0.0, x_max, Sign.POSITIVE)))

    module = types.ModuleType("explorer.model.features.search")
    module.find_features = find_features
    monkeypatch.setitem(sys.modules, module.__name__, module)


def test_an_exported_picture_shows_the_sign_charts_and_marks_when_shown(qapp, tmp_path, cubic_search):
    from explorer.headless import export_document

    shown = DocumentState(text="x^3 - 3x", show_features=True, show_sign_charts=True)
    export_document(shown, tmp_path / "with.svg")
    export_document(DocumentState(text="x^3 - 3x"), tmp_path / "without.svg")
    with_charts, without = ((tmp_path / name).read_text(encoding="utf-8") for name in ("with.svg", "without.svg"))
    for text in ("\u2197", "\u2198", "\u222a", "\u2229", "\u22121"):
        assert text in with_charts and text not in without
    export_document(shown, tmp_path / "with.png", (800, 600))
    export_document(DocumentState(text="x^3 - 3x"), tmp_path / "without.png", (800, 600))
    assert _ink_below(tmp_path / "with.png", 0.85) > 1.5 * _ink_below(tmp_path / "without.png", 0.85)


def _ink_below(path, fraction) -> int:
    """Dark pixels in the bottom part of an image (the sign charts' rules and signs lie there)."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return sum(1 for y in range(int(fraction * image.height()), image.height()) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).lightness() < 90)
