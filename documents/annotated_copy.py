""""Save a copy with my notes": a copy of a document with the reader's annotations written in as
standard PDF annotations, which any reader shows (no Qt here).

The distributed PDF is never changed (GUIDE.md §5): this writes a new file, for the reader to
keep or send. Ink strokes become Ink annotations in the stroke's colour and width, with the
author's name; highlights, underlines and strike-outs become the PDF's own text markup
annotations over the same words; a note's text becomes the annotation's content. Coordinates arrive as fractions
of the displayed page (as the viewer stores them) and are turned back into the page's own
space, so a rotated page gets its notes in place. The copy is written to a temporary file beside
the target and renamed over it only when complete: a failure never leaves half a file. A
confidential document is refused (issue 8, point 6: no export).
"""
from __future__ import annotations

import math
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import pymupdf

from documents.render import CORRUPT, DocumentError, PdfRenderer


class ExportRefused(Exception):
    """The document may not leave the application (a confidential one)."""


@dataclass(frozen=True)
class NoteMark:
    page: int  # 0-based
    kind: str  # "ink", "highlight" (its data's style: highlight, underline, strikeout),
    # "note" (a sticky note: a PDF Text annotation) or "text" (a text box: FreeText)
    data: Any  # as stored in the annotation entity
    text: str = ""


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _number(value: Any) -> float:
    """A finite number from another tablet's data, or ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return float(value)


def _fraction(value: Any) -> float:
    return min(max(_number(value), 0.0), 1.0)


def _rgb(color: Any) -> tuple[float, float, float]:
    if not isinstance(color, str) or not _COLOUR.fullmatch(color):
        raise ValueError(f"not a colour: {color!r}")
    value = int(color[1:7], 16)
    return ((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255


def _ink(page: pymupdf.Page, mark: NoteMark, author: str) -> bool:
    data = mark.data if isinstance(mark.data, dict) else {}
    points = data.get("points")
    color, width = _rgb(data.get("color")), min(max(_number(data.get("width")), 0.1), 50.0)
    if not isinstance(points, list) or not points:
        return False
    shown = page.rect  # the displayed page: the fractions are of this
    back = page.derotation_matrix
    line = []
    for point in points:
        if not isinstance(point, list) or len(point) < 2:
            return False
        x, y = _fraction(point[0]) * shown.width, _fraction(point[1]) * shown.height
        line.append(tuple(pymupdf.Point(x, y) * back))
    if len(line) == 1:
        line.append(line[0])
    annot = page.add_ink_annot([line])
    annot.set_colors(stroke=color)
    annot.set_border(width=width)
    annot.set_info(title=author, content=mark.text)
    annot.update()
    return True


_TEXT_MARKS = {"highlight": "add_highlight_annot", "underline": "add_underline_annot",
               "strikeout": "add_strikeout_annot"}


def _text_mark(page: pymupdf.Page, mark: NoteMark, author: str) -> bool:
    data = mark.data if isinstance(mark.data, dict) else {}
    add = _TEXT_MARKS.get(data.get("style"))
    boxes = data.get("boxes")
    if add is None or not isinstance(boxes, list) or not boxes:
        return False
    color = _rgb(data.get("color"))
    shown, back = page.rect, page.derotation_matrix
    quads = []
    for box in boxes:
        if not isinstance(box, list) or len(box) != 4:
            return False
        x0, y0, x1, y1 = (_fraction(v) for v in box)
        rect = pymupdf.Rect(x0 * shown.width, y0 * shown.height, x1 * shown.width,
                            y1 * shown.height)
        quads.append((rect * back).quad)
    annot = getattr(page, add)(quads=quads)
    annot.set_colors(stroke=color)
    annot.set_info(title=author, content=mark.text)
    annot.update()
    return True


NOTE_ICON_PT = 18.0  # as the viewer draws a sticky note (ui/page_notes.py)


def _note(page: pymupdf.Page, mark: NoteMark, author: str) -> bool:
    """A sticky note: a PDF Text annotation ("Note" icon) with its words as the popup's."""
    data = mark.data if isinstance(mark.data, dict) else {}
    if not mark.text:
        return False
    shown = page.rect
    point = pymupdf.Point(_fraction(data.get("x")) * shown.width,
                          _fraction(data.get("y")) * shown.height) * page.derotation_matrix
    annot = page.add_text_annot(point, mark.text[:4000], icon="Note")
    annot.set_colors(stroke=_rgb(data.get("color")))
    annot.set_info(title=author, content=mark.text[:4000])
    annot.update()
    return True


