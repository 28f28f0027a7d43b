"""A page's text with the box of every word, and where a search hit is on it (no Qt here).

The indexer keeps, for each page, its text built from MuPDF's words (a space between the words
of a line, a line break between lines) and the words' boxes packed beside it, so that the
viewer can highlight every hit of a page without asking MuPDF again: the n-th run of
non-blank characters of the text is the n-th box. Boxes are in points of the displayed page
(after its rotation), four float32 a word (measured: packing them as scaled 16-bit integers
in Python cost more than all of MuPDF's extraction).
"""
from __future__ import annotations

import bisect
import itertools
import re
from array import array
from dataclasses import dataclass
from operator import itemgetter

from documents.text_fold import match_spans

Box = tuple[float, float, float, float]
_NON_BLANK = re.compile(r"\S+")
_LINE = itemgetter(5, 6)  # (block, line) of a MuPDF word


@dataclass(frozen=True)
class PageContent:
    text: str
    boxes: bytes = b""  # 4 float32 a word: x0, y0, x1, y1 in points


def page_content(words: list[tuple]) -> PageContent:
    """The text and packed boxes of a page, from `PdfRenderer.words`."""
    text = "\n".join(" ".join(word[4] for word in line)
                     for _key, line in itertools.groupby(words, _LINE))
    if len(text.split()) != len(words):  # a word with a blank inside (never seen): drop it
        words = [word for word in words if len(word[4].split()) == 1]
        return page_content(words)
    boxes = array("f", [value for word in words for value in word[:4]])
    return PageContent(text, boxes.tobytes())


def unpack_boxes(boxes: bytes) -> list[Box]:
    values = array("f")
    values.frombytes(boxes[:len(boxes) - len(boxes) % 16])
    return [tuple(values[i:i + 4]) for i in range(0, len(values), 4)]


def hit_boxes(content: PageContent, query_tokens: list[str]) -> list[tuple[Box, ...]]:
    """Each occurrence of the query on the page (its words in a row, the last as a prefix):
    the boxes of its words, merged along each line. [] when the page has no boxes."""
    spans = match_spans(content.text, query_tokens)
    if not spans or not content.boxes:
        return []
    boxes = unpack_boxes(content.boxes)
    starts = [m.start() for m in _NON_BLANK.finditer(content.text)]
    if len(starts) != len(boxes):
        return []  # text and boxes disagree (not written by `page_content`): no highlight
    hits = []
    for start, end in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        hits.append(merge_lines(boxes[max(first, 0):last + 1]))
    return hits


def merge_lines(boxes: list[Box]) -> tuple[Box, ...]:
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


# -- selecting words (for a highlight) ----------------------------------------------------------
def nearest_word(content: PageContent, x: float, y: float) -> int | None:
    """The index of the word under the point (in points of the displayed page), or the
    nearest one on its line; None on a page without words."""
    boxes = unpack_boxes(content.boxes)
    if not boxes:
        return None

    def distance(box: Box) -> float:
        x0, y0, x1, y1 = box
        dx = max(x0 - x, 0.0, x - x1)
        dy = max(y0 - y, 0.0, y - y1)
        return dy * 4 + dx  # the line counts first: a margin click picks its line's word

    return min(range(len(boxes)), key=lambda i: distance(boxes[i]))


@dataclass(frozen=True)
class Selection:
    boxes: tuple[Box, ...]  # merged along each line, in points
    exact: str
    prefix: str
    suffix: str


def select_words(content: PageContent, first: int, last: int,
                 context: int = 32) -> Selection | None:
    """Words `first`..`last` (either order): their boxes and their text with context."""
    boxes = unpack_boxes(content.boxes)
    spans = [m.span() for m in _NON_BLANK.finditer(content.text)]
    if not boxes or len(spans) != len(boxes):
        return None
    first, last = sorted((max(0, first), min(len(boxes) - 1, last)))
    start, end = spans[first][0], spans[last][1]
    text = content.text
    return Selection(merge_lines(boxes[first:last + 1]), " ".join(text[start:end].split()),
                     " ".join(text[max(0, start - context):start].split()),
                     " ".join(text[end:end + context].split()))
