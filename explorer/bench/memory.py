"""Peak extra memory of one sampling call, each measured in a fresh process so that neither recipe
inherits the other's heap.

CPU: the kernel's resident-set high-water mark (VmHWM), reset just before the call through
/proc/self/clear_refs, minus the resident set at that moment; glibc is told to give every large
block back to the system when it is freed, so the mark follows live tensors, not allocator slack.
Where the mark cannot be reset, the rise of ru_maxrss stands in (a lower bound: an earlier peak,
at import time say, hides the part of the call's peak below it).
CUDA: torch.cuda.max_memory_allocated after reset_peak_memory_stats, minus memory allocated before.

Run as ``python -m explorer.bench.memory RECIPE ENTRY N ORDER DEVICE``; prints one JSON object.
"""

from __future__ import annotations

import gc
import json
import os
import re
import resource
import subprocess
import sys

import torch

from explorer.bench.functions import CORPUS, X_RANGE
from explorer.bench.recipes import prepare

#: Fixed threshold: blocks above 128 KiB are mmap'ed and unmapped on free (no dynamic raise).
_CHILD_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}


def measure_in_subprocess(recipe: str, entry_index: int, n: int, order: int, device: str) -> dict[str, object]:
    """Peak extra bytes of `recipe` ("engine" or "naive") on CORPUS[entry_index], in a fresh process.

    Returns {"extra_bytes", "result_bytes" (x and the values handed back), "method", "threads"}.
    """
    command = [sys.executable, "-m", "explorer.bench.memory", recipe, str(entry_index), str(n), str(order), device]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ, **_CHILD_ENV}, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory measurement of {recipe} failed:\n{done.stderr.strip()}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE).group(1))


def _reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def _peak_extra_cpu(call) -> tuple[int, str]:
    if _reset_peak_rss():
        before = _status_kib("VmRSS")
        call()
        return (_status_kib("VmHWM") - before) * 1024, "VmHWM (reset by /proc/self/clear_refs) minus VmRSS before"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    call()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024, "ru_maxrss rise (a lower bound)"


def _peak_extra_cuda(call) -> tuple[int, str]:
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    before = torch.cuda.memory_allocated()
    call()
    torch.cuda.synchronize()
    return torch.cuda.max_memory_allocated() - before, "torch.cuda.max_memory_allocated delta"


def _main(recipe: str, entry_index: str, n: str, order: str, device: str) -> None:
    entry = CORPUS[int(entry_index)]
    sample = prepare(recipe, entry.build(), int(order), entry.params, device)
    sample(*X_RANGE, 1000)  # warm up: compile caches and lazy library loading are not the call's memory
    gc.collect()
    measure = _peak_extra_cuda if device.startswith("cuda") else _peak_extra_cpu
    results = []
    extra, method = measure(lambda: results.extend(sample(*X_RANGE, int(n))))
    result_bytes = sum(array.nbytes for array in results)
    print(json.dumps({"extra_bytes": extra, "result_bytes": result_bytes, "method": method,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    _main(*sys.argv[1:])
