"""Renders PDF pages into QImages on one dedicated thread.

MuPDF documents are not thread-safe, so every `PdfRenderer` call happens on the single thread
of this object's own TaskRunner. A newer render request supersedes older ones that have not
started (and their results, if they finish anyway, are dropped).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from ui.workers import TaskHandle, TaskRunner

MAX_PIXELS = 40_000_000  # refuse absurd zoom levels instead of exhausting memory


@dataclass(frozen=True)
class PageImage:
    index: int
    image: QImage
    page_width_pt: float
    page_height_pt: float
    page_count: int


def rendered_page_to_image(page) -> QImage:
    """A RenderedPage (RGB888 samples with a stride) as a QImage owning its own pixels.

    The QImage first borrows `page.samples_mv` (no copy); the one copy is the conversion to
    RGB32, done here on the render thread while the samples are alive, because RGB32 is what
    QPixmap.fromImage takes without converting again on the UI thread."""
    if page.format != "RGB888":
        raise ValueError(f"unsupported pixel format: {page.format}")
    borrowed = QImage(page.samples_mv, page.width, page.height, page.stride,
                      QImage.Format.Format_RGB888)
    return borrowed.convertToFormat(QImage.Format.Format_RGB32)


class _RenderThreadState:
    """What lives on the render thread: the open document. Only touched by render tasks."""

    def __init__(self) -> None:
        self.renderer = None
        self.path: Optional[Path] = None

    def open(self, path: Path) -> int:
        from documents.render import PdfRenderer  # the documents package has no Qt

        self.close()
        self.renderer = PdfRenderer(path)
        self.path = path
        return self.renderer.page_count

    def render(self, index: int, width_px: int | None, zoom: float | None) -> PageImage:
        if self.renderer is None:
            raise RuntimeError("no document is open")
        width_pt, height_pt = self.renderer.page_size(index)
        if width_px is None and zoom is not None and width_pt * height_pt * zoom * zoom > MAX_PIXELS:
            zoom = (MAX_PIXELS / (width_pt * height_pt)) ** 0.5
        page = self.renderer.render(index, zoom=zoom, width_px=width_px)
        return PageImage(index, rendered_page_to_image(page), width_pt, height_pt,
                         self.renderer.page_count)

    def close(self) -> None:
        if self.renderer is not None:
            try:
                self.renderer.close()
            finally:
                self.renderer, self.path = None, None


class PageRenderQueue(QObject):
    """Open one document at a time and render its pages, off the UI thread."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._runner = TaskRunner(self, max_threads=1)
        self._state = _RenderThreadState()
        self._open_task: TaskHandle | None = None
        self._render_task: TaskHandle | None = None
        self._closed = False

    def open(self, path: str | Path, on_opened: Callable[[int], None],
             on_error: Callable[[BaseException], None]) -> None:
        """Open `path` (closing the previous document); on_opened(page_count)."""
        self._cancel_pending()
        self._open_task = self._runner.submit(self._state.open, Path(path),
                                              on_result=on_opened, on_error=on_error)

    def render(self, index: int, on_rendered: Callable[[PageImage], None],
               on_error: Callable[[BaseException], None], *, width_px: int | None = None,
               zoom: float | None = None) -> None:
        """Render page `index` (0-based) at a pixel width or a zoom factor (1.0 = 72 dpi).
        Supersedes the previous render request if it has not been delivered yet."""
        if self._render_task is not None:
            self._render_task.cancel()
        # A task cancelled before it starts is skipped by the runner: a burst of requests
        # (a window being resized) renders only the last one.
        self._render_task = self._runner.submit(self._state.render, index, width_px, zoom,
                                                on_result=on_rendered, on_error=on_error)

    def close_document(self) -> None:
        self._cancel_pending()
        if not self._closed:
            self._runner.submit(self._state.close)

    def _cancel_pending(self) -> None:
        for task in (self._open_task, self._render_task):
            if task is not None:
                task.cancel()
        self._open_task = self._render_task = None

    def shutdown(self) -> None:
        """Close the document on the render thread and stop the thread. Idempotent."""
        if self._closed:
            return
        self.close_document()
        self._closed = True
        self._runner.shutdown(cancel=False)  # let the close task run
