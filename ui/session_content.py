"""Keeps the content of the selected session coming to the window.

With a sync engine the content is the engine's replica: the session is followed (snapshot, live
events, document prefetch) and read again after every change the engine reports, so with the
server gone the agenda stays and the tablet's own changes show at once. Reads are coalesced:
one at a time, and one more if changes came in meanwhile. The vote results of a finished
session are not in the replica yet: they come once from the REST API.

Without an engine (it could not start, or a caller chose not to run one), the agenda and the
vote results come from the REST API, as before the sync engine existed.
"""
from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, Signal

from sync.client import ApiClient, ApiError, ConnectionFailed, SessionSummary
from ui.session_state import SessionState, read_session_state, state_from_rest
from ui.sync_bridge import SyncBridge
from ui.workers import TaskHandle, TaskRunner

log = logging.getLogger(__name__)


def fetch_session_content(client: ApiClient, session: SessionSummary):
    """On a worker thread: the agenda, and for a finished session the vote results.
    Returns (items, votes, votes_failed)."""
    items = client.agenda(session.id)
    votes, votes_failed = [], False
    if session.status == "closed":
        votes, votes_failed = fetch_votes(client, session)
    return items, votes, votes_failed


def fetch_votes(client: ApiClient, session: SessionSummary):
    """(votes, failed); a failure other than the connection's is not worth more than a note."""
    try:
        return client.vote_results(session.id), False
    except ConnectionFailed:
        raise
    except ApiError as exc:  # the agenda is still worth showing
        log.warning("vote results of session %s unavailable: %s", session.id, exc.code)
        return [], True


class SessionContentLoader(QObject):
    """Signals: `content_ready(SessionState)` for the selected session (with the engine also
    before its snapshot arrived: `loaded` is then False), `content_failed(session_id,
    error)` (REST), `votes_failed()`."""

    content_ready = Signal(object)
    content_failed = Signal(int, object)
    votes_failed = Signal()

    def __init__(self, client: ApiClient, runner: TaskRunner, bridge: SyncBridge | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._client = client
        self._runner = runner
        self._bridge = bridge
        self._use_rest = bridge is None
        self.session: SessionSummary | None = None
        self.state: SessionState | None = None
        self._rest_task: TaskHandle | None = None
        self._votes_task: TaskHandle | None = None
        self._votes: tuple | None = None
        self._reading = False
        self._dirty = False
        if bridge is not None:
            bridge.engine_ready.connect(self._on_engine_ready)
            bridge.engine_failed.connect(self._on_engine_failed)
            bridge.changed.connect(self._on_changed)
            bridge.status_changed.connect(self._on_status)
        self._pending_count: int | None = None

    @property
    def uses_engine(self) -> bool:
        return not self._use_rest

    def select(self, session: SessionSummary | None) -> None:
        self.cancel()
        self.session, self.state, self._votes = session, None, None
        if session is None:
            return
        if self._use_rest:
            self._rest_task = self._runner.submit(
                fetch_session_content, self._client, session,
                on_result=lambda content: self._on_rest(session.id, content),
                on_error=lambda exc: self._on_rest_error(session.id, exc))
        elif self._bridge.engine is not None:
            self._bridge.follow(session.id)
            self.refresh()
        # else: the engine is starting; _on_engine_ready continues

    def refresh(self) -> None:
        """Read the selected session from the replica again (coalesced)."""
        if self.session is None or self._use_rest or self._bridge.engine is None:
            return
        if self._reading:
            self._dirty = True
            return
        self._reading, self._dirty = True, False
        session_id = self.session.id
        serial = self._bridge.serial + 1  # the serial this read gets
        handle = self._bridge.submit(
            read_session_state, session_id,
            on_result=lambda state: self._on_read(session_id, serial, state),
            on_error=lambda exc: self._on_read_error(session_id, exc))
        if handle is None:
            self._reading = False

    def cancel(self) -> None:
        for task in (self._rest_task, self._votes_task):
            if task is not None:
                task.cancel()
        self._rest_task = self._votes_task = None

    # -- engine -----------------------------------------------------------------------------
    def _on_engine_ready(self) -> None:
        if self.session is not None and not self._use_rest:
            self.select(self.session)

    def _on_engine_failed(self, _message: str) -> None:
        self._use_rest = True
        if self.session is not None:
            self.select(self.session)

    def _on_changed(self, session_id, _entities) -> None:
        if self.session is not None and session_id == self.session.id:
            self.refresh()

    def _on_status(self, status) -> None:
        """The outbox shrank or grew: what is shown as "waiting to be sent" may have changed.
        (The engine drops a confirmed change whose events it already applied without a
        `changed` call, so this is the only news of it.)"""
        if status.pending != self._pending_count:
            self._pending_count = status.pending
            self.refresh()

    def _on_read(self, session_id: int, serial: int, state: SessionState) -> None:
        self._reading = False
        if self.session is None or self.session.id != session_id:
            self._after_read()
            return
        self.state = dataclasses.replace(state, serial=serial, votes=self._votes or state.votes)
        self.content_ready.emit(self.state)
        if state.loaded and self.session.status == "closed" and self._votes is None \
                and self._votes_task is None:
            session = self.session
            self._votes_task = self._runner.submit(
                fetch_votes, self._client, session,
                on_result=lambda result: self._on_votes(session.id, result),
                on_error=lambda exc: self._on_votes(session.id, ([], True)))
        self._after_read()

    def _on_read_error(self, session_id: int, error: BaseException) -> None:
        self._reading = False
        log.error("reading session %s from the replica failed", session_id, exc_info=error)
        self._after_read()

    def _after_read(self) -> None:
        if self._dirty:
            self.refresh()

    def _on_votes(self, session_id: int, result) -> None:
        self._votes_task = None
        if self.session is None or self.session.id != session_id:
            return
        votes, failed = result
        self._votes = tuple(votes)
        if failed:
            self.votes_failed.emit()
        if self.state is not None and votes:
            self.state = dataclasses.replace(self.state, votes=self._votes)
            self.content_ready.emit(self.state)

    # -- REST -------------------------------------------------------------------------------
    def _on_rest(self, session_id: int, content) -> None:
        if self.session is None or self.session.id != session_id:
            return
        self._rest_task = None
        items, votes, votes_failed = content
        self.state = state_from_rest(session_id, items, votes)
        if votes_failed:
            self.votes_failed.emit()
        self.content_ready.emit(self.state)

    def _on_rest_error(self, session_id: int, error: BaseException) -> None:
        if self.session is None or self.session.id != session_id:
            return
        self._rest_task = None
        self.content_failed.emit(session_id, error)
