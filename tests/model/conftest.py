"""Fixtures shared by the model's tests."""

import pytest

from explorer.model.engine import Engine


@pytest.fixture(scope="module")
def engine():
    """The eager engine (no fused kernels) that a test module reads points and grids from; a module
    that needs another kind (fused, one thread) defines its own `engine`."""
    return Engine(device="cpu", fuse=False)
