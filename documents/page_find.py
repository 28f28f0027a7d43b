"""Where a search hit is on a page: the boxes to highlight (no Qt here).

The index says which pages hold a phrase; this finds it among the page's words (as
`PdfRenderer.words` gives them), folded the same way, and returns one hit per occurrence: the
boxes of its words, merged along each line, in points of the displayed page.
"""
from __future__ import annotations

from documents.text_fold import token_spans

Box = tuple[float, float, float, float]


def find_in_words(words: list[tuple[float, float, float, float, str]],
                  query_tokens: list[str]) -> list[tuple[Box, ...]]:
    """Each occurrence of `query_tokens` (in a row, the last as a prefix) among `words`."""
    if not query_tokens:
        return []
    flat: list[tuple[str, int]] = []  # (folded token, index of the word it came from)
    for index, (*_, word) in enumerate(words):
        flat.extend((token, index) for token, _, _ in token_spans(word))
    count = len(query_tokens)
    hits: list[tuple[Box, ...]] = []
    i = 0
    while i <= len(flat) - count:
        if all(flat[i + k][0] == query_tokens[k] for k in range(count - 1)) \
                and flat[i + count - 1][0].startswith(query_tokens[-1]):
            first, last = flat[i][1], flat[i + count - 1][1]
            hits.append(_merge_lines([words[n][:4] for n in range(first, last + 1)]))
            i += count
        else:
            i += 1
    return hits


def _merge_lines(boxes: list[Box]) -> tuple[Box, ...]:
    """Neighbouring word boxes on one line become one box (a highlight without gaps); a line
    runs across the page, or down it on a page turned a quarter."""
    merged: list[list[float]] = []
    for box in boxes:
        if merged and _same_line(merged[-1], box):
            last = merged[-1]
            last[:] = [min(last[0], box[0]), min(last[1], box[1]),
                       max(last[2], box[2]), max(last[3], box[3])]
        else:
            merged.append(list(box))
    return tuple((a, b, c, d) for a, b, c, d in merged)


def _same_line(last: list[float], box: Box) -> bool:
    """Centres level (a line across) or aligned one above the other (a line down)."""
    x0, y0, x1, y1 = box
    height = min(y1 - y0, last[3] - last[1])
    width = min(x1 - x0, last[2] - last[0])
    across = abs((y0 + y1) - (last[1] + last[3])) / 2 < max(height, 1e-6) / 2
    down = abs((x0 + x1) - (last[0] + last[2])) / 2 < max(width, 1e-6) / 4
    return across or down
