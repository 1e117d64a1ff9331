"""``python -m explorer.bench``: measure, print a table (or one JSON object with --json)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

import torch

from explorer.bench.config import BenchConfig
from explorer.bench.machine import calibration_ms, load_average, machine_info
from explorer.bench.report import as_json, render_text
from explorer.bench.sections import SECTIONS, run_section


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m explorer.bench",
        description="Measure Slope Explorer on this machine and compare the figures with the project's targets.")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: seconds, for tests and CI")
    parser.add_argument("--device", choices=("cpu", "cuda"),
                        help="measure only this device (default: cpu, and cuda when available)")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default and choices: {','.join(SECTIONS)})")
    return parser.parse_args(argv)


def chosen_devices(requested: str | None) -> tuple[str, ...]:
    if requested == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: no CUDA device is available to this torch build")
    if requested:
        return (requested,)
    return ("cpu", "cuda") if torch.cuda.is_available() else ("cpu",)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    sections = [name.strip() for name in arguments.sections.split(",") if name.strip()]
    unknown = [name for name in sections if name not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    devices = chosen_devices(arguments.device)
    config = BenchConfig.quick(devices) if arguments.quick else BenchConfig(devices=devices)
    machine = machine_info()
    results = [run_section(name, config) for name in sections]
    machine["load_average_1m_at_end"] = load_average()
    machine["calibration_ms_at_end"] = calibration_ms()
    if arguments.json:
        json.dump(as_json(machine, dataclasses.asdict(config), results), sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print(render_text(machine, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
