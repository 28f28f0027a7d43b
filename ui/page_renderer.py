"""The viewer's pages: rendered in the page render process, kept in a cache bounded in bytes,
and read ahead.

MuPDF runs in another process (`documents.render_client`), so the UI thread never waits on it
(PyMuPDF holds the GIL while it renders: a render *thread* froze the UI for ~190 ms on every
scanned page). The client's reader thread copies each finished page out of shared memory into a
QImage (the one copy: the process renders RGB32 pixels, which QPixmap takes as they are) and
hands it to the UI thread through a queued signal.

A newer `render` supersedes the visible request before it; the two pages after it and the one
before are then read ahead at a lower priority, so turning the page shows a page from the cache.
The cache holds RGB32 images keyed by (file, page, size) up to `cache_bytes`, least recently
used first out.
"""
from __future__ import annotations

import sys
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from documents.render import DocumentError
from documents.render_client import (
    AHEAD, THUMBNAIL, VISIBLE, DocFailed, Failed, Opened, Page, RenderClient,
)
from documents.render_process import PREVIEW_SCALE
from ui.watermark import paint_watermark

CACHE_BYTES = 160 << 20
READ_AHEAD = (1, 2, -1)  # pages after and before the visible one, in this order


@dataclass(frozen=True)
class PageImage:
    index: int
    image: QImage
    page_width_pt: float
    page_height_pt: float
    page_count: int
    preview: bool = False  # a quick low-resolution image, scaled up; the sharp one follows


