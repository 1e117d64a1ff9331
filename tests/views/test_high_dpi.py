"""On a screen scaled 2x (QT_SCALE_FACTOR=2) the curves are as thick, in the screen's own pixels,
as everything else: twice the pixels of a 1x screen, not a hairline. Each scale needs a process of
its own (Qt reads the factor at start)."""

import os
import subprocess
import sys

import pytest

MEASURE = r"""
import numpy as np
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from explorer.app.in_process_engine import InProcessEngine
from explorer.app.session import Session
from explorer.app.state import DocumentState
from explorer.model import Engine
from explorer.views.main_window import MainWindow

app = QApplication([])
session = Session(DocumentState(text="x", orders=(), show_tangent=False, x_range=(-4.0, 4.0), y_range=(-4.0, 4.0)),
                  engine=InProcessEngine(Engine()))
window = MainWindow(session)
window.show()
while session.last_reading is None or session.busy:
    QTest.qWait(20)
QTest.qWait(200)
image = window.plot_view.graphics.grab().toImage().convertToFormat(QImage.Format.Format_RGBA8888)
rgba = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).reshape(
    image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].astype(int)
colour = np.array((0x1F, 0x4E, 0x99))
# Across the line y = x: the share of each row that is the curve's colour (a diagonal line's
# horizontal cross-section is its width times sqrt(2)).
near = np.abs(rgba - colour).max(axis=-1) <= 60
rows = near.sum(axis=1)
print(float(np.median(rows[rows > 0])))
"""


def thickness(scale: int) -> float:
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale), QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.getcwd())
    done = subprocess.run([sys.executable, "-c", MEASURE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return float(done.stdout.split()[-1])


def test_curves_are_twice_as_many_pixels_thick_on_a_2x_screen():
    assert thickness(2) == pytest.approx(2 * thickness(1), rel=0.25)
