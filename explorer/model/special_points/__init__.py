"""Special points: where f or a derivative may break, and what really happens there.

Three steps, one module each, in the order the engine uses them:

- `guards.py` reads the sympy tree for the quantities whose critical set holds every candidate
  (a denominator at 0, |u| at u = 0, tan u where cos u = 0, floor u at an integer …);
- `breaks.py` finds where a sampled curve crosses one and must not be drawn as one line;
- `classification.py` judges a point from one-sided limits: smooth, corner, cusp, vertical,
  undefined or discontinuous, instead of the number autograd happens to return there.

This file imports nothing: guards need sympy and breaks need torch, and each caller (the parser's
`Function`, the engine) imports only the step it runs.
"""
