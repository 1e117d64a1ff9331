"""Student text -> tokens, each with the column where it starts in the text as typed.

The lexer reads characters, never evaluates them: digits become exact rationals, letters become
words from the whitelist in `words` or one-letter names, and every other character is
either a known operator or a `ParseError` at its column.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from explorer.model.parsing.errors import ParseError, shorten
from explorer.model.parsing.limits import MAX_NUMBER_LENGTH
from explorer.model.parsing.words import (
    GREEK_LETTERS,
    GREEK_NAMES,
    LINE_BREAKS,
    LONGEST_WORD,
    ROOT_SIGNS,
    SUPERSCRIPT_DIGITS,
    SUPERSCRIPT_SIGNS,
    SYMBOLS,
    WORDS,
)

# Token kinds.
NUM, VAR, CONST, PARAM, FUNC = "number", "variable", "constant", "parameter", "function"
OP, LPAREN, RPAREN, BAR, SUP, EQ, END = "operator", "(", ")", "|", "superscript", "=", "end"
ABS_OPEN, ABS_CLOSE = "|open", "|close"  # what the bar pass turns each BAR into

_SYMBOL_KINDS = {
    "+": OP, "-": OP, "*": OP, "/": OP, "^": OP, "=": EQ, "|": BAR, "(": LPAREN, ")": RPAREN,
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    #: The characters as typed (for messages), from `start` to `end` in the text.
    text: str
    start: int
    end: int
    #: number: its sympy Rational; operator: one of + - * / ^; name kinds: the canonical name;
    #: superscript: its sympy Integer.
    value: object = None


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, ending with an END token at column len(text)."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in LINE_BREAKS:
            raise ParseError("a function is one line: remove the line break", i)
        if ch.isspace():
            i += 1
        elif "0" <= ch <= "9" or (ch == "." and i + 1 < n and "0" <= text[i + 1] <= "9"):
            i = _read_number(text, i, tokens)
        elif ch.isascii() and ch.isalpha():
            i = _read_letters(text, i, tokens)
        elif ch in GREEK_LETTERS:
            tokens.append(Token(PARAM, ch, i, i + 1, GREEK_LETTERS[ch]))
            i += 1
        elif ch == "π":
            tokens.append(Token(CONST, ch, i, i + 1, "pi"))
            i += 1
        elif ch in ROOT_SIGNS:
            tokens.append(Token(FUNC, ch, i, i + 1, ROOT_SIGNS[ch]))
            i += 1
        elif ch in SUPERSCRIPT_DIGITS or ch in SUPERSCRIPT_SIGNS:
            i = _read_superscript(text, i, tokens)
        elif text.startswith("**", i):
            tokens.append(Token(OP, "**", i, i + 2, "^"))
            i += 2
        elif ch in SYMBOLS:
            symbol = SYMBOLS[ch]
            tokens.append(Token(_SYMBOL_KINDS[symbol], ch, i, i + 1, symbol))
            i += 1
        elif ch == ",":
            raise _comma_error(text, i)
        else:
            raise ParseError(f"unexpected character {ch!r}", i)
    tokens.append(Token(END, "", n, n))
    return tokens


def _read_number(text: str, i: int, tokens: list[Token]) -> int:
    start = i
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    whole, fraction = text[start:i], ""
    if i < len(text) and text[i] == ".":
        i += 1
        fraction_start = i
        while i < len(text) and "0" <= text[i] <= "9":
            i += 1
        fraction = text[fraction_start:i]
        if i < len(text) and text[i] == ".":
            raise ParseError("a number can have only one decimal point", i)
    if i - start > MAX_NUMBER_LENGTH:
        raise ParseError(f"number too long (at most {MAX_NUMBER_LENGTH} characters)", start)
    exponent = _scientific_exponent(text, i)
    if exponent is not None:
        reading = "Euler's number e" if text[i] == "e" else "a parameter E"
        raise ParseError(
            f"{text[i]} after a number is {reading} here, not a power of ten; "
            f"for powers of ten write {text[start:i]}*10^{exponent}",
            i,
        )
    value = sympy.Rational(int(whole + fraction or "0"), 10 ** len(fraction))
    tokens.append(Token(NUM, text[start:i], start, i, value))
    return i


def _scientific_exponent(text: str, i: int) -> str | None:
    """The exponent of scientific notation typed after a number at column i (`1e5`, `1e-3`,
    `2.5E+4`), or None: any of these is refused with its reading spelled out, since read as
    typed it silently means e − 3x (`1e-3 x`) or a parameter E (`1E-3`)."""
    if i >= len(text) or text[i] not in "eE":
        return None
    k = i + 1
    negative = k < len(text) and text[k] in "-−"
    if k < len(text) and text[k] in "+-−":
        k += 1
    digits_start = k
    while k < len(text) and "0" <= text[k] <= "9":
        k += 1
    if k == digits_start:
        return None
    return f"(-{text[digits_start:k]})" if negative else text[digits_start:k]


def _read_letters(text: str, i: int, tokens: list[Token]) -> int:
    """A run of ASCII letters, split by longest match of known words, else single letters."""
    start = i
    while i < len(text) and text[i].isascii() and text[i].isalpha():
        i += 1
    run = text[start:i]
    pieces = _split_run(run)
    if len(run) > 1 and len(pieces[-1]) == 1 and i < len(text) and text[i] in "([{":
        raise ParseError(
            f"unknown function '{shorten(run)}'; to multiply, put * or spaces between the letters",
            start,
        )
    k = start
    for piece in pieces:
        end = k + len(piece)
        if piece.lower() == "log" and end == i:
            i = end = _extend_log(text, k, end)
        tokens.append(_name_token(text[k:end], k, end))
        k = end
    return i


def _split_run(run: str) -> list[str]:
    pieces, k = [], 0
    while k < len(run):
        for length in range(min(LONGEST_WORD, len(run) - k), 1, -1):
            if run[k:k + length].lower() in WORDS:
                break
        else:
            length = 1
        pieces.append(run[k:k + length])
        k += length
    return pieces


def _extend_log(text: str, start: int, end: int) -> int:
    """`log10`, `log2`, `log_10`, `log_2`: the base belongs to the word."""
    underscore = text.startswith("_", end) and end + 1 < len(text) and "0" <= text[end + 1] <= "9"
    i = end + 1 if underscore else end
    digits_start = i
    while i < len(text) and "0" <= text[i] <= "9":
        i += 1
    base = text[digits_start:i]
    if not base:
        return end
    if base not in ("10", "2"):
        base = shorten(base)
        raise ParseError(
            f"unknown function '{shorten(text[start:i])}'; for a logarithm to base {base} write "
            f"log(x)/log({base})",
            start,
        )
    return i


def _name_token(piece: str, start: int, end: int) -> Token:
    word = piece.lower()
    if len(piece) > 1 and word.startswith("log") and word != "log":
        return Token(FUNC, piece, start, end, "log" + word.removeprefix("log").lstrip("_"))
    if len(piece) > 1:
        if word == "pi":
            return Token(CONST, piece, start, end, "pi")
        if word in GREEK_NAMES:
            return Token(PARAM, piece, start, end, word)
        return Token(FUNC, piece, start, end, word)
    if piece == "x":
        return Token(VAR, piece, start, end, "x")
    if piece == "X":
        raise ParseError("the variable is a lowercase x", start)
    if piece == "e":
        return Token(CONST, piece, start, end, "e")
    return Token(PARAM, piece, start, end, piece)


def _read_superscript(text: str, i: int, tokens: list[Token]) -> int:
    start = i
    sign = ""
    if text[i] in SUPERSCRIPT_SIGNS:
        sign = SUPERSCRIPT_SIGNS[text[i]]
        i += 1
    digits_start = i
    while i < len(text) and text[i] in SUPERSCRIPT_DIGITS:
        i += 1
    if i == digits_start:
        raise ParseError("a superscript sign needs a superscript digit after it", i)
    if i - digits_start > MAX_NUMBER_LENGTH:
        raise ParseError(f"number too long (at most {MAX_NUMBER_LENGTH} characters)", digits_start)
    digits = "".join(SUPERSCRIPT_DIGITS[ch] for ch in text[digits_start:i])
    tokens.append(Token(SUP, text[start:i], start, i, sympy.Integer(int(sign + digits))))
    return i


def _comma_error(text: str, i: int) -> ParseError:
    between_digits = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    if between_digits:
        return ParseError("write decimals with a point, as in 0.5", i)
    return ParseError("unexpected ','; each function here takes one argument", i)
