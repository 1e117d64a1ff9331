"""What the figures were measured on: they mean nothing without it."""

from __future__ import annotations

import os
import platform
import time

import numpy as np
import sympy
import torch


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def calibration_ms() -> float:
    """Best of five runs of a fixed pure-Python loop: how fast this machine runs Python right now.

    On a shared virtual machine the same code ran 1.5–2× slower from one hour to the next with the
    load average unchanged; this figure, taken at the start and the end, says which kind of hour it was.
    """
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1e3, 1)


def machine_info() -> dict[str, object]:
    info: dict[str, object] = {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "sympy": sympy.__version__,
        "numpy": np.__version__,
        "torch_threads_default": torch.get_num_threads(),
        "cuda_available": torch.cuda.is_available(),
        # Other work on the machine slows every figure: say how busy it was.
        "load_average_1m_at_start": load_average(),
        "calibration_ms_at_start": calibration_ms(),
    }
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
    return info
