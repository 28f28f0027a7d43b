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

import pymupdf

NOT_FOUND = "not_found"
CORRUPT = "corrupt"
ENCRYPTED = "encrypted"
EMPTY = "empty"
PAGE_OUT_OF_RANGE = "page_out_of_range"
ERROR_CODES = frozenset({NOT_FOUND, CORRUPT, ENCRYPTED, EMPTY, PAGE_OUT_OF_RANGE})

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
    if size == 0:
        raise DocumentError(EMPTY, f"file is empty (0 bytes): {path}")
    if b"%PDF-" not in head:
        raise DocumentError(CORRUPT, f"not a PDF file (no %PDF header): {path}")


class PdfRenderer:
    """One open PDF: page sizes and rendering to ``RenderedPage``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        _check_file(self.path)
        try:
            doc = pymupdf.open(self.path, filetype="pdf")
        except MemoryError:
            raise
        except Exception as exc:  # MuPDF reports damage with several exception types
            raise DocumentError(CORRUPT, f"damaged PDF {self.path}: {exc}") from None
        try:
            if doc.needs_pass:
                raise DocumentError(ENCRYPTED, f"PDF is password-protected: {self.path}")
            count = doc.page_count
            if count == 0:
                if doc.is_repaired:
                    raise DocumentError(CORRUPT, f"damaged PDF without readable pages: {self.path}")
                raise DocumentError(EMPTY, f"PDF has no pages: {self.path}")
        except BaseException:
            doc.close()
            raise
        self._doc: pymupdf.Document | None = doc
        self._page_count = count
        #: True when MuPDF had to rebuild a damaged cross-reference table to open the file
        self.was_repaired = bool(doc.is_repaired)

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
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
        try:
            return doc.load_page(index)
        except MemoryError:
            raise
        except Exception as exc:
            raise DocumentError(CORRUPT, f"cannot load page {index}: {exc}") from None

    def page_size(self, index: int) -> tuple[float, float]:
        """(width, height) in points as displayed, i.e. after the page's rotation."""
        rect = self._load_page(index).rect
        return rect.width, rect.height

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
