"""Open PDFs and render their pages to raw RGB pixels for the viewer (no Qt here).

The UI wraps ``RenderedPage.samples_mv`` in a ``QImage(view, width, height, stride,
QImage.Format_RGB888)`` and keeps the ``RenderedPage`` alive as long as the image (or
calls ``QImage.copy()`` once). No copy and no PNG encoding happen on this path: measured
on a 300-page document at 1240 px wide, copying each page into a fresh ``bytes`` object
made a page turn 2-3 times slower than MuPDF alone (page faults on 6.5 MB of new memory
per page with glibc's default malloc), while the view costs nothing. ``samples`` gives
an independent ``bytes`` copy for callers that want one.

A ``PdfRenderer`` owns one ``pymupdf.Document``. MuPDF documents are not thread-safe:
use a renderer from one worker thread at a time (one renderer per thread is fine).

Every failure a user can cause (missing file, damaged file, password, page number) is a
``DocumentError`` with a ``code``; the UI maps codes to Vietnamese messages.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pymupdf

mupdf = pymupdf.mupdf

NOT_FOUND = "not_found"
CORRUPT = "corrupt"
ENCRYPTED = "encrypted"
EMPTY = "empty"
PAGE_OUT_OF_RANGE = "page_out_of_range"
TIMED_OUT = "timed_out"  # a page took longer than its time limit (the render process is restarted)
CRASHED = "crashed"  # the render process died on this page (a hostile or broken file)
SEALED = "sealed"  # a sealed (confidential) file that its key does not open: changed, damaged
ERROR_CODES = frozenset({NOT_FOUND, CORRUPT, ENCRYPTED, EMPTY, PAGE_OUT_OF_RANGE, TIMED_OUT, SEALED,
                         CRASHED})

MAX_PIXELS = 40_000_000  # a zoom asking for more is rendered at this size instead
# A document shows at most this many pages: a 31 KB file can list one page 2,000,000 times (the
# sidebar would make an item for each, the indexer a row). Issue 8 calls 2,000 pages huge.
MAX_PAGES = 20_000
_HEADER_WINDOW = 1024  # like other readers, accept "%PDF-" within the first KiB
_CHUNK = 1 << 20


class DocumentError(Exception):
    """A document cannot be opened or a page cannot be rendered."""

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown document error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"DocumentError({self.code!r}, {self.message!r})"


@dataclass(frozen=True)
class RenderedPage:
    """Pixels of one page: ``height`` rows of ``stride`` bytes, 3 bytes (R, G, B) a pixel.

    ``samples_mv`` is a read-only, zero-copy view of MuPDF's pixmap; this object keeps the
    pixmap alive, so keep the ``RenderedPage`` as long as anything (a ``QImage``) uses the
    view. ``samples`` is an independent ``bytes`` copy, made on first use only.
    """

    index: int
    width: int
    height: int
    stride: int
    samples_mv: memoryview = field(repr=False, compare=False)
    format: str = "RGB888"
    _pixmap: object = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def samples(self) -> bytes:
        return bytes(self.samples_mv)


@dataclass(frozen=True)
class RenderedInto:
    """What `render_into` wrote: `height` rows of `stride` bytes, B, G, R, 255 a pixel; and the
    page's size in points as displayed."""

    index: int
    width: int
    height: int
    stride: int
    width_pt: float
    height_pt: float
    format: str = "BGRX8888"


def _check_file(path: Path) -> None:
    """Raise the DocumentError a missing, empty or non-PDF file deserves."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError(NOT_FOUND, f"{path} is a folder, not a file")
        with path.open("rb") as handle:
            head = handle.read(_HEADER_WINDOW)
    except FileNotFoundError:
        raise DocumentError(NOT_FOUND, f"file not found: {path}") from None
    except OSError as exc:
        raise DocumentError(NOT_FOUND, f"cannot read {path}: {exc.strerror or exc}") from None
    _check_head(head, size, path)


def _check_head(head: bytes, size: int, path: Path) -> None:
    if size == 0:
        raise DocumentError(EMPTY, f"file is empty (0 bytes): {path}")
    if b"%PDF-" not in head:
        raise DocumentError(CORRUPT, f"not a PDF file (no %PDF header): {path}")


def _unseal(path: Path, key: bytes, sha256: str | None) -> bytes:
    """A confidential document's bytes, decrypted in memory only (documents/sealed_files.py)."""
    from documents.sealed_files import SealedError, read_sealed

    try:
        data = read_sealed(path, key, sha256)
    except FileNotFoundError:
        raise DocumentError(NOT_FOUND, f"file not found: {path}") from None
    except OSError as exc:
        raise DocumentError(NOT_FOUND, f"cannot read {path}: {exc.strerror or exc}") from None
    except SealedError as exc:
        raise DocumentError(SEALED, f"{path}: {exc}") from None
    _check_head(data[:_HEADER_WINDOW], len(data), path)
    return data


