"""Finding an annotation again in a new version of its document (no Qt here).

When a document is replaced, a note made on the old version is carried over where its anchor
is found in the new text, in the manner of the W3C Web Annotation model:
- a highlight, underline or strike-out keeps a TextQuoteSelector (the exact words, with some
  text before and after): the words are looked for in the new version, case, marks and
  spacing aside, and where they occur more than once the occurrence whose context agrees
  best wins, the page nearest the old one breaking ties;
- freehand ink, sticky notes and text boxes keep their position plus the nearby text: the words
  under or nearest them on the old page are found in the new version, and they move as the
  word nearest their middle did.
An anchor that is not found leaves the note where it was (the caller lists it as not placed):
a wrong place is worse than none.

Pages are `PageText`: the text and word boxes of `page_find.page_content`, with the page's
size in points, so that boxes become page fractions like the annotations' own data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from documents.page_find import Box, PageContent, merge_lines, unpack_boxes
from documents.text_fold import fold

_NON_BLANK = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")
MIN_UNIQUE_WORDS = 3  # a shorter quote whose context matches nowhere is not trusted
INK_NEAREST = 0.08  # of the page: a stroke touching no word is anchored to the nearest
# word this close
INK_ANCHOR_WORDS = 12
INK_OVERHANG = 0.02  # a moved stroke may leave the page by this much, no more


@dataclass(frozen=True)
class PageText:
    content: PageContent
    size: tuple[float, float]  # width, height in points


@dataclass(frozen=True)
class Found:
    page: int
    first: int  # index of the first word on `page`
    boxes: tuple[Box, ...]  # page fractions, one per line
    exact: str
    prefix: str
    suffix: str
    words: tuple[tuple[int, int], ...] = ()  # (page, word index) of every word found


class VersionText:
    """The pages of one version, with every word in reading order (folded, with its page and
    index there) and where each folded word occurs, worked out once for all its notes."""

    def __init__(self, pages: list[PageText]):
        self.pages = pages
        self.folded: list[str] = []
        self.where: list[tuple[int, int]] = []  # (page, word index on the page)
        self.starts: dict[str, list[int]] = {}
        for page_index, page in enumerate(pages):
            for word_index, word in enumerate(page.content.text.split()):
                key = _key(word)
                self.starts.setdefault(key, []).append(len(self.folded))
                self.folded.append(key)
                self.where.append((page_index, word_index))

    def __len__(self) -> int:
        return len(self.pages)


def _key(word: str) -> str:
    """A word as compared: folded, punctuation aside ("ngân sách," = "Ngân sách")."""
    return "".join(_WORD_CHARS.findall(fold(word))) or word


def _keys(text: str) -> list[str]:
    return [_key(word) for word in text.split()]


def find_quote(version: VersionText, exact: str, prefix: str = "", suffix: str = "",
               near_page: int = 0) -> Found | None:
    """Where the quoted words are in `version`, or None."""
    wanted = _keys(exact)
    if not wanted:
        return None
    before, after = _keys(prefix)[::-1], _keys(suffix)
    n, folded = len(wanted), version.folded
    best, best_rank = None, None
    for start in version.starts.get(wanted[0], ()):
        if folded[start:start + n] != wanted:
            continue
        score = _agreement(before, folded[max(0, start - len(before)):start][::-1])
        score += _agreement(after, folded[start + n:start + n + len(after)])
        rank = (score, -abs(version.where[start][0] - near_page))
        if best_rank is None or rank > best_rank:
            best, best_rank = start, rank
    if best is None:
        return None
    if best_rank[0] == 0 and (before or after) and n < MIN_UNIQUE_WORDS:
        return None  # a word or two found with none of its context: probably not the one
    return _found(version, best, n)


def _agreement(wanted: list[str], have: list[str]) -> int:
    """How many words of the context agree, from the quote outwards."""
    count = 0
    for a, b in zip(wanted, have):
        if a != b:
            break
        count += 1
    return count


def _found(version: VersionText, start: int, n: int) -> Found:
    spots = version.where[start:start + n]
    # a quote the new version splits over a page break stays on the page holding most of it
    page = max({p for p, _ in spots}, key=lambda p: sum(1 for q, _ in spots if q == p))
    indexes = [i for p, i in spots if p == page]
    first, last = indexes[0], indexes[-1]
    content, (width, height) = version.pages[page].content, version.pages[page].size
    boxes = unpack_boxes(content.boxes)
    spans = [m.span() for m in _NON_BLANK.finditer(content.text)]
    text = content.text
    begin, end = spans[first][0], spans[last][1]
    merged = merge_lines(boxes[first:last + 1]) if len(boxes) == len(spans) else ()
    fractions = tuple((x0 / width, y0 / height, x1 / width, y1 / height)
                      for x0, y0, x1, y1 in merged)
    return Found(page, first, fractions, " ".join(text[begin:end].split()),
                 " ".join(text[max(0, begin - 32):begin].split()),
                 " ".join(text[end:end + 32].split()), tuple(spots))


def carry_mark(old: VersionText, new: VersionText, page: int, data: dict) -> tuple[int, dict] | None:
    """A highlight, underline or strike-out's new page and data, or None when not found."""
    quote = data.get("quote") if isinstance(data, dict) else None
    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str):
        return None
    found = find_quote(new, quote["exact"], _text(quote.get("prefix")),
                       _text(quote.get("suffix")), near_page=page)
    if found is None or not found.boxes:
        return None
    moved = dict(data)
    moved["boxes"] = [[round(v, 4) for v in box] for box in found.boxes]
    moved["quote"] = {"exact": found.exact, "prefix": found.prefix, "suffix": found.suffix}
    return found.page, moved


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _displacement(old: VersionText, new: VersionText, page: int,
                  bbox: tuple[float, float, float, float]):
    """How the words a note sits on moved: (new page, dx, dy in points, old page size, new
    page size), or None when they are not found."""
    anchor = ink_anchor(old.pages[page], bbox)
    if anchor is None:
        return None
    first, last, reference = anchor
    content = old.pages[page].content
    spans = [m.span() for m in _NON_BLANK.finditer(content.text)]
    text = content.text
    begin, end = spans[first][0], spans[last][1]
    found = find_quote(new, text[begin:end], text[max(0, begin - 32):begin], text[end:end + 32],
                       near_page=page)
    if found is None:
        return None
    new_page, new_index = found.words[reference - first]  # the word it is anchored to
    old_box = unpack_boxes(content.boxes)[reference]
    new_box = unpack_boxes(new.pages[new_page].content.boxes)[new_index]
    return (new_page, new_box[0] - old_box[0], new_box[1] - old_box[1], old.pages[page].size,
            new.pages[new_page].size)


