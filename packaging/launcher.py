"""Entry script of the packaged app (PyInstaller runs this instead of the `slope-explorer` wrapper).

The window's engine runs in a child process started from this same executable: `freeze_support`
turns such a start into that process and never returns from it. Where a command computes in this
process (export, table, the self-test), torch is imported before anything touches PySide6: on
Windows, Qt's DLLs loaded first make torch's c10.dll fail to initialise ("WinError 1114"). The
window's own process never imports torch, and the engine's process never imports Qt.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from explorer.cli import computes_here

    if computes_here(sys.argv[1:]):
        import torch  # noqa: F401  (import order matters; see above)

    from explorer.__main__ import main

    sys.exit(main())
