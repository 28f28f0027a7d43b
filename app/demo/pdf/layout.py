"""Page geometry (Decree 30/2020 proportions) and a flow that places blocks on pages.

A ``Flow`` owns a fixed range of pages (a page budget) and never goes past it: a block
that does not fit in the budget is refused, and ``fill`` then closes the last page with
whole sentences. That is how generated documents get an exact page count.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from app.demo.pdf.content import Heading, Paragraph, Table
from app.demo.pdf.fonts import find_vietnamese_font_family
from app.demo.pdf.canvas import FontFace, PageCanvas

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM  # A4 portrait
LEFT = 30 * MM
RIGHT = PAGE_W - 20 * MM
TOP = 20 * MM
BOTTOM = PAGE_H - 20 * MM
TEXT_W = RIGHT - LEFT
CENTER_X = LEFT + TEXT_W / 2

BODY_SIZE = 13.0
LEADING = 17.0
PARA_GAP = 3.0
INDENT = 10 * MM
TABLE_SIZE = 10.5
TABLE_LEADING = 13.0
CELL_PAD = 3.5
_EPS = 1e-6


@dataclass(frozen=True)
class Faces:
    family: str
    regular: FontFace
    bold: FontFace
    italic: FontFace
    bold_italic: FontFace


@functools.lru_cache(maxsize=1)
def demo_faces() -> Faces:
    """Font faces shared by every generated document (their measuring caches too)."""
    family = find_vietnamese_font_family()
    return Faces(family.name, FontFace("F1", family.regular), FontFace("F2", family.bold),
                 FontFace("F3", family.italic), FontFace("F4", family.bold_italic))


def wrap(text: str, face: FontFace, size: float, width: float,
         first_width: float | None = None) -> list[list[str]]:
    """Greedy word wrap; returns the words of each line."""
    space = face.space_em * size
    limit = width if first_width is None else first_width
    lines: list[list[str]] = []
    current: list[str] = []
    used = 0.0
    em_width = face.em_width
    for word in text.split():
        word_w = em_width(word) * size
        if current and used + space + word_w > limit:
            lines.append(current)
            current, used, limit = [word], word_w, width
        else:
            used = word_w if not current else used + space + word_w
            current.append(word)
    if current:
        lines.append(current)
    return lines


@dataclass
class OutlineEntry:
    level: int
    title: str
    page_index: int


@dataclass
class Flow:
    """Places blocks top-down on ``canvases[first_page..last_page]``."""

    canvases: Sequence[PageCanvas]
    faces: Faces
    first_page: int
    last_page: int
    y: float = TOP
    last_bottom: float = BOTTOM  # the last page may keep room for a closing block
    outline: list[OutlineEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page = self.first_page

    def bottom(self, page: int) -> float:
        return self.last_bottom if page == self.last_page else BOTTOM

    def _gap(self, gap: float) -> float:
        return self.y + gap if self.y > TOP + _EPS else self.y

    def _positions(self, count: int, gap: float, leading: float = LEADING):
        """(page, top) of ``count`` lines from the cursor, or None past the budget."""
        page, y = self.page, self._gap(gap)
        spots = []
        for _ in range(count):
            if y + leading > self.bottom(page) + _EPS:
                page += 1
                if page > self.last_page:
                    return None
                y = TOP
            spots.append((page, y))
            y += leading
        return spots, page, y

    def capacity_lines(self, gap: float = PARA_GAP) -> int:
        y = self._gap(gap)
        total = max(0, int((self.bottom(self.page) - y + _EPS) // LEADING))
        for page in range(self.page + 1, self.last_page + 1):
            total += int((self.bottom(page) - TOP + _EPS) // LEADING)
        return total

    def add(self, block: Heading | Paragraph | Table) -> bool:
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, Table):
            return self.table(block)
        return self.paragraph(block)

    # -- text -----------------------------------------------------------------------------
    def paragraph(self, para: Paragraph) -> bool:
        faces = self.faces
        face = {"italic": faces.italic, "center_bold": faces.bold}.get(para.style, faces.regular)
        centered = para.style.startswith("center")
        indent = 0.0 if centered else INDENT
        lines = wrap(para.text, face, BODY_SIZE, TEXT_W, TEXT_W - indent)
        placed = self._positions(len(lines), PARA_GAP)
        if placed is None:
            return False
        spots, self.page, self.y = placed
        last = len(lines) - 1
        for i, (words, (page, top)) in enumerate(zip(lines, spots)):
            canvas, baseline = self.canvases[page], top + BODY_SIZE
            if centered:
                canvas.text_centered(CENTER_X, baseline, " ".join(words), face, BODY_SIZE)
            elif i == last:
                canvas.text(LEFT + (indent if i == 0 else 0), baseline, " ".join(words), face,
                            BODY_SIZE)
            else:
                x = LEFT + (indent if i == 0 else 0)
                canvas.justified(x, baseline, words, face, BODY_SIZE, RIGHT - x)
        return True

    def heading(self, heading: Heading) -> bool:
        faces = self.faces
        face = faces.bold_italic if heading.level >= 3 else faces.bold
        gap = {1: 12.0, 2: 7.0}.get(heading.level, 4.0)
        lines = wrap(heading.text, face, BODY_SIZE, TEXT_W, TEXT_W - INDENT)
        # keep the heading together, with room for two lines of text after it
        placed = self._positions(len(lines) + 2, gap)
        if placed is not None and placed[0][0][0] != placed[0][-1][0]:
            if self.page >= self.last_page:
                return False
            self.page, self.y = self.page + 1, TOP
            placed = self._positions(len(lines) + 2, gap)
        if placed is None:
            return False
        spots = placed[0][: len(lines)]
        for i, (words, (page, top)) in enumerate(zip(lines, spots)):
            x = LEFT + (INDENT if i == 0 else 0)
            self.canvases[page].text(x, top + BODY_SIZE, " ".join(words), face, BODY_SIZE)
        self.page, self.y = spots[-1][0], spots[-1][1] + LEADING
        if heading.level <= 2:
            self.outline.append(OutlineEntry(heading.level, heading.text, spots[0][0]))
        return True

    def fill(self, sentences: Iterator[str], max_sentences: int = 5) -> None:
        """Close the budget with paragraphs of whole sentences that fit."""
        face = self.faces.regular
        while True:
            room = self.capacity_lines()
            if room < 2:
                return
            text, misses, count = "", 0, 0
            while misses < 4 and count < max_sentences:
                candidate = f"{text} {next(sentences)}" if text else next(sentences)
                if len(wrap(candidate, face, BODY_SIZE, TEXT_W, TEXT_W - INDENT)) <= room:
                    text, count = candidate, count + 1
                else:
                    misses += 1
            if not text or not self.paragraph(Paragraph(text)):
                return

    # -- tables ---------------------------------------------------------------------------
    def table(self, table: Table) -> bool:
        layout = TableLayout(table, self.faces)
        height = layout.height
        y = self._gap(8.0)
        if y + height > self.bottom(self.page) + _EPS:
            if self.page >= self.last_page or TOP + height > self.bottom(self.page + 1) + _EPS:
                return False
            self.page, y = self.page + 1, TOP
        layout.draw(self.canvases[self.page], y)
        self.y = y + height + 4.0
        return True


class TableLayout:
    """Measures and draws one table: caption, unit note, header row, grid."""

    def __init__(self, table: Table, faces: Faces) -> None:
        self.table, self.faces = table, faces
        self.col_w = [TEXT_W * f / sum(table.widths) for f in table.widths]
        self.caption = wrap(table.caption, faces.bold, BODY_SIZE - 1, TEXT_W - 40)
        self.header_cells = self._cells(table.headers, faces.bold)
        self.row_cells = [self._cells(row, faces.bold if i in table.bold_rows else faces.regular)
                          for i, row in enumerate(table.rows)]
        rows = [self.header_cells, *self.row_cells]
        self.row_h = [max(len(c) for c in row) * TABLE_LEADING + 2 * CELL_PAD for row in rows]
        self.head_h = len(self.caption) * 16.0 + (15.0 if table.unit_note else 4.0)
        self.height = self.head_h + sum(self.row_h)

    def _cells(self, texts: Sequence[str], face: FontFace) -> list[list[str]]:
        return [[" ".join(words) for words in wrap(text, face, TABLE_SIZE, w - 2 * CELL_PAD)] or [""]
                for text, w in zip(texts, self.col_w)]

    def draw(self, canvas: PageCanvas, top: float) -> None:
        faces, table = self.faces, self.table
        y = top
        for words in self.caption:
            canvas.text_centered(CENTER_X, y + 12, " ".join(words), faces.bold, BODY_SIZE - 1)
            y += 16.0
        if table.unit_note:
            canvas.text_right(RIGHT, y + 10, table.unit_note, faces.italic, TABLE_SIZE)
            y += 15.0
        else:
            y += 4.0
        grid_top = y
        rows = [(self.header_cells, faces.bold, True), *(
            (cells, faces.bold if i in table.bold_rows else faces.regular, False)
            for i, cells in enumerate(self.row_cells))]
        segments = []
        for (cells, face, is_header), height in zip(rows, self.row_h):
            segments.append((LEFT, y, RIGHT, y))
            x = LEFT
            for col, (lines, width) in enumerate(zip(cells, self.col_w)):
                align = "c" if is_header else table.aligns[col]
                baseline = y + CELL_PAD + TABLE_SIZE - 1
                if is_header:  # header text centred vertically
                    baseline += (height - 2 * CELL_PAD - len(lines) * TABLE_LEADING) / 2
                for line in lines:
                    if align == "c":
                        canvas.text_centered(x + width / 2, baseline, line, face, TABLE_SIZE)
                    elif align == "r":
                        canvas.text_right(x + width - CELL_PAD, baseline, line, face, TABLE_SIZE)
                    else:
                        canvas.text(x + CELL_PAD, baseline, line, face, TABLE_SIZE)
                    baseline += TABLE_LEADING
                x += width
            y += height
        segments.append((LEFT, y, RIGHT, y))
        x = LEFT
        for width in [0.0, *self.col_w]:
            x += width
            segments.append((x, grid_top, x, y))
        canvas.lines(segments, 0.6)