def _moved(x: float, y: float, shift) -> tuple[float, float] | None:
    """A point (page fractions) moved by `shift` (`_displacement`), or None off the page."""
    _page, dx, dy, (w0, h0), (w1, h1) = shift
    x, y = (x * w0 + dx) / w1, (y * h0 + dy) / h1
    if not (-INK_OVERHANG <= x <= 1 + INK_OVERHANG and -INK_OVERHANG <= y <= 1 + INK_OVERHANG):
        return None  # the words moved somewhere it does not fit
    return round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4)


def carry_ink(old: VersionText, new: VersionText, page: int, data: dict) -> tuple[int, dict] | None:
    """A stroke's new page and data (moved as the words next to it moved), or None."""
    points = data.get("points") if isinstance(data, dict) else None
    if not isinstance(points, list) or not points or not 0 <= page < len(old):
        return None
    try:
        xs = [float(point[0]) for point in points]
        ys = [float(point[1]) for point in points]
    except (TypeError, ValueError, IndexError):
        return None
    shift = _displacement(old, new, page, (min(xs), min(ys), max(xs), max(ys)))
    if shift is None:
        return None
    moved_points = []
    for point, x, y in zip(points, xs, ys):
        moved = _moved(x, y, shift)
        if moved is None:
            return None
        moved_points.append([*moved, *point[2:3]])
    return shift[0], dict(data, points=moved_points)


def carry_note(old: VersionText, new: VersionText, page: int, data: dict) -> tuple[int, dict] | None:
    """A sticky note's or a text box's new page and data: moved as the words under or next
    to its corner moved, or None."""
    if not isinstance(data, dict) or not 0 <= page < len(old):
        return None
    x, y = float(data["x"]), float(data["y"])
    width = float(data.get("w") or 0.03)  # a text box's width, else the icon's
    shift = _displacement(old, new, page, (x, y, min(1.0, x + width), min(1.0, y + 0.02)))
    moved = None if shift is None else _moved(x, y, shift)
    if moved is None:
        return None
    return shift[0], dict(data, x=moved[0], y=moved[1])


def ink_anchor(page: PageText, bbox: tuple[float, float, float, float]
               ) -> tuple[int, int, int] | None:
    """The words a stroke (its box in page fractions) is anchored to: (first, last, reference)
    word indices. The words it touches, else the nearest within INK_NEAREST, with neighbours
    to make at least MIN_UNIQUE_WORDS; the reference is the one nearest its centre."""
    boxes = unpack_boxes(page.content.boxes)
    if not boxes or len(boxes) != len(page.content.text.split()):
        return None
    width, height = page.size
    left, top, right, bottom = bbox
    cx, cy = (left + right) / 2, (top + bottom) / 2
    touched, distances, centres = [], [], []
    for index, (x0, y0, x1, y1) in enumerate(boxes):
        a, b, c, d = x0 / width, y0 / height, x1 / width, y1 / height
        distance = max(left - c, a - right, top - d, b - bottom, 0.0)
        distances.append(distance)
        centres.append(abs((a + c) / 2 - cx) + abs((b + d) / 2 - cy))
        if distance == 0.0:
            touched.append(index)
    if not touched:
        nearest = min(range(len(boxes)), key=distances.__getitem__)
        if distances[nearest] > INK_NEAREST:
            return None
        touched = [nearest]
    reference = min(touched, key=centres.__getitem__)
    first = max(touched[0], reference - INK_ANCHOR_WORDS // 2)
    last = min(touched[-1], first + INK_ANCHOR_WORDS - 1)
    while last - first + 1 < MIN_UNIQUE_WORDS and (first > 0 or last < len(boxes) - 1):
        first, last = max(0, first - 1), min(len(boxes) - 1, last + 1)
    return first, last, reference


CARRIERS = {"highlight": carry_mark, "underline": carry_mark, "strikeout": carry_mark,
            "ink": carry_ink, "note": carry_note, "text": carry_note}


def carry(old: VersionText, new: VersionText, kind: str, page: int,
          data: dict) -> tuple[int, dict] | None:
    """Where an annotation of `kind` goes in the new version (page, data), or None."""
    carrier = CARRIERS.get(kind)
    if carrier is None or not isinstance(data, dict):
        return None
    try:
        return carrier(old, new, page, data)
    except (IndexError, KeyError, TypeError, ValueError, ZeroDivisionError):
        return None  # data of another shape, or pages without a size: not placed


def read_version(path) -> VersionText:
    """Every page's words and size, from the PDF at `path` (raises `DocumentError`)."""
    from documents.page_find import page_content
    from documents.render import PdfRenderer

    with PdfRenderer(path) as renderer:
        return VersionText([PageText(page_content(renderer.words(i)), renderer.page_size(i))
                            for i in range(renderer.page_count)])