class PageCache:
    """QImages by key, bounded in bytes: the least recently used go first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[tuple, tuple[QImage, float, float]] = OrderedDict()

    def get(self, key: tuple) -> Optional[tuple[QImage, float, float]]:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def __contains__(self, key: tuple) -> bool:
        return key in self._items

    def put(self, key: tuple, image: QImage, width_pt: float, height_pt: float) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old[0].sizeInBytes()
        size = image.sizeInBytes()
        if size > self.max_bytes:
            return
        self._items[key] = (image, width_pt, height_pt)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _key, (evicted, _w, _h) = self._items.popitem(last=False)
            self.bytes -= evicted.sizeInBytes()

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0


def page_to_image(page: Page, target_width: int) -> QImage:
    """The page's pixels (valid only now) copied into a QImage of its own; a preview is scaled
    up to the width the sharp page will have. The process renders B, G, R, 255 pixels: on a
    little-endian machine Qt's RGB32, taken as it is (QPixmap.fromImage then shares it)."""
    if sys.byteorder == "little":
        image = QImage(page.samples, page.width, page.height, page.stride,
                       QImage.Format.Format_RGB32).copy()
    else:
        image = QImage(page.samples, page.width, page.height, page.stride,
                       QImage.Format.Format_RGBX8888).rgbSwapped().convertToFormat(
                           QImage.Format.Format_RGB32)
    if page.preview and page.width < target_width:
        height = round(target_width * page.height / max(page.width, 1))
        image = image.scaled(target_width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


@dataclass
class _Request:
    key: tuple  # (path, index, width_px, zoom)
    on_rendered: Optional[Callable[[PageImage], None]] = None  # None: read ahead
    on_error: Optional[Callable[[BaseException], None]] = None


class PageRenderQueue(QObject):
    """Open one document at a time and render its pages, in the page render process."""

    _answered = Signal(object, object)  # (answer, image or None), from the reader thread

    def __init__(self, parent: QObject | None = None, cache_bytes: int = CACHE_BYTES,
                 page_time_limit_s: float = 20.0):
        super().__init__(parent)
        self._answered.connect(self._on_answer, Qt.ConnectionType.QueuedConnection)
        self._client = RenderClient(self._on_reader_thread, page_time_limit_s)
        self.cache = PageCache(cache_bytes)
        self.read_ahead = READ_AHEAD
        self._doc_id: Optional[int] = None
        self._path = ""
        self._page_count = 0
        self.outline: list[tuple[int, str, int]] = []
        self._on_opened: Optional[Callable[[int], None]] = None
        self._on_open_error: Optional[Callable[[BaseException], None]] = None
        self._requests: dict[int, _Request] = {}
        self._visible: Optional[int] = None
        self._watermarks: dict[int, list[str]] = {}  # read by the reader thread too
        self._closed = False

    @property
    def render_process_id(self) -> Optional[int]:
        return self._client.pid

    def open(self, path: str | Path, on_opened: Callable[[int], None],
             on_error: Callable[[BaseException], None],
             watermark: Optional[list[str]] = None, key: bytes | None = None,
             sha256: str | None = None) -> None:
        """Open `path` (closing the previous document); on_opened(page_count). With
        `watermark`, those lines are drawn over every page as it arrives (a confidential
        document), before the cache or the screen get it. With `key`, the file is sealed
        (documents/sealed_files.py): the render process opens it in its memory."""
        if self._closed:
            return
        self.close_document()
        self._path = str(path) + ("#watermarked" if watermark else "")  # the cache's key
        self._on_opened, self._on_open_error = on_opened, on_error
        self._doc_id = self._client.open(str(path), key, sha256)
        if watermark:
            self._watermarks[self._doc_id] = list(watermark)

    def render(self, index: int, on_rendered: Callable[[PageImage], None],
               on_error: Callable[[BaseException], None], *, width_px: int | None = None,
               zoom: float | None = None) -> None:
        """Show page `index` (0-based) at a pixel width or a zoom factor (1.0 = 72 dpi):
        from the cache at once, or rendered (superseding the previous visible request);
        then read its neighbours ahead."""
        if self._doc_id is None or not self._page_count:
            return
        key = (self._path, index, width_px, zoom)
        self._drop_visible()
        cached = self.cache.get(key)
        if cached is not None:
            image, width_pt, height_pt = cached
            on_rendered(PageImage(index, image, width_pt, height_pt, self._page_count))
        else:
            ahead = next((request_id for request_id, request in self._requests.items()
                          if request.key == key), None)
            if ahead is not None:  # being read ahead: that render becomes the visible one
                self._requests[ahead].on_rendered = on_rendered
                self._requests[ahead].on_error = on_error
                self._visible = ahead
            else:
                self._visible = self._submit(key, VISIBLE, on_rendered, on_error)
        self._read_ahead(index, width_px, zoom)

    def thumbnail(self, index: int, width_px: int,
                  on_rendered: Callable[[PageImage], None]) -> None:
        """A small picture of page `index` for the sidebar: from the cache, or rendered after
        every visible and read-ahead page; never superseded by a page turn. A page that fails
        just gets no thumbnail."""
        self.picture(index, width_px, on_rendered, THUMBNAIL)

    def forget_pictures(self, width_px: int, keep: set[int]) -> None:
        """Pictures of this width still asked for, of pages not in `keep`, are not needed."""
        for request_id, request in list(self._requests.items()):
            _path, index, width, _zoom = request.key
            if width == width_px and index not in keep and request_id != self._visible \
                    and request.on_rendered is not None:
                self._forget(request_id)

    def picture(self, index: int, width_px: int, on_rendered: Callable[[PageImage], None],
                priority: int = VISIBLE) -> None:
        """Page `index` at `width_px`, beside the visible page (never superseding it nor
        superseded by a page turn): a thumbnail, or a page of the continuous view."""
        if self._doc_id is None or not 0 <= index < self._page_count:
            return
        key = (self._path, index, width_px, None)
        cached = self.cache.get(key)
        if cached is not None:
            image, width_pt, height_pt = cached
            on_rendered(PageImage(index, image, width_pt, height_pt, self._page_count))
            return
        if any(request.key == key for request in self._requests.values()):
            return  # already asked for
        request_id = self._client.render(self._doc_id, index, width_px=width_px,
                                         priority=priority, preview_first=False)
        self._requests[request_id] = _Request(key, on_rendered, lambda _error: None)

    def close_document(self) -> None:
        self._drop_visible()
        for request_id in list(self._requests):
            self._forget(request_id)
        if self._doc_id is not None:
            self._client.close(self._doc_id)
            # stays until its last answers are dropped: a late page is never shown unmarked
        self._doc_id, self._page_count, self.outline = None, 0, []
        self._on_opened = self._on_open_error = None

    def shutdown(self) -> None:
        """Close the document and stop the render process. Idempotent."""
        if self._closed:
            return
        self.close_document()
        self._closed = True
        self._client.shutdown()
        self.cache.clear()

    # -- requests -------------------------------------------------------------------------
    def _submit(self, key: tuple, priority: int, on_rendered=None, on_error=None) -> int:
        _path, index, width_px, zoom = key
        request_id = self._client.render(self._doc_id, index, width_px=width_px, zoom=zoom,
                                         priority=priority, preview_first=on_rendered is not None)
        self._requests[request_id] = _Request(key, on_rendered, on_error)
        return request_id

    def _read_ahead(self, index: int, width_px: int | None, zoom: float | None) -> None:
        wanted = [(self._path, index + d, width_px, zoom) for d in self.read_ahead
                  if 0 <= index + d < self._page_count]
        in_flight = {r.key: request_id for request_id, r in self._requests.items()}
        for key, request_id in in_flight.items():
            if key not in wanted and self._requests[request_id].on_rendered is None:
                self._forget(request_id)  # read ahead for a page we have turned away from
        for key in wanted:
            if key not in self.cache and key not in in_flight:
                self._submit(key, AHEAD)

    def _drop_visible(self) -> None:
        if self._visible is not None:
            self._forget(self._visible)
            self._visible = None

    def _forget(self, request_id: int) -> None:
        self._requests.pop(request_id, None)
        self._client.cancel(request_id)

    # -- answers --------------------------------------------------------------------------
    def _on_reader_thread(self, answer) -> None:
        """On the render client's reader thread: copy a page out while its memory is ours."""
        image = None
        if isinstance(answer, Page):
            width = answer.width
            if answer.preview:
                width = round(answer.width / PREVIEW_SCALE)
            image = page_to_image(answer, width)
            lines = self._watermarks.get(answer.doc_id)
            if lines:
                paint_watermark(image, lines)
        try:
            self._answered.emit(answer, image)
        except RuntimeError:
            pass  # the queue was deleted with its window

    def _on_answer(self, answer, image: Optional[QImage]) -> None:
        if isinstance(answer, (Opened, DocFailed)):
            if answer.doc_id != self._doc_id:
                return
            if isinstance(answer, Opened):
                self._page_count, self.outline = answer.page_count, answer.outline
                if self._on_opened is not None:
                    self._on_opened(answer.page_count)
            else:
                self._doc_id = None
                if self._on_open_error is not None:
                    self._on_open_error(DocumentError(answer.code, answer.message))
            return
        request = self._requests.get(answer.request_id)
        if request is None:
            return  # superseded
        if isinstance(answer, Failed):
            self._requests.pop(answer.request_id, None)
            if answer.request_id == self._visible:
                self._visible = None
                request.on_error(DocumentError(answer.code, answer.message))
            return
        if not answer.preview:
            self._requests.pop(answer.request_id, None)
            self.cache.put(request.key, image, answer.width_pt, answer.height_pt)
            if answer.request_id == self._visible:
                self._visible = None
        if request.on_rendered is not None:
            request.on_rendered(PageImage(answer.index, image, answer.width_pt, answer.height_pt,
                                          self._page_count, answer.preview))
