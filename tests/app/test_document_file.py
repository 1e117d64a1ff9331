"""`.slope` files: exact round trip, strict reading, atomic writing."""

import dataclasses
import json
import os

import pytest

from explorer.app.document_file import (
    FORMAT_VERSION,
    DocumentError,
    document_from_bytes,
    document_to_bytes,
    load_document,
    save_document,
)
from explorer.app.secant_state import SecantSetting
from explorer.app.state import MAX_ORDER, DocumentState, ParameterSetting

#: Every field away from its default, so a field the file forgets cannot round-trip by luck.
UNUSUAL = DocumentState(
    text="a*sin(b x) + |x|",
    parameters=(ParameterSetting("a", 1.5, -3.0, 7.25), ParameterSetting("b", -0.1, -1.0, 1.0)),
    x_range=(-0.5, 12.0),
    y_range=(-3.0, 4.5),
    stacked_y_ranges=((1, (-0.25, 8.0)), (3, (-100.0, 1e-3))),
    x0=2.718281828459045,
    orders=(1, 3),
    layout="stacked",
    show_tangent=False,
    show_features=True,
    feature_families=("zeros", "non_differentiable"),
    show_sign_charts=True,
    curve_colouring="second",
    show_taylor=True,
    taylor_degree=17,
    show_taylor_error=True,
    taylor_tolerance=2.5e-6,
    secant=SecantSetting(shown=True, h=-1e-7),
)


def test_every_field_differs_from_the_default():
    default = DocumentState()
    same = [f.name for f in dataclasses.fields(DocumentState) if getattr(UNUSUAL, f.name) == getattr(default, f.name)]
    assert same == []


def test_round_trip_through_a_file_is_exact(tmp_path):
    path = tmp_path / "lesson.slope"
    save_document(UNUSUAL, path)
    assert load_document(path) == UNUSUAL
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["format"] == "slope-explorer" and payload["version"] == FORMAT_VERSION
    assert set(payload["document"]) == {f.name for f in dataclasses.fields(DocumentState)}


def test_automatic_y_range_round_trips_as_null():
    state = dataclasses.replace(UNUSUAL, y_range=None)
    assert document_from_bytes(document_to_bytes(state)) == state


def test_missing_keys_take_defaults():
    data = json.dumps({"format": "slope-explorer", "version": 1, "document": {"text": "x^2"}}).encode()
    assert document_from_bytes(data) == DocumentState(text="x^2")


def test_a_file_from_before_the_features_tool_opens_with_it_hidden():
    document = {"text": "x^2", "show_tangent": False, "layout": "stacked"}
    data = json.dumps({"format": "slope-explorer", "version": 1, "document": document}).encode()
    state = document_from_bytes(data)
    assert (state.show_features, state.show_sign_charts, state.curve_colouring) == (False, False, "none")
    assert state.feature_families == ("zeros", "extrema", "inflections", "non_differentiable", "discontinuities")
    assert not state.features_needed


def test_orders_beyond_the_window_open_without_those_curves():
    """Files read before MAX_ORDER was one bound could show f⁽⁷⁾ to f⁽¹⁰⁾: the session opens, the
    curves and stacked plots beyond f⁽⁶⁾ are left out, everything else is kept."""
    state = document_from_bytes(_with(orders=[2, 7, 10], stacked_y_ranges={"2": [-1, 1], "8": [-5, 5]}))
    assert MAX_ORDER == 6
    assert state.orders == (2,) and state.stacked_y_ranges == ((2, (-1.0, 1.0)),)
    assert state.text == UNUSUAL.text and state.x0 == UNUSUAL.x0


