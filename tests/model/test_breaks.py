"""Locating a guard's critical point inside a grid segment, for many segments at once."""

import math

import torch

from explorer.model.special_points.breaks import _bisect


def test_critical_points_are_located_to_a_trillionth_of_their_segment():
    centres = torch.tensor([math.pi / 3, -math.e / 7, 0.123456789], dtype=torch.float64)
    lo, hi = centres - 0.013, centres + 0.021
    shift = {"c": centres}

    def guard(x, params):  # x − c, one c per bracket, broadcast over the points of a round
        return x - params["c"]

    found = _bisect(guard, torch.sign, lo, hi, shift)
    assert torch.all((found - centres).abs() <= 1e-12 * (hi - lo))


def test_where_the_side_changes_twice_the_first_change_is_taken():
    lo, hi = torch.tensor([0.0], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64)
    found = _bisect(lambda x, _p: (x - 0.25) * (x - 0.75), torch.sign, lo, hi, {})
    assert abs(found.item() - 0.25) < 1e-12


def test_an_undefined_stretch_counts_as_a_change():
    """sqrt's argument read where it is NaN (outside a nested domain): the edge of the defined part."""
    lo, hi = torch.tensor([0.0], dtype=torch.float64), torch.tensor([1.0], dtype=torch.float64)
    found = _bisect(lambda x, _p: torch.where(x < 0.4, torch.ones_like(x), torch.full_like(x, math.nan)),
                    torch.sign, lo, hi, {})
    assert abs(found.item() - 0.4) < 1e-12
