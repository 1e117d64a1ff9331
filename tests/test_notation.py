"""Names and numbers, for people (the window, captions) and for programs (CSV, JSON, messages)."""

import math

import pytest

from explorer.notation import derivative_name, format_number


@pytest.mark.parametrize("value, text", [
    (233.00000000000003, "233"), (-1.0, "\u22121"), (-0.0, "0"), (0.5, "0.5"), (1 / 3, "0.333333"),
    (1.5e-9, "1.5\u00d710\u207b\u2079"), (2e12, "2\u00d710\u00b9\u00b2"), (math.nan, "undefined"),
    (math.inf, "\u221e"), (-math.inf, "\u2212\u221e"),
])
def test_format_number(value, text):
    assert format_number(value) == text


def test_derivative_names():
    assert [derivative_name(k, "") for k in range(5)] == ["f", "f\u2032", "f\u2033", "f\u2034", "f\u207d\u2074\u207e"]
    assert derivative_name(1, "2") == "f\u2032(2)"


@pytest.mark.parametrize("value, text", [
    (0.1 + 0.2, "0.30000000000000004"), (-1.0, "-1.0"), (1e300, "1e+300"), (math.inf, "inf"),
    (-math.inf, "-inf"), (math.nan, ""), (None, ""),
])
def test_data_numbers_read_back_to_the_same_float(value, text):
    assert format_number(value, None, ascii=True) == text
    if text not in ("", "inf", "-inf"):
        assert float(text) == value


@pytest.mark.parametrize("value, text", [
    (1e15, "1e15"), (1e-9, "1e-9"), (1000.0, "1000"), (0.5, "0.5"), (-2e-12, "-2e-12"),
])
def test_numbers_in_messages_are_short_ascii(value, text):
    assert format_number(value, ascii=True) == text


def test_ascii_derivative_names_are_primes_for_any_order():
    assert [derivative_name(k, "", ascii=True) for k in (0, 1, 2, 6)] == ["f", "f'", "f''", "f" + "'" * 6]
    assert derivative_name(6) == "f\u207d\u2076\u207e(x)"
