"""The page render process: MuPDF runs here, outside the UI's interpreter.

PyMuPDF holds the GIL inside `get_pixmap`, so a render *thread* still freezes the UI for as long
as a page takes (about 190 ms for a 300 dpi scan). This process renders instead; the UI process
only copies finished pixels out of shared memory (see `render_client.py`, its other half).

Messages (pickled tuples over a `multiprocessing` pipe), from the client:
  ("open", doc_id, path, key, sha256)  (key, sha256: None, or a sealed file's, see
                                   sealed_files.py: decrypted here, in memory)
  ("close", doc_id)
  ("render", request_id, doc_id, index, width_px, zoom, priority, preview_first)
  ("cancel", request_id)          ("release", slot_name)          ("stop",)
and to it:
  ("opened", doc_id, page_count, was_repaired, outline)
  ("started", request_id)         (the watchdog times the page from here)
  ("page", request_id, doc_id, index, width, height, stride, slot_name, width_pt, height_pt,
   preview)                       (B, G, R, 255 pixels, rendered straight into the named
                                  shared-memory slot; the client copies them out, then releases)
  ("failed", request_id, code, message)       ("doc_failed", doc_id, code, message)
  ("done", request_id)            (superseded after its preview: nothing more comes)
  ("dropped", slot_name)          (a slot too small was replaced: unmap it)

Before each page every waiting message is read, so a cancelled or superseded request never
starts; waiting requests run by priority (VISIBLE, then AHEAD), oldest first. A page known to
be slow (it took more than SLOW_PAGE_S before: a map, a drawing) is first sent as a preview at
PREVIEW_SCALE, so the reader sees it at once and sharp a moment later. Not a page that draws a
large image (a scan): MuPDF 1.28 decodes the whole JPEG whatever the scale (measured on a 300 dpi
A4 scan: 65-85 ms at any scale up to 1/4, 105 ms at 1200 px wide), so a preview there would only
delay the page; for scans the client's cache and read-ahead do that work.

MuPDF keeps decoded images and fonts in its store, whose limit (256 MB) PyMuPDF 1.28 fixes at
start-up and cannot report the size of; so this process watches its own resident memory and
halves the store whenever that exceeds RSS_BUDGET (where the system cannot tell, after every page
that drew a large image: a scan's decoded image is never needed again, the viewer caches pages),
and empties the store when a document is closed.
"""
from __future__ import annotations

import heapq
import itertools
import os
import time
from dataclasses import dataclass, field
from multiprocessing import shared_memory
from typing import Any, Optional

import pymupdf

from documents.render import CORRUPT, DocumentError, PdfRenderer

VISIBLE, AHEAD, THUMBNAIL = 0, 2, 3  # waiting requests run in this order
MAX_SLOTS = 8  # pages in shared memory the client has not copied out yet
PREVIEW_SCALE = 0.25
SLOW_PAGE_S = 0.06
BIG_IMAGE_PIXELS = 2_000_000
RSS_BUDGET = 320 << 20
_SLOT_ROUNDING = 1 << 20
SLOT_PREFIX = "phonghop-page-"  # + the process id: what a killed process left can be found
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class _Stop(BaseException):  # not an Exception: no except-clause of a render may swallow it
    pass


@dataclass(order=True)
class _Job:
    priority: int
    seq: int
    request_id: int = field(compare=False)
    doc_id: int = field(compare=False)
    index: int = field(compare=False)
    width_px: Optional[int] = field(compare=False)
    zoom: Optional[float] = field(compare=False)
    preview_first: bool = field(compare=False)


