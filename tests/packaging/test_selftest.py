"""`slope-explorer --self-test` from the source tree: the same checks the packaged app runs."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from explorer import selftest

# Showing a window on the offscreen platform always logs this; it says nothing about the app.


@pytest.fixture
def report_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setattr(selftest, "report_dir", lambda: tmp_path)
    return tmp_path / selftest.REPORT_NAME


def test_every_check_passes_on_the_real_stack(qapp, report_in_tmp, capsys):
    status = selftest.main()
    report = report_in_tmp.read_text(encoding="utf-8")
    assert status == 0, report
    for name in ("parse", "torch autograd", "engine", "render", "export"):
        assert f"PASS  {name}:" in report
    assert "f'(2)=233" in report
    assert str(report_in_tmp) in capsys.readouterr().out


def test_a_broken_layer_fails_the_run_and_is_named(qapp, report_in_tmp, monkeypatch):
    def broken_engine():
        raise ImportError("libtorch_cpu.so: cannot open shared object file")

    monkeypatch.setattr(selftest, "check_engine", broken_engine)
    assert selftest.main() == 1
    report = report_in_tmp.read_text(encoding="utf-8")
    assert "FAIL  engine: ImportError: libtorch_cpu.so: cannot open shared object file" in report
    assert "PASS  torch autograd:" in report  # the other checks still ran
    assert report.rstrip().splitlines()[-1].startswith("FAILED")


def test_wrong_autograd_values_are_reported(monkeypatch):
    monkeypatch.setitem(selftest.EXPECTED, "f'", 234.0)
    with pytest.raises(AssertionError, match="expected"):
        selftest.check_torch_autograd()


def test_report_goes_to_temp_when_beside_the_executable_is_read_only(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "slope-explorer"))
    monkeypatch.setattr(selftest.os, "access", lambda path, mode: False)
    assert selftest.report_dir() == Path(tempfile.gettempdir())


def test_frozen_report_sits_beside_the_executable(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "slope-explorer"))
    assert selftest.report_dir() == tmp_path


def test_blank_and_drawn_images_are_told_apart(qapp):
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert selftest._non_background_fraction(image) == 0.0
    painter = QPainter(image)
    painter.fillRect(0, 0, 50, 100, QColor("navy"))
    painter.end()
    assert selftest._non_background_fraction(image) == pytest.approx(0.25)


def test_padded_scanlines_are_read_correctly(qapp):
    """Widths whose rows are padded in memory (odd widths in 8-bit formats) must not skew the count."""
    image = QImage(33, 7, QImage.Format.Format_Grayscale8)
    image.fill(255)
    image.setPixelColor(0, 0, QColor("black"))
    assert selftest._non_background_fraction(image) == pytest.approx(1 / (33 * 7))
    assert np.isclose(selftest._non_background_fraction(QImage()), 0.0)


def test_command_line_exit_status(tmp_path):
    """The real command: `python -m explorer --self-test` in a fresh process, headless."""
    env = {**selftest.os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "explorer", "--self-test"], capture_output=True,
                            text=True, env=env, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / selftest.REPORT_NAME).read_text(encoding="utf-8") in result.stdout
    assert result.stderr == ""  # not even the offscreen platform's notices about size hints


def test_only_the_offscreen_notice_is_left_out(tmp_path):
    """Any other Qt message of the self-test's run still reaches stderr, as Qt would print it."""
    code = ("from PySide6.QtCore import qWarning\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from explorer import selftest\n"
            "app = QApplication([])\n"
            "with selftest.offscreen_notice_left_out():\n"
            "    qWarning(selftest.OFFSCREEN_NOTICE)\n"
            "    qWarning('something else went wrong')\n"
            "qWarning(selftest.OFFSCREEN_NOTICE)\n")
    env = {**selftest.os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_MESSAGE_PATTERN": "%{message}"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["something else went wrong", selftest.OFFSCREEN_NOTICE]
