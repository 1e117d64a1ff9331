"""The one error type of the parser, in a module of its own so every parsing stage can raise it,
and the short quotes of the text that messages carry (never the whole text, however long)."""

from __future__ import annotations

#: Characters quoted on each side of an error's column.
EXCERPT_RADIUS = 30
#: Longest piece of the text quoted inside a message.
QUOTE_LENGTH = 40


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


def excerpt(text: str, column: int) -> str:
    """The text around `column`: EXCERPT_RADIUS characters each side at most, '…' where it goes on."""
    start, end = max(0, column - EXCERPT_RADIUS), min(len(text), column + EXCERPT_RADIUS)
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")


def shorten(piece: str) -> str:
    """`piece` of the text as a message quotes it: its first QUOTE_LENGTH characters at most."""
    return piece if len(piece) <= QUOTE_LENGTH else piece[:QUOTE_LENGTH - 1] + "…"
