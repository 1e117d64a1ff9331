"""Features of the curve on an interval: zeros, extrema, inflections, corners, cusps, vertical
tangents, holes, asymptotes, jumps and domain edges, with the sign charts of f′ and f″.

`result.py` holds the plain values a caller gets (no torch, no sympy: the window's process draws
them); the search that fills them in lives beside it.
"""
