"""The one error type of the parser, in a module of its own so every parsing stage can raise it."""

from __future__ import annotations


class ParseError(ValueError):
    """Why `text` is not a function, and where: `column` is the 0-based index into the text."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column

    def __reduce__(self):
        return type(self), (self.message, self.column)  # pickled whole (it crosses to the window's process)

    def __str__(self) -> str:
        return f"{self.message} (column {self.column + 1})"
