"""The model layer is pure Python + sympy + torch: importing all of it must not load Qt."""

import subprocess
import sys


def test_model_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, explorer.model as m\n"
        "for info in pkgutil.iter_modules(m.__path__): importlib.import_module('explorer.model.' + info.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