def _loads(doc: pymupdf.Document, index: int) -> bool:
    try:
        doc.load_page(index)
    except MemoryError:
        raise
    except Exception:
        return False
    return True


def _loadable_page_count(doc: pymupdf.Document, claimed: int) -> int:
    """`claimed` (the page tree's /Count) when its last page loads. Otherwise the tree lies
    (MuPDF checks /Count only against the cross-reference's length: a 14 KB file can claim
    2,000,000 pages) or is damaged: the pages up to the last one that loads, found by
    bisection (some 20 page loads for millions); 0 when not even the first loads."""
    if claimed == 0 or _loads(doc, claimed - 1):
        return claimed
    if not _loads(doc, 0):
        return 0
    good, bad = 0, claimed - 1
    while bad - good > 1:
        middle = (good + bad) // 2
        if _loads(doc, middle):
            good = middle
        else:
            bad = middle
    return good + 1


class PdfRenderer:
    """One open PDF: page sizes and rendering to ``RenderedPage``."""

    def __init__(self, path: str | os.PathLike[str], key: bytes | None = None,
                 sha256: str | None = None) -> None:
        """`key`: the file is sealed (a confidential document): it is opened from memory."""
        self.path = Path(path)
        if key is None:
            _check_file(self.path)
        source = {"filename": self.path} if key is None else \
            {"stream": _unseal(self.path, key, sha256)}
        try:
            doc = pymupdf.open(**source, filetype="pdf")
        except MemoryError:
            raise
        except Exception as exc:  # MuPDF reports damage with several exception types
            raise DocumentError(CORRUPT, f"damaged PDF {self.path}: {exc}") from None
        try:
            if doc.needs_pass:
                raise DocumentError(ENCRYPTED, f"PDF is password-protected: {self.path}")
            try:
                claimed = doc.page_count
                count = _loadable_page_count(doc, min(claimed, MAX_PAGES))
            except MemoryError:
                raise
            except Exception as exc:  # a /Count beyond the cross-reference: "Invalid number"
                raise DocumentError(CORRUPT, f"damaged PDF {self.path}: {exc}") from None
            if count == 0:
                if doc.is_repaired or claimed:
                    raise DocumentError(CORRUPT, f"damaged PDF without readable pages: {self.path}")
                raise DocumentError(EMPTY, f"PDF has no pages: {self.path}")
        except BaseException:
            doc.close()
            raise
        self._doc: pymupdf.Document | None = doc
        self._last_page: tuple[int, pymupdf.Page] | None = None
        self._page_count = count
        #: True when MuPDF had to rebuild a damaged cross-reference table to open the file
        self.was_repaired = bool(doc.is_repaired)

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        self._last_page = None
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    @property
    def closed(self) -> bool:
        return self._doc is None

    def __enter__(self) -> PdfRenderer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _document(self) -> pymupdf.Document:
        if self._doc is None:
            raise ValueError("the renderer is closed")
        return self._doc

    # -- pages ----------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self._page_count

    def _load_page(self, index: int) -> pymupdf.Page:
        doc = self._document()
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError("page index must be an int")
        if not 0 <= index < self._page_count:
            raise DocumentError(PAGE_OUT_OF_RANGE,
                                f"page index {index} outside 0..{self._page_count - 1}")
        if self._last_page is not None and self._last_page[0] == index:
            return self._last_page[1]  # measured, then rendered: load the page once
        try:
            page = doc.load_page(index)
        except MemoryError:
            raise
        except Exception as exc:
            raise DocumentError(CORRUPT, f"cannot load page {index}: {exc}") from None
        self._last_page = (index, page)
        return page

    def page_size(self, index: int) -> tuple[float, float]:
        """(width, height) in points as displayed, i.e. after the page's rotation."""
        rect = self._load_page(index).rect
        return rect.width, rect.height

    def render_into(self, index: int, scale: float,
                    allocate: Callable[[int], memoryview]) -> RenderedInto:
        """Render page `index` at `scale` (1.0 = 72 dpi; at most MAX_PIXELS) straight into the
        writable buffer `allocate(size)` returns, as 4-byte B, G, R, 255 pixels: on a
        little-endian machine exactly Qt's `QImage.Format_RGB32`, so the UI converts nothing
        (measured against `get_pixmap` then an RGB888 to RGB32 conversion: 0.8 against 3.9 ms
        for a text page at 1232 px, the same pixels)."""
        page = self._load_page(index)
        try:
            rect = page.rect
            if rect.width <= 0 or rect.height <= 0:
                raise DocumentError(CORRUPT, f"page {index} has an empty media box")
            if rect.width * rect.height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (rect.width * rect.height)) ** 0.5
            ctm = mupdf.FzMatrix(scale, 0, 0, scale, 0, 0)
            box = mupdf.fz_round_rect(mupdf.fz_transform_rect(mupdf.fz_bound_page(page.this),
                                                              ctm))
            width, height = box.x1 - box.x0, box.y1 - box.y0
            if width <= 0 or height <= 0:
                raise DocumentError(CORRUPT, f"page {index} has an empty media box")
            target = allocate(width * height * 4)
            pixmap = mupdf.fz_new_pixmap_with_bbox_and_data(
                mupdf.fz_device_bgr(), box, mupdf.FzSeparations(), 1,
                mupdf.python_mutable_buffer_data(target))
            mupdf.fz_clear_pixmap_with_value(pixmap, 255)
            device = mupdf.fz_new_draw_device(mupdf.FzMatrix(), pixmap)
            try:
                mupdf.fz_run_page(page.this, device, ctm, mupdf.FzCookie())
            finally:
                mupdf.fz_close_device(device)
            return RenderedInto(index, width, height, width * 4, rect.width, rect.height)
        except (DocumentError, MemoryError):
            raise
        except Exception as exc:
            raise DocumentError(CORRUPT, f"cannot render page {index}: {exc}") from None

    def image_pixels(self, index: int) -> int:
        """Pixels of the largest image the page draws (0 for a text page): a scanned page
        decodes a multi-megapixel image on every render."""
        page = self._load_page(index)
        try:
            return max((int(info[2]) * int(info[3]) for info in page.get_images(full=False)),
                       default=0)
        except Exception:  # a damaged resource dictionary: rendering will say more
            return 0

    def words(self, index: int) -> list[tuple]:
        """Each word of the page in reading order, as MuPDF gives them, its box in points as
        displayed (after the page's rotation): `(x0, y0, x1, y1, word, block, line, number)`;
        [] for a page without text (a scan)."""
        page = self._load_page(index)
        try:
            raw = page.get_text("words")
            if page.rotation % 360 == 0:
                return raw
            a, b, c, d, e, f = tuple(page.rotation_matrix)  # plain arithmetic: 4x faster
            words = []
            for x0, y0, x1, y1, *rest in raw:
                xs = (a * x0 + c * y0 + e, a * x1 + c * y1 + e)
                ys = (b * x0 + d * y0 + f, b * x1 + d * y1 + f)
                words.append((min(xs), min(ys), max(xs), max(ys), *rest))
            return words
        except MemoryError:
            raise
        except Exception as exc:
            raise DocumentError(CORRUPT, f"cannot read the words of page {index}: {exc}") from None

    def outline(self) -> list[tuple[int, str, int]]:
        """The PDF's bookmarks as (level from 1, title, page index); [] when it has none or
        when they cannot be read. Entries pointing outside the document are left out."""
        try:
            entries = self._document().get_toc(simple=True)
        except Exception:
            return []
        return [(int(level), str(title).strip(), int(page) - 1)
                for level, title, page, *_ in entries if 0 < int(page) <= self._page_count]

    def render(self, index: int, *, zoom: float | None = None,
               width_px: int | None = None) -> RenderedPage:
        """Render page ``index`` at ``zoom`` (1.0 = 72 dpi) or fitted to ``width_px`` pixels."""
        if (zoom is None) == (width_px is None):
            raise ValueError("give exactly one of zoom and width_px")
        if zoom is not None and not zoom > 0:
            raise ValueError("zoom must be positive")
        if width_px is not None and (not isinstance(width_px, int) or width_px < 1):
            raise ValueError("width_px must be a positive int")
        page = self._load_page(index)
        try:
            rect = page.rect
            if rect.width <= 0 or rect.height <= 0:
                raise DocumentError(CORRUPT, f"page {index} has an empty media box")
            scale = zoom if zoom is not None else width_px / rect.width
            pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale),
                                  colorspace=pymupdf.csRGB, alpha=False)
            view = pix.samples_mv.toreadonly()
            return RenderedPage(index, pix.width, pix.height, pix.stride, view, _pixmap=pix)
        except (DocumentError, MemoryError):
            raise
        except Exception as exc:
            raise DocumentError(CORRUPT, f"cannot render page {index}: {exc}") from None


def page_count(path: str | os.PathLike[str]) -> int:
    """Number of pages; raises DocumentError like ``PdfRenderer``."""
    with PdfRenderer(path) as renderer:
        return renderer.page_count


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except (FileNotFoundError, IsADirectoryError):
        raise DocumentError(NOT_FOUND, f"file not found: {path}") from None
    return digest.hexdigest()
