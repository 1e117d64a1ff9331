"""Programs: a Function's plain-data form, which the engine's process runs without sympy."""

import dataclasses
import pickle
import subprocess
import sys

import numpy as np
import pytest
import sympy
from sympy import Abs, Heaviside, Max, Min, ceiling, floor, sign, tan

from explorer.model import Engine
from explorer.model.function import Function
from explorer.model.program import Program
from tests.model.corpus import CASES, a, x

PIECEWISE = (
    Function("floor ceil sign", floor(2 * x) + ceiling(x) / 3 + sign(x - 1)),
    Function("heaviside min max", Heaviside(x) + Heaviside(x - 1, 1) + Min(x, 1, x**2) + Max(x, -x / 2)),
    Function("|x| tan", Abs(x) + tan(x) / 10),
    Function("constant", sympy.pi + 1),
    Function("a^x", a**x + 2**(a * x), ("a",)),
)
FUNCTIONS = (*(case.function() for case in CASES), *PIECEWISE)
PARAMS = {"a": 1.7, "b": 3.0}


@pytest.fixture(scope="module")
def engine():
    return Engine(device="cpu")


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.text for f in FUNCTIONS])
def test_a_sent_program_computes_what_its_function_does(engine, function):
    """Samples (breaks included) and a probe from the program alone, after a round trip through
    pickle as to the engine's process, equal the Function's to the last bit."""
    program = pickle.loads(pickle.dumps(function.program))
    assert isinstance(program, Program) and program.parameters == function.parameters
    params = {name: PARAMS[name] for name in function.parameters}
    for source in (function, program):
        assert engine.compiled(source).text == function.text
    expected = engine.sample(function, -3, 3, 1201, 3, params)
    got = engine.sample(program, -3, 3, 1201, 3, params)
    np.testing.assert_array_equal(got.values, expected.values)
    np.testing.assert_array_equal(got.connected, expected.connected)
    for point in (-1.0, 0.0, 0.5):
        from_program, from_function = engine.probe(program, point, 2, params), engine.probe(function, point, 2, params)
        if from_program.undecided:  # a slowly settling limit (x·ln x at 0) that only sympy decides
            assert not from_function.undecided
            sympy_decides = {"left_value", "right_value", "left_slope", "right_slope", "undecided"}
            for field in dataclasses.fields(from_program):
                if field.name not in sympy_decides:
                    assert getattr(from_program, field.name) == getattr(from_function, field.name), field.name
        else:
            assert from_program == from_function


def test_a_function_is_lowered_once():
    function = Function("sin x", sympy.sin(x))
    assert function.program is function.program


ENGINE_PROCESS = """
import pickle, sys
from explorer.model import Engine
program = pickle.loads(sys.stdin.buffer.read())
curves = Engine(device="cpu", fuse=False, threads=1).sample(program, -3, 3, 601, 2, {"a": 1.7})
sympy_modules = sorted(m for m in sys.modules if m.startswith("sympy"))
sys.stdout.buffer.write(pickle.dumps((curves.values, curves.connected, sympy_modules)))
"""


def test_the_engine_runs_a_program_without_importing_sympy(engine):
    """What the engine's process gains at launch: torch alone, no half second of sympy before the first curve."""
    function = Function("tan x + a/x + x^(1/3)", tan(x) + a / x + x ** sympy.Rational(1, 3), ("a",))
    done = subprocess.run([sys.executable, "-c", ENGINE_PROCESS], input=pickle.dumps(function.program),
                          capture_output=True, check=True)
    values, connected, sympy_modules = pickle.loads(done.stdout)
    assert sympy_modules == []
    expected = engine.sample(function, -3, 3, 601, 2, {"a": 1.7})
    np.testing.assert_array_equal(values, expected.values)
    np.testing.assert_array_equal(connected, expected.connected)
    assert (~connected[0, :-1]).sum() >= 3  # it broke at the poles of tan and 1/x
