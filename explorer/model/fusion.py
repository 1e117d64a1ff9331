"""Fused kernels: f … f^(k) of one expression compiled by torch.compile into one pass over the grid.

The eager engine runs one torch operation at a time and walks an autograd graph per chunk. A fused
kernel is the same autograd — torch.func.grad nested k times — traced once and compiled by
inductor, so it reads x once and writes the k+1 rows once (f…f‴ at n = 1e6 here: 3.6–9× faster
than the eager path, whole `sample` calls compared). Compiling takes seconds, so a kernel is only
ever built on a background thread and no caller waits for one: `Engine.sample` uses a kernel once
it is ready and stays eager until then. Where torch.compile cannot work (no C++ compiler, a
packaged app, an expression it cannot trace) the engine stays eager, for good, for that expression.

Kernels take a 1-D grid of at least two points and one value per parameter (a 0-dim tensor); the
grid's length is the only dynamic size, so a new length never recompiles.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import shutil
import sys
import sysconfig
import threading
import types
import weakref
from collections.abc import Callable, Mapping
from concurrent.futures import Future

import torch
from torch.func import grad

from explorer.model.program.compiling import Compiled

Tensor = torch.Tensor
Kernel = Callable[[Tensor, Mapping[str, Tensor]], Tensor]
log = logging.getLogger(__name__)

#: `Engine.sample` starts building a kernel by itself for a function sampled on a grid of this size
#: or more this many times: below that size the eager path takes milliseconds, less than the seconds
#: of a core that compiling takes, and a one-off sample would pay for a kernel it never uses
#: (compiling also holds about 100 MB while it runs).
FUSE_MIN_N = 100_000
FUSE_AFTER_SAMPLES = 2
#: Set to "off" to keep every engine eager (for comparisons, and where compiling misbehaves).
FUSION_ENV = "SLOPE_EXPLORER_FUSION"
_ids = itertools.count()


def unavailable_reason(device: str) -> str | None:
    """Why fused kernels cannot be built for `device` here, or None when they can."""
    if os.environ.get(FUSION_ENV, "").lower() == "off":
        return f"turned off by {FUSION_ENV}=off"
    if getattr(sys, "frozen", False):
        return "a packaged app: the compiler's worker processes would start the app's executable"
    if not torch._dynamo.is_dynamo_supported():
        return f"torch.compile does not support Python {sys.version_info.major}.{sys.version_info.minor}"
    if not os.path.exists(os.path.join(sysconfig.get_path("include"), "Python.h")):
        return "no Python headers (Python.h), which inductor's kernels are built against"
    if device == "cpu":
        compilers = (os.environ.get("CXX", ""), "g++", "clang++")
        if not any(name and shutil.which(name) for name in compilers):
            return "no C++ compiler (g++ or clang++) for inductor's CPU kernels"
        return None
    if device == "cuda":
        from torch.utils._triton import has_triton

        return None if has_triton() else "no triton for inductor's GPU kernels"
    return f"inductor has no backend for {device}"


def _elementwise_derivative(f: Kernel) -> Kernel:
    """f′ at every point: f acts elementwise, so the gradient of its sum is its derivative."""
    return lambda x, p: grad(lambda t: f(t, p).sum())(x)


def rows_function(evaluate: Kernel, order: int) -> Kernel:
    """(x, params) -> rows (order+1, n): f … f^(order), NaN where a value does not exist.

    The NaN rule is `derivatives.mark_missing`'s: ±inf is no value, and where f^(k) is missing so
    is f^(k+1). It is written as arithmetic, which inductor fuses into the kernel's one loop: v·0 is
    0 for a finite v and NaN for ±inf or NaN, so adding it marks exactly the missing values (an
    isfinite/where form of the same rule doubled the kernel's time).
    """
    functions = [evaluate]
    for _ in range(order):
        functions.append(_elementwise_derivative(functions[-1]))

    def rows(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        out = []
        for f in functions:
            value = f(x, params)
            poison = value * 0.0 if not out else (out[-1] + value) * 0.0
            out.append(value + poison)
        return torch.stack(out)

    return rows


def _fresh_code(function: Callable) -> Callable:
    """`function` with a code object of its own: torch.compile caches compiled graphs per code
    object, so kernels sharing one would count as recompiles of each other (8 at most)."""
    code = function.__code__.replace(co_name=f"fused_rows_{next(_ids)}")
    return types.FunctionType(code, function.__globals__, code.co_name, function.__defaults__,
                              function.__closure__)


def build_kernel(compiled: Compiled, order: int, device: str, dtype: torch.dtype) -> Kernel:
    """Compile f … f^(order) of `compiled` (seconds: call it off the GUI thread)."""
    compiled_rows = torch.compile(_fresh_code(rows_function(compiled.evaluate, order)), fullgraph=True)
    example = torch.linspace(0.25, 0.75, 16, dtype=dtype, device=device)
    torch._dynamo.mark_dynamic(example, 0)
    params = {name: torch.tensor(0.5, dtype=dtype, device=device) for name in compiled.parameters}
    # Grad mode is part of what a compiled graph assumes; kernels are compiled and run with it on
    # (torch.func.grad under no_grad fails to trace with a dynamic size in torch 2.13).
    with torch.enable_grad():
        compiled_rows(example, params)

    def kernel(x: Tensor, params: Mapping[str, Tensor]) -> Tensor:
        # Anything the graph did not assume runs eagerly instead of compiling on the caller's thread.
        with torch.enable_grad(), torch.compiler.set_stance("eager_on_recompile"):
            return compiled_rows(x, params).detach()

    return kernel


class Kernels:
    """The fused kernels of one engine, built one at a time on a daemon thread, newest request first.

    A kernel lives as long as its Compiled (which lives as long as its Function), so replacing a
    function lets its kernels go.
    """

    def __init__(self, device: str, dtype: torch.dtype):
        self.device, self.dtype = device, dtype
        self._lock = threading.Lock()
        self._entries: weakref.WeakKeyDictionary[Compiled, dict[int, Future]] = weakref.WeakKeyDictionary()
        self._kernels: weakref.WeakKeyDictionary[Compiled, dict[int, Kernel]] = weakref.WeakKeyDictionary()
        self._big_samples: weakref.WeakKeyDictionary[Compiled, dict[int, int]] = weakref.WeakKeyDictionary()
        self._queue: queue.LifoQueue = queue.LifoQueue()
        self._thread: threading.Thread | None = None

    def ready(self, compiled: Compiled, order: int) -> Kernel | None:
        """The kernel for f … f^(order), if it has been built (never waits)."""
        with self._lock:
            return self._kernels.get(compiled, {}).get(order)

    def state(self, compiled: Compiled, order: int) -> str:
        """One of: fused (a kernel is ready), compiling (queued or being built), failed, eager (none asked)."""
        with self._lock:
            if order in self._kernels.get(compiled, {}):
                return "fused"
            future = self._entries.get(compiled, {}).get(order)
        if future is None:
            return "eager"
        return "compiling" if not future.done() else "failed"

    def sampled_big(self, compiled: Compiled, order: int) -> None:
        """Note a big grid sampled eagerly; the FUSE_AFTER_SAMPLES-th one requests the kernel."""
        with self._lock:
            counts = self._big_samples.setdefault(compiled, {})
            counts[order] = counts.get(order, 0) + 1
            due = counts[order] >= FUSE_AFTER_SAMPLES
        if due:
            self.request(compiled, order)

    def request(self, compiled: Compiled, order: int) -> Future:
        """Start building the kernel unless it is built or queued; the future's result says whether
        it was built (False: torch.compile failed, and this expression stays eager). It is cancelled
        if `compiled` is gone before its turn."""
        with self._lock:
            futures = self._entries.setdefault(compiled, {})
            if order in futures:
                return futures[order]
            future = futures[order] = Future()
            self._queue.put((weakref.ref(compiled), order, future))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="fused-kernels", daemon=True)
                self._thread.start()
        return future

    def discard(self, compiled: Compiled, order: int) -> None:
        """Forget a kernel that failed when called; the expression stays eager from now on."""
        with self._lock:
            self._kernels.get(compiled, {}).pop(order, None)

    def _work(self) -> None:
        while True:
            reference, order, future = self._queue.get()
            compiled = reference()
            if compiled is None:
                future.cancel()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                kernel = build_kernel(compiled, order, self.device, self.dtype)
            except Exception as error:  # any failure to compile leaves the eager path
                log.info("no fused kernel for %s, order %d: %s", compiled.text, order, error)
                future.set_result(False)
                continue
            with self._lock:
                self._kernels.setdefault(compiled, {})[order] = kernel
            future.set_result(True)
            del compiled, kernel
