"""Slope Explorer: type a function, see its derivative."""

__version__ = "0.1.0"
