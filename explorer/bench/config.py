"""How much to measure: the full run (a few minutes on two cores) or `--quick` (seconds, for tests)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchConfig:
    devices: tuple[str, ...] = ("cpu",)
    #: Grid sizes and derivative orders of the engine-against-baselines sweep.
    sizes: tuple[int, ...] = (10**3, 10**4, 10**5, 10**6)
    orders: tuple[int, ...] = (0, 1, 2, 3, 4)
    #: How many corpus functions each part uses (None: all of its functions).
    sweep_functions: int | None = None
    latency_functions: int | None = None
    #: The interactive figures: the grid drawn while typing, and probes per function.
    latency_n: int = 4000
    latency_order: int = 2
    latency_reps: int = 3
    probe_points: int = 20
    #: Peak memory is measured at this size and order, on this many throughput functions.
    memory_n: int = 10**6
    memory_order: int = 3
    memory_functions: int = 3
    #: Repetitions of one sweep cell: as many as fit in the budget, within [min_reps, max_reps].
    #: Two at least: on a shared machine a single call can be several times slower than the next.
    rep_budget_s: float = 0.4
    min_reps: int = 2
    max_reps: int = 5
    #: The naive recipe skips higher orders at a size once one of its calls took longer than this.
    naive_cap_s: float = 3.0

    @classmethod
    def quick(cls, devices: tuple[str, ...] = ("cpu",)) -> BenchConfig:
        return cls(
            devices=devices,
            sizes=(200, 2000),
            orders=(0, 1, 3),
            sweep_functions=2,
            latency_functions=4,
            latency_n=400,
            latency_reps=1,
            probe_points=3,
            memory_n=200_000,
            memory_functions=1,
            rep_budget_s=0.02,
            min_reps=1,
            max_reps=2,
        )
