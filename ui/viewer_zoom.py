"""The viewer's zoom: steps in and out (buttons, Ctrl+wheel, the keys), a pinch's factor, fit
width, and fitting again after a resize; and turning pages by steps. A part of
`DocumentViewer`, which owns the state (`_zoom`, `_shown_zoom`, `_fit_width`, `current_page`)
and renders (`_render`, `show_page`)."""
from __future__ import annotations

ZOOM_STEPS = (0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)


class ViewerZoom:
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

    def set_fit_width(self, fit: bool) -> None:
        if fit == self._fit_width:
            return
        self._fit_width = fit
        if not fit and self._shown_zoom:
            self._zoom = self._shown_zoom
        self._render(keep_scroll=False)

    def _set_zoom(self, zoom: float) -> None:
        if not self.page_count:
            return
        self._fit_width = False
        self._zoom = zoom
        self._render(keep_scroll=True)

    def _on_canvas_resized(self) -> None:
        if self._fit_width and self.page_count:
            self._resize_timer.start()

    def _refit(self) -> None:
        """After a resize: render again only when the fitted width has changed (a scroll bar
        that appears does not change it: `available_width` always leaves room for one)."""
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
