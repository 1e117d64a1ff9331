"""The command line: exit codes, one-line messages, files checked with independent readers."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from explorer import __version__
from explorer.app.document_file import save_document
from explorer.app.state import DocumentState, ParameterSetting
from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args, env_drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    """The real command in a fresh process with no display and no Qt platform set."""
    env = {k: v for k, v in os.environ.items() if k not in env_drop}
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("slope-explorer: ")
    return err


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"slope-explorer {__version__}"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "export FUNCTION -o FILE" in out and "table FUNCTION --at" in out


def test_version_and_table_do_not_load_qt_widgets():
    code = (
        "import sys; from explorer.cli import main; main(['--version']); v = set(sys.modules);"
        "main(['table', 'x^2', '--at', '1']); t = set(sys.modules);"
        "print(any(m.startswith(('torch', 'PySide6', 'pyqtgraph')) for m in v),"
        " any(m.startswith(('PySide6.QtWidgets', 'pyqtgraph')) for m in t))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


def test_png_export_without_any_display(tmp_path):
    path = tmp_path / "cubic.png"
    done = run_cli("export", "x^3 - 3x", "--x0", "1", "--orders", "1,2", "-o", str(path), "--caption")
    assert done.returncode == 0, done.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 1000)
    assert len({image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}) > 5


def test_svg_pdf_and_size(tmp_path, capsys):
    svg, pdf, png = tmp_path / "f.svg", tmp_path / "f.pdf", tmp_path / "f.png"
    assert main(["export", "sin(x)", "-o", str(svg)]) == 0
    assert svg.read_bytes().lstrip().startswith(b"<?xml")
    assert main(["export", "sin(x)", "-o", str(pdf), "--size", "1200x600"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert b"/MediaBox [0 0 450" in pdf.read_bytes()  # half of 1200 px at 0.75 pt per px
    assert main(["export", "a sin(x)", "--param", "a=2", "-o", str(png), "--size", "640x480", "--transparent"]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (640, 480) and image.pixelColor(2, 2).alpha() == 0


def test_csv_values_match_the_engine(tmp_path):
    from explorer.model import Engine, parse

    path = tmp_path / "data.csv"
    args = ["export", "a x^3 - x", "--param", "a=2", "--orders", "1,2", "--xrange", "-2", "3", "-o", str(path)]
    assert main(args) == 0
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0] == ["x", "f", "f'", "f''"]
    xs = [float(r[0]) for r in rows[1:]]
    assert xs[0] == -2.0 and xs[-1] == 3.0
    engine, function = Engine(), parse("a x^3 - x")
    for row in rows[1 :: len(rows) // 7]:
        reading = engine.probe(function, float(row[0]), order=2, params={"a": 2.0})
        assert [float(v) for v in row[1:]] == pytest.approx(list(reading.values), rel=1e-9, abs=1e-9)


def _csv_rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_export_draws_a_saved_session_and_options_change_it(tmp_path):
    from explorer.cli.arguments import parameter_settings
    from explorer.headless import export_document
    from explorer.model import Engine, parse

    state = DocumentState(text="a x^3 - x", parameters=(ParameterSetting("a", 2.0, -1.0, 3.0),), x_range=(-2.0, 3.0),
                          x0=0.5, orders=(1, 2), layout="stacked", stacked_y_ranges=((1, (-5.0, 30.0)),))
    session = tmp_path / "lesson.slope"
    save_document(state, session)
    # the picture is the session's own: layout, view and stacked ranges included
    opened, direct, overlay = tmp_path / "opened.png", tmp_path / "direct.png", tmp_path / "overlay.png"
    assert main(["export", "--open", str(session), "-o", str(opened), "--size", "800x600"]) == 0
    export_document(state, direct, (800, 600))
    assert QImage(str(opened)) == QImage(str(direct))
    assert main(["export", "--open", str(session), "-o", str(overlay), "--size", "800x600", "--layout", "overlay"]) == 0
    assert QImage(str(overlay)) != QImage(str(direct))
    # the data too, with the session's parameter value, and then with options given
    engine, function = Engine(), parse(state.text)
    for extra, a, (low, high), header in (([], 2.0, (-2.0, 3.0), ["x", "f", "f'", "f''"]),
                                          (["--param", "a=0.5", "--xrange", "-1", "1", "--orders", "1"], 0.5,
                                           (-1.0, 1.0), ["x", "f", "f'"])):
        data = tmp_path / "data.csv"
        assert main(["export", "--open", str(session), "-o", str(data), *extra]) == 0
        rows = _csv_rows(data)
        assert rows[0] == header and (float(rows[1][0]), float(rows[-1][0])) == (low, high)
        for row in rows[1 :: len(rows) // 5]:
            reading = engine.probe(function, float(row[0]), order=len(header) - 2, params={"a": a})
            assert [float(v) for v in row[1:]] == pytest.approx(list(reading.values), rel=1e-9, abs=1e-9)
    # a value given on the command line widens the saved slider's range to hold it
    assert parameter_settings(function, state.parameters, [("a", 5.0)]) == (ParameterSetting("a", 5.0, -1.0, 5.0),)
    assert parameter_settings(parse("a x + b"), state.parameters, []) == (
        ParameterSetting("a", 2.0, -1.0, 3.0), ParameterSetting("b"))


def test_function_starting_with_a_minus(tmp_path):
    path = tmp_path / "neg.csv"
    assert main(["export", "-x^2", "-o", str(path), "--xrange", "-1", "1"]) == 0
    assert path.read_text().splitlines()[1].split(",")[1] == "-1.0"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "x^2 +* 3", "-o", "{dir}/f.png"], "column"),
        (["export", "x^2", "-o", "{dir}/f.jpg"], ".jpg is not one of"),
        (["export", "x^2", "-o", "{dir}/missing/f.png"], "does not exist"),
        (["export", "x^2", "-o", "{dir}/f.png", "--size", "big"], "--size"),
        (["export", "x^2", "-o", "{dir}/f.png", "--size", "0x10"], "--size"),
        (["export", "x^2", "-o", "{dir}/f.png", "--param", "a"], "NAME=VALUE"),
        (["export", "a x^2", "-o", "{dir}/f.png", "--param", "b=1"], "unknown parameter b"),
        (["export", "x^2", "-o", "{dir}/f.png", "--xrange", "2", "1"], "--xrange"),
        (["export", "x^2", "-o", "{dir}/f.png", "--orders", "1,x"], "--orders"),
        (["export", "x^2", "-o", "{dir}/f.png", "--orders", "1,7"], "(1 to 6)"),
        (["table", "x^2", "--order", "7"], "from 0 to 6"),
        (["export", "-o", "{dir}/f.png"], "give a function"),
        (["table", "x^2", "--at", "one"], "--at"),
        (["--open", "{dir}/none.slope"], "cannot open"),
        (["export", "--open", "{dir}/none.slope", "-o", "{dir}/f.png"], "cannot open"),
        (["export", "x^2", "--open", "{dir}/none.slope", "-o", "{dir}/f.png"], "not both"),
    ],
)
def test_bad_input_is_one_line_and_status_2_and_leaves_no_file(tmp_path, capsys, args, words):
    args = [a.replace("{dir}", str(tmp_path)) for a in args]
    assert main(args) == 2
    assert words in _one_line_error(capsys)
    assert os.listdir(tmp_path) == []


def test_table_names_corners_and_their_one_sided_slopes(capsys):
    assert main(["table", "|x|", "--at", "-1", "0", "2", "--order", "1"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["kind"] for r in rows] == ["smooth", "corner", "smooth"]
    assert rows[1]["f'"] == "" and float(rows[1]["left_slope"]) == -1 and float(rows[1]["right_slope"]) == 1
    assert float(rows[2]["f'"]) == 1


def test_table_json_with_parameters(capsys):
    assert main(["table", "a x^2", "--at", "3", "--param", "a=0.5", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["f"] == pytest.approx(4.5) and row["f'"] == pytest.approx(3.0) and row["df/da"] == pytest.approx(9.0)


def test_table_json_a_partial_that_does_not_exist_is_null(capsys):
    """∂/∂a |a x| at a = 0 is −x on one side and x on the other: none at a = 0 (it was printed as 0).
    The keys and kinds stay those of every table: null, as for a slope that does not exist."""
    assert main(["table", "|a x|", "--at", "0.5", "1", "--order", "1", "--param", "a=0", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [list(row) for row in rows] == [["x", "f", "f'", "kind", "left_slope", "right_slope", "df/da"]] * 2
    assert [row["df/da"] for row in rows] == [None, None]
    assert main(["table", "|a x|", "--at", "1", "--order", "1", "--param", "a=0.5", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["df/da"] == 1.0


def test_launch_passes_the_function_or_the_opened_session(tmp_path, monkeypatch):
    import explorer.launch as launch

    calls = []
    monkeypatch.setattr(launch, "run_app",
                        lambda text=None, state=None, path=None: calls.append((text, state, path)) or 0)
    assert main(["x^3 - 3x"]) == 0
    state = DocumentState(text="cos x", x0=0.25)
    save_document(state, tmp_path / "s.slope")
    assert main(["--open", str(tmp_path / "s.slope")]) == 0
    assert main([]) == 0
    assert calls == [("x^3 - 3x", None, None), (None, state, tmp_path / "s.slope"), (None, None, None)]


def test_launch_hands_a_typo_to_the_window(monkeypatch):
    """The window shows the message at the column (a windowed build has no stderr to print it on)."""
    import explorer.launch as launch

    calls = []
    monkeypatch.setattr(launch, "run_app", lambda text=None, state=None, path=None: calls.append(text) or 0)
    assert main(["x^^"]) == 0
    assert calls == ["x^^"]


def test_self_test_dispatches(monkeypatch):
    import explorer.selftest as selftest

    monkeypatch.setattr(selftest, "main", lambda: 7)
    assert main(["--self-test"]) == 7
