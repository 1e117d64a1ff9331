"""Bracket matching, and which '|' opens an absolute value and which one closes it.

A bar right after an operator (or at the start) must open; a bar followed by something that
cannot begin a value (an operator other than a sign, a bracket, the end) must close; the others
could do either. The consistent assignments are counted, group by group (bars pair only within
one pair of brackets), first with a preference: a bar after a value and before + or - closes
(|2|x|-1| is |2|x| - 1|, not |2|·x·|-1|); if that leaves none, without it (x|-1|). Exactly one
assignment means the reading is clear; several mean the student is asked to write abs(…).
"""

from __future__ import annotations

from dataclasses import replace

from explorer.model.parsing.errors import ParseError
from explorer.model.parsing.lexer import (
    ABS_CLOSE,
    ABS_OPEN,
    BAR,
    CONST,
    FUNC,
    LPAREN,
    NUM,
    OP,
    PARAM,
    RPAREN,
    SUP,
    VAR,
    Token,
)
from explorer.model.parsing.limits import MAX_NESTING
from explorer.model.parsing.words import CLOSING

#: Tokens after which a value is complete (so a bar there may close).
_ENDS_VALUE = {NUM, VAR, CONST, PARAM, RPAREN, SUP}
#: Tokens that can begin a value (so a bar before them may open).
_STARTS_VALUE = {NUM, VAR, CONST, PARAM, FUNC, LPAREN, BAR}


def match_brackets(tokens: list[Token]) -> list[Token]:
    """The tokens with every BAR made ABS_OPEN or ABS_CLOSE; brackets checked to pair up."""
    groups: list[tuple[Token | None, list[int]]] = [(None, [])]
    kinds: dict[int, str] = {}
    for i, tok in enumerate(tokens):
        if tok.kind == LPAREN:
            if len(groups) > MAX_NESTING:
                raise ParseError(f"too deeply nested (at most {MAX_NESTING} levels)", tok.start)
            groups.append((tok, []))
        elif tok.kind == RPAREN:
            opening, bars = groups.pop() if len(groups) > 1 else (None, [])
            if opening is None:
                raise ParseError(f"unexpected '{tok.text}'", tok.start)
            if CLOSING[opening.text] != tok.text:
                where = f"the '{opening.text}' at column {opening.start + 1}"
                raise ParseError(f"'{tok.text}' does not match {where}", tok.start)
            kinds.update(_assign_bars(tokens, bars, tok.start))
        elif tok.kind == BAR:
            groups[-1][1].append(i)
    end = tokens[-1].start
    if len(groups) > 1:
        opening = groups[-1][0]
        closing = CLOSING[opening.text]
        where = f"the '{opening.text}' at column {opening.start + 1}"
        raise ParseError(f"missing '{closing}' for {where}", end)
    kinds.update(_assign_bars(tokens, groups[0][1], end))
    return [replace(tok, kind=kinds[i]) if i in kinds else tok for i, tok in enumerate(tokens)]


def _assign_bars(tokens: list[Token], bars: list[int], group_end: int) -> dict[int, str]:
    if not bars:
        return {}
    for prefer_closing_before_sign in (True, False):
        search = _BarSearch(tokens, bars, prefer_closing_before_sign)
        if search.count == 1:
            path = search.path()
            return {index: ABS_OPEN if opens else ABS_CLOSE for index, opens in zip(bars, path)}
        if search.count > 1:
            raise ParseError(
                "ambiguous '|': write abs(…) to show where each absolute value ends",
                tokens[bars[search.first_choice]].start,
            )
    raise search.failure(group_end)


#: After a bar: (nesting depth of bars, whether this bar opened).
_State = tuple[int, bool]


class _BarSearch:
    """Counts (up to 2) the open/close assignments of one group's bars that make sense."""

    def __init__(self, tokens: list[Token], bars: list[int], prefer_closing_before_sign: bool):
        self.tokens, self.bars = tokens, bars
        self.first_choice = 0
        self.dead_at: int | None = None
        # One dict per bar: (depth after it, whether it opened) -> (paths, capped at 2; previous state).
        self.layers: list[dict[_State, tuple[int, _State | None]]] = []
        states: dict[_State, tuple[int, _State | None]] = {(0, False): (1, None)}
        found_choice = False
        for k, index in enumerate(bars):
            prev = tokens[index - 1] if index > 0 else None
            nxt = tokens[index + 1]
            prev_is_bar = k > 0 and bars[k - 1] == index - 1
            sign_follows = nxt.kind == OP and nxt.value in "+-"
            next_starts = nxt.kind in _STARTS_VALUE or sign_follows
            layer: dict[_State, tuple[int, _State | None]] = {}
            for state, (count, _) in states.items():
                depth, last_opened = state
                if prev_is_bar:
                    prev_ends = not last_opened
                else:
                    prev_ends = prev is not None and prev.kind in _ENDS_VALUE
                can_close = prev_ends and depth > 0
                # The preferred reading: after a value and before a sign, a bar closes.
                can_open = next_starts and depth < MAX_NESTING and not (
                    prefer_closing_before_sign and prev_ends and sign_follows
                )
                if can_open and can_close and not found_choice:
                    self.first_choice, found_choice = k, True
                for opens, allowed in ((True, can_open), (False, can_close)):
                    if allowed:
                        key = (depth + 1 if opens else depth - 1, opens)
                        total = min(2, layer.get(key, (0, None))[0] + count)
                        layer[key] = (total, state)
            if not layer:
                self.dead_at = k
                self.count = 0
                return
            self.layers.append(layer)
            states = layer
        self.count = min(2, sum(count for (depth, _), (count, _) in states.items() if depth == 0))

    def path(self) -> list[bool]:
        """Open (True) or close for each bar, along the unique path (or one of least depth)."""
        state = min(self.layers[-1], key=lambda s: s[0])
        opens = []
        for layer in reversed(self.layers):
            opens.append(state[1])
            state = layer[state][1]
        return opens[::-1]

    def failure(self, group_end: int) -> ParseError:
        if self.dead_at is not None:
            return ParseError("unmatched '|'", self.tokens[self.bars[self.dead_at]].start)
        unclosed: list[int] = []
        for index, opens in zip(self.bars, self.path()):
            if opens:
                unclosed.append(index)
            elif unclosed:
                unclosed.pop()
        column = self.tokens[unclosed[-1]].start if unclosed else self.tokens[self.bars[0]].start
        return ParseError(f"missing a closing '|' for the '|' at column {column + 1}", group_end)
