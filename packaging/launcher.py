"""Entry script of the packaged app (PyInstaller runs this instead of the `slope-explorer` wrapper).

torch is imported before anything touches PySide6: on Windows, Qt's DLLs loaded first make
torch's c10.dll fail to initialise ("WinError 1114"), and the order costs nothing elsewhere.
"""

import sys

import torch  # noqa: F401  (import order matters; see above)

from explorer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
