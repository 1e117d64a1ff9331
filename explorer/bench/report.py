"""Text tables for people, one JSON object for scripts; both from the same section results."""

from __future__ import annotations

import math

from explorer.bench.sections import SectionResult, Table, Target


def render_table(table: Table) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(table.header, *table.rows)]
    lines = [table.title, "  ".join(h.ljust(w) for h, w in zip(table.header, widths)),
             "  ".join("-" * w for w in widths)]
    # Labels (first column) read left to right; numbers line up on their last digit.
    lines += ["  ".join([row[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:]))])
              for row in table.rows]
    lines += [f"  note: {note}" for note in table.notes]
    return "\n".join(lines)


def render_target(target: Target) -> str:
    mark = "PASS" if target.passed else "MISS"
    measured = f"{target.measured:.3g}" if math.isfinite(target.measured) else "not measured"
    return f"  [{mark}] {target.name}: {measured} {target.unit} (target ≤ {target.limit:g} {target.unit})"


def render_text(machine: dict[str, object], results: list[SectionResult]) -> str:
    parts = ["machine: " + ", ".join(f"{key}={value}" for key, value in machine.items())]
    for result in results:
        parts += [render_table(table) for table in result.tables]
    targets = [target for result in results for target in result.targets]
    if targets:
        parts.append("targets:\n" + "\n".join(render_target(target) for target in targets))
    return "\n\n".join(parts)


def as_json(machine: dict[str, object], config: dict[str, object], results: list[SectionResult]) -> dict:
    """Plain JSON (NaN and infinities, which JSON lacks, become null)."""
    return _json_safe({
        "machine": machine,
        "config": config,
        "sections": {result.name: result.data for result in results},
        "targets": [target.as_json() for result in results for target in result.targets],
    })


def _json_safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    return value
