"""Slope Explorer's benchmark: ``python -m explorer.bench [--json] [--quick] [--device cpu|cuda]``.

Speed is measured here, never asserted in a timed test. The model section compares the engine's
`sample` with two baselines over grid sizes and derivative orders, times what a student waits for
(a keystroke: parse, compile, sample f, f′, f″; a tangent drag: probe), measures peak memory in
fresh processes, and marks each of the project's targets PASS or MISS. Sections are listed in
`sections.py`; each returns tables for the text report and a dict for --json.
"""
