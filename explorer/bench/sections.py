"""The bench's sections, listed in one place, and what each hands back to the report.

A section is a module with ``run(config: BenchConfig) -> SectionResult``. To add one (a GUI section,
say), write the module and add its name here; `--sections` and the report pick it up.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass, field

from explorer.bench.config import BenchConfig

SECTIONS: dict[str, str] = {
    "model": "explorer.bench.model",
    "gui": "explorer.bench.gui",
}


@dataclass(frozen=True)
class Target:
    """A figure the project promises, next to what was measured (lower is better)."""

    name: str
    measured: float
    limit: float
    unit: str

    @property
    def passed(self) -> bool:
        return math.isfinite(self.measured) and self.measured <= self.limit

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "measured": self.measured, "limit": self.limit, "unit": self.unit,
                "passed": self.passed}


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SectionResult:
    name: str
    tables: list[Table]
    #: Everything measured, for --json: plain numbers, strings, lists and dicts.
    data: dict[str, object]
    targets: list[Target] = field(default_factory=list)


def run_section(name: str, config: BenchConfig) -> SectionResult:
    if name not in SECTIONS:
        raise ValueError(f"unknown section {name!r}; expected one of {', '.join(SECTIONS)}")
    return importlib.import_module(SECTIONS[name]).run(config)
