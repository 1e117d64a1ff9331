"""Student syntax -> sympy: `parse(text)` gives a Function, or raises `ParseError(message, column)`.

The package's face is `parse`, `ParseError` and `excerpt` (a short quote around an error's column);
how the text is read lives in its modules: `lexer` (characters -> tokens), `bars` (which |
opens and which closes), `grammar` (the recursive descent and its reading rules), `build` (the
sympy tree from the whitelist in `words`), `errors` and `limits` (what keeps any text fast).

Names are imported on first use, so that `explorer.model.parsing.limits` (the file reader needs
its length limit) loads without sympy.
"""

from importlib import import_module

_HOMES = {
    "ParseError": "explorer.model.parsing.errors",
    "excerpt": "explorer.model.parsing.errors",
    "parse": "explorer.model.parsing.grammar",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'explorer.model.parsing' has no attribute {name!r}")
    value = vars(import_module(_HOMES[name]))[name]
    globals()[name] = value
    return value