class _Slots:
    """Shared-memory segments this process writes pages into; a slot is busy from the page
    sent until the client releases it. A slot too small for a page is replaced."""

    def __init__(self, on_dropped=lambda name: None) -> None:
        self.free: list[shared_memory.SharedMemory] = []
        self.busy: dict[str, shared_memory.SharedMemory] = {}
        self.on_dropped = on_dropped
        self._names = itertools.count(1)

    def take(self, size: int) -> Optional[shared_memory.SharedMemory]:
        fitting = [s for s in self.free if s.size >= size]
        if fitting:
            slot = min(fitting, key=lambda s: s.size)
            self.free.remove(slot)
        elif self.free or len(self.busy) < MAX_SLOTS:
            if self.free:
                dropped = self.free.pop()
                self._drop(dropped)
                self.on_dropped(dropped.name)
            rounded = -(-size // _SLOT_ROUNDING) * _SLOT_ROUNDING
            slot = shared_memory.SharedMemory(
                name=f"{SLOT_PREFIX}{os.getpid()}-{next(self._names)}", create=True, size=rounded)
        else:
            return None
        self.busy[slot.name] = slot
        return slot

    def release(self, name: str) -> None:
        slot = self.busy.pop(name, None)
        if slot is not None:
            self.free.append(slot)

    @staticmethod
    def _drop(slot: shared_memory.SharedMemory) -> None:
        slot.close()
        slot.unlink()

    def close(self) -> None:
        for slot in [*self.free, *self.busy.values()]:
            self._drop(slot)
        self.free, self.busy = [], {}


class _Worker:
    def __init__(self, conn) -> None:
        self.conn = conn
        self.docs: dict[int, PdfRenderer] = {}
        self.heap: list[_Job] = []
        self.waiting: dict[int, _Job] = {}
        self.slow: set[tuple[int, int]] = set()
        self.slots = _Slots(lambda name: self.conn.send(("dropped", name)))
        self.seq = itertools.count()

    def run(self) -> None:
        try:
            while True:
                self._read(block=not self.waiting)
                job = self._next_job()
                if job is not None:
                    self._render(job)
        except (_Stop, EOFError, BrokenPipeError, ConnectionResetError):
            pass
        finally:
            for renderer in self.docs.values():
                renderer.close()
            self.slots.close()

    # -- messages -------------------------------------------------------------------------
    def _read(self, block: bool) -> None:
        while block or self.conn.poll():
            self._handle(self.conn.recv())
            block = False

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "render":
            job = _Job(message[6], next(self.seq), *message[1:6], message[7])
            self.waiting[job.request_id] = job
            heapq.heappush(self.heap, job)
        elif kind == "cancel":
            self.waiting.pop(message[1], None)
        elif kind == "release":
            self.slots.release(message[1])
        elif kind == "open":
            self._open(*message[1:])
        elif kind == "close":
            self._close(message[1])
        elif kind == "stop":
            raise _Stop()

    def _open(self, doc_id: int, path: str, key: bytes | None = None,
              sha256: str | None = None) -> None:
        try:
            renderer = PdfRenderer(path, key, sha256)
        except DocumentError as exc:
            self.conn.send(("doc_failed", doc_id, exc.code, exc.message))
            return
        except Exception as exc:  # MuPDF's own errors on a hostile file
            self.conn.send(("doc_failed", doc_id, CORRUPT, f"{type(exc).__name__}: {exc}"))
            return
        self.docs[doc_id] = renderer
        self.conn.send(("opened", doc_id, renderer.page_count, renderer.was_repaired,
                        renderer.outline()))

    def _close(self, doc_id: int) -> None:
        renderer = self.docs.pop(doc_id, None)
        if renderer is not None:
            renderer.close()
        for request_id in [r for r, job in self.waiting.items() if job.doc_id == doc_id]:
            del self.waiting[request_id]
        self.slow = {key for key in self.slow if key[0] != doc_id}
        pymupdf.TOOLS.store_shrink(100)

    def _next_job(self) -> Optional[_Job]:
        while self.heap:
            job = heapq.heappop(self.heap)
            if self.waiting.pop(job.request_id, None) is job:
                return job
        return None

    # -- rendering ------------------------------------------------------------------------
    def _render(self, job: _Job) -> None:
        self.conn.send(("started", job.request_id))
        renderer = self.docs.get(job.doc_id)
        try:
            if renderer is None:
                raise DocumentError(CORRUPT, "the document is not open")
            width_pt, _height_pt = renderer.page_size(job.index)
            scale = job.zoom if job.zoom is not None else job.width_px / max(width_pt, 1e-3)
            key = (job.doc_id, job.index)
            if (job.preview_first and key in self.slow
                    and renderer.image_pixels(job.index) <= BIG_IMAGE_PIXELS):
                self._render_page(job, renderer, scale * PREVIEW_SCALE, preview=True)
                self.waiting[job.request_id] = job  # a cancel read now must still count
                self._read(block=False)
                if self.waiting.pop(job.request_id, None) is not job:
                    self.conn.send(("done", job.request_id))  # the watchdog stops timing it
                    return  # superseded while the preview was on its way
            started = time.perf_counter()
            self._render_page(job, renderer, scale, preview=False)
            if time.perf_counter() - started > SLOW_PAGE_S:
                self.slow.add(key)
        except DocumentError as exc:
            self.conn.send(("failed", job.request_id, exc.code, exc.message))
        except (_Stop, EOFError, BrokenPipeError, ConnectionResetError):
            raise
        except Exception as exc:
            self.conn.send(("failed", job.request_id, CORRUPT, f"{type(exc).__name__}: {exc}"))
        if renderer is not None and not renderer.closed:
            self._keep_store_small(renderer, job.index)

    def _render_page(self, job: _Job, renderer: PdfRenderer, scale: float,
                     preview: bool) -> None:
        """Render straight into a free shared-memory slot and tell the client which."""
        taken: list[shared_memory.SharedMemory] = []

        def allocate(size: int) -> memoryview:
            slot = self.slots.take(size)
            while slot is None:  # every slot is still being copied out: wait for a release
                try:
                    self._handle(self.conn.recv())
                except (EOFError, OSError):
                    raise _Stop() from None
                slot = self.slots.take(size)
            taken.append(slot)
            return slot.buf

        try:
            page = renderer.render_into(job.index, scale, allocate)
        except BaseException:
            for slot in taken:
                self.slots.release(slot.name)
            raise
        self.conn.send(("page", job.request_id, job.doc_id, job.index, page.width, page.height,
                        page.stride, taken[0].name, page.width_pt, page.height_pt, preview))

    @staticmethod
    def _keep_store_small(renderer: PdfRenderer, index: int) -> None:
        resident = _resident_bytes()
        if resident is not None:
            too_big = resident > RSS_BUDGET
        else:
            try:
                too_big = renderer.image_pixels(index) > BIG_IMAGE_PIXELS
            except DocumentError:
                too_big = False
        if too_big:
            pymupdf.TOOLS.store_shrink(50)

    def _send_page(self, job: _Job, page, width_pt: float, height_pt: float,
                   preview: bool) -> None:
        size = page.stride * page.height
        slot = self.slots.take(size)
        while slot is None:  # every slot is still being copied out: wait for a release
            self._handle(self.conn.recv())
            slot = self.slots.take(size)
        slot.buf[:size] = page.samples_mv
        self.conn.send(("page", job.request_id, job.doc_id, job.index, page.width, page.height,
                        page.stride, slot.name, width_pt, height_pt, preview))


def _resident_bytes() -> Optional[int]:
    """This process' resident memory (Linux), None where the system does not tell."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return None


def serve(conn) -> None:
    """The render process' entry point: answer `conn` until told to stop or the pipe closes."""
    pymupdf.TOOLS.mupdf_display_errors(False)  # damaged files: the errors travel as messages
    _Worker(conn).run()
