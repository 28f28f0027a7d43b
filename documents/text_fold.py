"""Fold text for search: case and diacritics ignored, "đ" read as "d" (no Qt here).

A delegate types "nghi quyet ngan sach" on a tablet keyboard and expects to find
"Nghị quyết ngân sách". SQLite's own `remove_diacritics` leaves "đ" alone (the stroke is not
a combining mark) and does not see Vietnamese letters with two marks the same way in every
version, so the index stores text folded here and queries are folded the same way.

`fold` is for whole pages (one `str.translate`, fast); `fold_with_offsets` also says where
each folded character came from, so a hit found in folded text can be highlighted in the
original.
"""
from __future__ import annotations

import re
import unicodedata

_COMBINING = "Mn"


def _fold_char(char: str) -> str:
    """One character, lower-cased, its marks removed; "đ" → "d"."""
    if char in "đĐ":
        return "d"
    lowered = char.lower()
    base = "".join(c for c in unicodedata.normalize("NFD", lowered)
                   if unicodedata.category(c) != _COMBINING)
    return base


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    ranges = (range(0x41, 0x5B), range(0xC0, 0x250), range(0x370, 0x400),
              range(0x400, 0x530), range(0x1E00, 0x1F00))
    for block in ranges:
        for cp in block:
            char = chr(cp)
            folded = _fold_char(char)
            if folded != char:
                table[cp] = folded
    for cp in range(0x300, 0x370):  # combining marks NFC could not compose away
        table[cp] = None
    return table


_TABLE = _table()
_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The text as the search index stores it."""
    return unicodedata.normalize("NFC", text).lower().translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`(folded, origin)`: `origin[i]` is the index in `text` of the character that gave
    folded character `i`; `origin[len(folded)]` is `len(text)`."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char) if not char.isascii() or char.isupper() else char
        pieces.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(pieces), origin


def tokens(text: str) -> list[str]:
    """The words of a query or of a page, folded: letters and digits only."""
    return _TOKEN.findall(fold(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Each folded word of `text` with its start and end in `text` itself."""
    folded, origin = fold_with_offsets(text)
    return [(m.group(), origin[m.start()], origin[m.end() - 1] + 1)
            for m in _TOKEN.finditer(folded)]


def match_spans(text: str, query_tokens: list[str]) -> list[tuple[int, int]]:
    """Where in `text` the query's words occur in a row (the last one as a prefix, as it
    is still being typed): `(start, end)` character ranges of the original text."""
    if not query_tokens:
        return []
    separator = r"[\W_]+"
    pattern = (_WORD_START + separator.join(re.escape(t) for t in query_tokens[:-1])
               + (separator if len(query_tokens) > 1 else "") + re.escape(query_tokens[-1])
               + r"[^\W_]*")
    return _spans(text, re.compile(pattern))


def word_spans(text: str, query_tokens: list[str]) -> list[tuple[int, int]]:
    """Where in `text` any of the query's words occurs (the last one as a prefix)."""
    if not query_tokens:
        return []
    whole = "|".join(re.escape(t) for t in query_tokens[:-1])
    pattern = _WORD_START + re.escape(query_tokens[-1]) + r"[^\W_]*"
    if whole:
        pattern = f"{_WORD_START}(?:{whole})(?![^\\W_])|{pattern}"
    return _spans(text, re.compile(pattern))


_WORD_START = r"(?<![^\W_])"


def _spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    folded = fold(text)
    if len(folded) == len(text) and unicodedata.is_normalized("NFC", text):
        # one folded character for each original one (nearly always): offsets are the same
        return [m.span() for m in pattern.finditer(folded)]
    folded, origin = fold_with_offsets(text)
    return [(origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)
            if m.end() > m.start()]
