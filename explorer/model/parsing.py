"""Student syntax -> sympy. (The grammar lands in the next change; the error type is final.)"""

from __future__ import annotations


class ParseError(ValueError):
    """Why `text` is not a function, and where: `column` is the 0-based index into the text."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        return f"{self.message} (column {self.column + 1})"


def parse(text: str):
    raise NotImplementedError("the parser is being written")
