"""Pictures and tables for worksheets: the legend where it hides the least, dark pictures on request,
the x₀ point as big relative to the picture at any size, where the export went, and round x steps."""

import csv
import os
import subprocess
import sys

import numpy as np
import pytest
import sympy
from PySide6.QtGui import QImage

from explorer.app.state import DocumentState

from .readers import pixels

F_LIGHT = (0x1F, 0x4E, 0x99)


def cli(*args, cwd):
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def vertical_runs(image_path, colour, tolerance=12) -> np.ndarray:
    """Per column, the tallest stack of `colour` pixels: a flat curve's thickness, or the x₀ point's
    diameter in the columns it covers."""
    rgba = pixels(QImage(str(image_path)))
    near = np.abs(rgba[..., :3].astype(int) - np.array(colour)).max(axis=-1) <= tolerance
    tallest = []
    for column in near.T:
        edges = np.diff(np.concatenate(([0], column.astype(int), [0])))
        runs = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
        tallest.append(int(runs.max()) if len(runs) else 0)
    return np.array(tallest)


@pytest.mark.parametrize("size", ["800x500", "3200x2000"])
def test_the_x0_point_keeps_its_size_against_the_lines(tmp_path, size):
    """On screen the point is 11 px across on a 2.5 px curve; so it is in a picture of any size."""
    from explorer.views.plot_view import POINT_SIZE

    path = tmp_path / "flat.png"
    done = cli("export", "1", "-o", str(path), "--size", size, "--orders", "", "--no-tangent",
               "--yrange", "0", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    runs = vertical_runs(path, F_LIGHT)
    line = np.median(runs[runs > 0])
    assert runs.max() / line == pytest.approx(POINT_SIZE / 2.5, rel=0.25)


def test_dark_pictures_on_request_light_by_default(tmp_path):
    for name, extra in (("light.png", ()), ("dark.png", ("--dark",))):
        done = cli("export", "x^2", "-o", str(tmp_path / name), "--size", "400x250", *extra, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    light = pixels(QImage(str(tmp_path / "light.png")))[..., :3].mean()
    dark = pixels(QImage(str(tmp_path / "dark.png")))[..., :3].mean()
    assert light > 200 and dark < 70


def test_help_says_the_caption_goes_below_the_plot(tmp_path):
    done = cli("export", "--help", cwd=tmp_path)
    assert "below the plot" in " ".join(done.stdout.split()) and "above the plot" not in done.stdout


def test_step_gives_a_table_at_round_x(tmp_path):
    path = tmp_path / "table.csv"
    done = cli("export", "x^3 - 3x", "-o", str(path), "--step", "0.5", "--orders", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["x", "f", "f'"]
    x = sympy.Symbol("x")
    f = x ** 3 - 3 * x
    assert [row[0] for row in rows[1:]] == [repr(float(k) / 2) for k in range(-8, 9)]
    for row in rows[1:]:
        at = sympy.Rational(row[0])
        assert float(row[1]) == pytest.approx(float(f.subs(x, at)), abs=1e-12)
        assert float(row[2]) == pytest.approx(float(sympy.diff(f, x).subs(x, at)), abs=1e-12)


def test_step_tenths_are_exact_decimals(tmp_path):
    path = tmp_path / "tenths.csv"
    done = cli("export", "x", "-o", str(path), "--step", "0.1", "--xrange", "-0.3", "0.3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [line.split(",")[0] for line in path.read_text().splitlines()[1:]] == [
        "-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2", "0.3"]


@pytest.mark.parametrize(("args", "message"), [
    (("-o", "p.png", "--step", "1"), "--step is for a CSV table"), (("-o", "t.csv", "--step", "0"), "positive"),
])
def test_step_misused_is_one_line_and_exit_2(tmp_path, args, message):
    done = cli("export", "x", *args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and done.stderr.count("\n") == 1


def test_the_legend_covers_none_of_a_parabola(open_window_in_export):
    window = open_window_in_export(DocumentState(text="x^2", orders=()))
    box = window.plot_view.main_plot.getViewBox()
    legend = box.mapSceneToView(window.plot_view.legend.sceneBoundingRect()).boundingRect()
    xs = np.linspace(*box.viewRange()[0], 4001)
    ys = xs ** 2
    inside = (xs >= legend.left()) & (xs <= legend.right()) & (ys >= legend.top()) & (ys <= legend.bottom())
    assert not inside.any()


def test_an_export_says_where_it_went_and_can_be_dark(open_window_in_export, tmp_path):
    from explorer.views.export_dialog import ImageOptions

    window = open_window_in_export(DocumentState(text="x^2"))
    path = tmp_path / "worksheet.png"
    assert window.file_actions.export_image_to(path, ImageOptions(".png", (400, 250), False, False, dark=True))
    assert window.statusBar().currentMessage() == f"Exported to {path}"
    assert pixels(QImage(str(path)))[..., :3].mean() < 70
    assert not window.plot_view.theme.dark  # the window keeps the desktop's colours
    data = tmp_path / "curves.csv"
    assert window.file_actions.export_data(data)
    assert window.statusBar().currentMessage() == f"Exported to {data}"