def _with(**changes) -> bytes:
    payload = json.loads(document_to_bytes(UNUSUAL))
    payload["document"].update(changes)
    return json.dumps(payload).encode()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n", "not valid JSON"),
        (b"{not json", "not valid JSON"),
        (b'{"format": "geogebra", "version": 1}', "not a Slope Explorer session"),
        (b"[1, 2]", "not a Slope Explorer session"),
        (b'{"format": "slope-explorer", "version": 2, "document": {}}', "newer Slope Explorer"),
        (b'{"format": "slope-explorer", "version": "1", "document": {}}', "no valid format version"),
        (b'{"format": "slope-explorer", "version": 1}', "holds no document"),
        (_with(x_range=[3, 1]), "x_range"),
        (_with(x_range=[0, "1"]), "x_range"),
        (_with(x0=True), "x0"),
        (_with(stacked_y_ranges=[[-1, 1]]), "stacked_y_ranges"),
        (_with(stacked_y_ranges={"0": [-1, 1]}), "stacked_y_ranges"),
        (_with(stacked_y_ranges={"\u00b2": [-1, 1]}), "stacked_y_ranges"),
        (_with(stacked_y_ranges={"2": [1, -1]}), "stacked plot 2"),
        (_with(orders=[0]), "orders"),
        (_with(orders=[11]), "orders must be whole numbers from 1 to 6"),
        (_with(stacked_y_ranges={"11": [-1, 1]}), "stacked_y_ranges"),
        (_with(layout="spiral"), "layout"),
        (_with(show_tangent="yes"), "show_tangent"),
        (_with(show_features=1), "show_features"),
        (_with(show_sign_charts="no"), "show_sign_charts"),
        (_with(feature_families=["zeros", "poles"]), "feature_families"),
        (_with(feature_families="zeros"), "feature_families"),
        (_with(curve_colouring="rainbow"), "curve_colouring"),
        (_with(text=42), "function text"),
        (_with(parameters=[{"name": "a b"}]), "name"),
        (_with(parameters=[{"name": "a"}, {"name": "a"}]), "twice"),
        (_with(parameters=[{"name": "a", "minimum": 2, "maximum": 1}]), "minimum"),
        (document_to_bytes(UNUSUAL).replace(b'"x0": 2.718281828459045', b'"x0": NaN'), "not valid JSON"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, words):
    with pytest.raises(DocumentError, match=words):
        document_from_bytes(data, name="lesson.slope")


def test_unreadable_and_huge_files_give_a_message(tmp_path):
    with pytest.raises(DocumentError, match="cannot open"):
        load_document(tmp_path / "missing.slope")
    huge = tmp_path / "huge.slope"
    huge.write_bytes(b" " * 2_000_000)
    with pytest.raises(DocumentError, match="not a Slope Explorer session"):
        load_document(huge)


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "lesson.slope"
    save_document(DocumentState(text="x^2"), path)
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        save_document(UNUSUAL, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["lesson.slope"]


def test_save_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(OSError, match="does not exist"):
        save_document(UNUSUAL, tmp_path / "nowhere" / "lesson.slope")


def test_save_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "lesson.slope"
    save_document(UNUSUAL, path)
    path.chmod(0o640)
    save_document(DocumentState(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_text_no_file_can_hold_is_saved_with_a_replacement_character(tmp_path):
    """A lone surrogate (from a command line's undecodable byte) made saving raise UnicodeEncodeError."""
    path = tmp_path / "lesson.slope"
    save_document(dataclasses.replace(UNUSUAL, text="a*sin(b x) \udcff"), path)
    assert load_document(path) == dataclasses.replace(UNUSUAL, text="a*sin(b x) \ufffd")


def test_a_file_from_before_the_taylor_tool_opens_with_it_off():
    old = {"format": json.loads(document_to_bytes(DocumentState()))["format"], "version": FORMAT_VERSION,
           "document": {"text": "sin x", "x0": 0.5}}
    state = document_from_bytes(json.dumps(old).encode())
    assert (state.show_taylor, state.taylor_degree, state.show_taylor_error, state.taylor_tolerance) == (
        False, 3, False, 1e-3)


@pytest.mark.parametrize("field, value", [("taylor_degree", 21), ("taylor_degree", 2.5), ("show_taylor", "yes"),
                                          ("taylor_tolerance", 0), ("taylor_tolerance", "small")])
def test_bad_taylor_settings_are_refused(field, value):
    payload = json.loads(document_to_bytes(DocumentState()))
    payload["document"][field] = value
    with pytest.raises(DocumentError):
        document_from_bytes(json.dumps(payload).encode())
