"""The viewer's zoom: steps in and out (buttons, Ctrl+wheel, the keys), a pinch's factor, fit
width, and fitting again after a resize; and turning pages by steps. A part of
`DocumentViewer`, which owns the state (`_zoom`, `_shown_zoom`, `_fit_width`, `current_page`)
and renders (`_render`, `show_page`)."""
from __future__ import annotations

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class ViewerZoom:
    _fit_page = False  # the whole page in view, kept so through resizes

    def _wire_zoom(self) -> None:
        toolbar, canvas = self.toolbar, self.canvas
        toolbar.zoom_in_requested.connect(self.zoom_in)
        toolbar.zoom_out_requested.connect(self.zoom_out)
        toolbar.fit_width_toggled.connect(self.set_fit_width)
        toolbar.fit_page_requested.connect(self.fit_page)
        toolbar.zoom_requested.connect(self.zoom_to)
        canvas.zoom_step.connect(lambda step: self.zoom_in() if step > 0 else self.zoom_out())
        canvas.zoom_by.connect(self.zoom_by)

    def zoom_in(self) -> None:
        current = self._shown_zoom or self._zoom
        self._set_zoom(next((z for z in ZOOM_STEPS if z > current * 1.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self._shown_zoom or self._zoom
        smaller = [z for z in ZOOM_STEPS if z < current * 0.99]
        self._set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def zoom_by(self, factor: float) -> None:
        """A pinch: the zoom times `factor`, within the zoom steps' range."""
        current = self._shown_zoom or self._zoom
        self._set_zoom(min(max(current * factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1]))

    def fit_page(self) -> None:
        """The whole page in view: the zoom that fits both its width and its height."""
        width, height = self._page_size_pt
        if not (width and height and self.page_count):
            return
        zoom = min(self.canvas.available_width() / width, self.canvas.available_height() / height)
        self._set_zoom(max(0.1, zoom))
        self._fit_page = True

    def zoom_to(self, zoom: float) -> None:
        self._set_zoom(min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1]))

    def set_fit_width(self, fit: bool) -> None:
        self._fit_page = False
        if fit == self._fit_width:
            return
        self._fit_width = fit
        if not fit and self._shown_zoom:
            self._zoom = self._shown_zoom
        self._render(keep_scroll=False)
        self.strip.zoomed()

    def _set_zoom(self, zoom: float) -> None:
        if not self.page_count:
            return
        self._fit_width = self._fit_page = False
        self._zoom = zoom
        self._render(keep_scroll=True)
        self.strip.zoomed()  # the continuous view takes it at once

    def _on_canvas_resized(self) -> None:
        if self._fit_page:
            self._resize_timer.start()
        if self._fit_width and self.page_count:
            self._resize_timer.start()

    def _refit(self) -> None:
        """After a resize: render again only when the fitted width has changed (a scroll bar
        that appears does not change it: `available_width` always leaves room for one)."""
        if self._fit_page:
            self.fit_page()
            return
        if not (self._fit_width and self.page_count):
            return
        ratio = self.devicePixelRatioF() or 1.0
        shown = self.canvas.pixmap()
        if shown.isNull() or shown.width() != int(self.canvas.available_width() * ratio):
            self._render(keep_scroll=True)

    # -- turning pages ------------------------------------------------------------------
    def next_page(self) -> None:
        self._step(1)

    def previous_page(self) -> None:
        self._step(-1)

    def _by_hand(self, action, *args) -> None:
        """A page turn the reader asked for: say so, then do it."""
        if self.page_count:
            self.user_navigated.emit()
        action(*args)

    def _step(self, delta: int, show_end: bool = False) -> None:
        target = self.current_page + delta
        if self.page_count and 0 <= target < self.page_count:
            self.show_page(target, scroll_to_end=show_end)
