"""The README's two fresh-machine commands: CI runs the test command verbatim, and neither lets pip
take torch's multi-GB CUDA build on an ordinary machine."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CPU_INDEX = "--index-url https://download.pytorch.org/whl/cpu"


def fresh_machine_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def test_readme_has_an_install_and_launch_command_and_a_test_command():
    launch, test = fresh_machine_commands()
    assert launch.endswith("&& slope-explorer")
    assert test.endswith("&& python3 -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = fresh_machine_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_torch_is_installed_from_the_cpu_index_only_when_missing():
    for command in fresh_machine_commands():
        torch_step = command.split(" && ")[0]
        assert torch_step.startswith('(python3 -c "import torch" 2>/dev/null || ')
        assert CPU_INDEX in torch_step and "torch==" in torch_step