def _text_box(page: pymupdf.Page, mark: NoteMark, author: str) -> bool:
    """A text box: a PDF FreeText annotation, its words on the page in their colour."""
    data = mark.data if isinstance(mark.data, dict) else {}
    if not mark.text:
        return False
    shown = page.rect
    size = min(max(_number(data.get("size")), 4.0), 72.0)
    x, y = _fraction(data.get("x")) * shown.width, _fraction(data.get("y")) * shown.height
    width = max(_fraction(data.get("w")) * shown.width, 4 * size)
    lines = sum(max(1, int(len(line) * size * 0.5 / width) + 1)
                for line in mark.text[:4000].splitlines() or [""])
    rect = pymupdf.Rect(x, y, min(x + width, shown.width),
                        min(y + lines * size * 1.3 + 4, shown.height))
    annot = page.add_freetext_annot(rect * page.derotation_matrix, mark.text[:4000],
                                    fontsize=size, fontname="helv",
                                    text_color=_rgb(data.get("color")),
                                    rotate=page.rotation)
    annot.set_info(title=author, content=mark.text[:4000])
    annot.update()
    return True


_WRITERS = {"ink": _ink, "highlight": _text_mark, "note": _note, "text": _text_box}


def write_annotated_copy(source: str | os.PathLike[str], target: str | os.PathLike[str],
                         marks: Iterable[NoteMark], author: str = "",
                         confidential: bool = False, temporary: str | None = None) -> int:
    """Write `target`; returns how many annotations it holds. `temporary`: where to write
    first (beside the target; made here when not given)."""
    if confidential:
        raise ExportRefused("a confidential document is never exported")
    with PdfRenderer(source):  # the same clear errors as opening it in the viewer
        pass
    target = Path(target)
    written = 0
    try:
        doc = pymupdf.open(source)
    except Exception as exc:
        raise DocumentError(CORRUPT, f"damaged PDF {source}: {exc}") from None
    if temporary is None:
        temporary = _temporary_beside(target)
    try:
        for mark in marks:
            if not 0 <= mark.page < doc.page_count:
                continue
            page = doc[mark.page]
            write = _WRITERS.get(mark.kind)
            try:
                if write is not None and write(page, mark, author):
                    written += 1
            except ValueError:  # one malformed note (another client's) is left out
                continue
        doc.save(temporary, garbage=1, deflate=True)
        doc.close()
        os.replace(temporary, target)
    except BaseException:
        doc.close()
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _temporary_beside(target: Path) -> str:
    handle, temporary = tempfile.mkstemp(prefix=".phonghop-", suffix=".pdf", dir=target.parent)
    os.close(handle)
    return temporary


def _child(conn, source: str, target: str, marks: list, author: str, temporary: str) -> None:
    try:
        conn.send(("ok", write_annotated_copy(source, target, marks, author,
                                              temporary=temporary)))
    except DocumentError as exc:
        conn.send(("document_error", exc.code, exc.message))
    except Exception as exc:  # a disk full, a folder not writable: said, not raised
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def write_annotated_copy_in_process(source: str | os.PathLike[str],
                                    target: str | os.PathLike[str], marks: Iterable[NoteMark],
                                    author: str = "", confidential: bool = False,
                                    time_limit_s: float = 300.0,
                                    cancelled: Callable[[], bool] = lambda: False) -> int:
    """`write_annotated_copy` in a process of its own: MuPDF holds the GIL while it saves, so
    a thread would freeze the window for as long as a large document takes. The process is
    killed (and its temporary file removed) when it takes too long or `cancelled()` (the
    window is closing)."""
    import multiprocessing

    if confidential:
        raise ExportRefused("a confidential document is never exported")
    try:
        temporary = _temporary_beside(Path(target))
    except OSError as exc:
        raise OSError(f"cannot write into {Path(target).parent}: {exc.strerror or exc}") \
            from None
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(theirs, str(source), str(target),
                                                   list(marks), author, temporary),
                              daemon=True, name="phonghop-annotated-copy")
    process.start()
    theirs.close()
    deadline = time.monotonic() + time_limit_s
    try:
        while True:
            if cancelled() or time.monotonic() > deadline:
                process.kill()
                raise DocumentError("timed_out", "writing the copy was stopped")
            if ours.poll(0.2):
                break
        answer = ours.recv()
    except EOFError:
        raise DocumentError("crashed", "the copy could not be written (the process died)") \
            from None
    finally:
        ours.close()
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)
        Path(temporary).unlink(missing_ok=True)  # renamed into place, or half written
    if answer[0] == "ok":
        return answer[1]
    if answer[0] == "document_error":
        raise DocumentError(answer[1], answer[2])
    raise OSError(answer[1])
