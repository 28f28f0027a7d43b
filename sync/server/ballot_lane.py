"""The lane of the changes that need the server now (a ballot; a vote's opening, closing,
cancelling): one worker thread per server process that takes whatever such changes are
waiting and applies them together in one transaction, each in its own savepoint
(`app.services.mutations.apply_batch`), then answers each after the one commit.

When the whole room votes within seconds, this is what keeps each ballot's durable
acknowledgement quick: one commit (one flush to disk) and one read of the vote for many
ballots, instead of one of each per ballot; and no thread of the request pool waits on the
database's write lock. A lone ballot goes through at once (a batch of one)."""
from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future

from app.db import begin_write
from app.models import User
from app.services import auth
from app.services.mutations import Job, apply_batch
from sync.server.publish import announce, hand_over

log = logging.getLogger("phonghop.lane")
MAX_BATCH = 32  # the write lock is held while a batch is applied: keep it short


class BallotLane:
    def __init__(self, context):
        self.context = context
        self._queue: queue.SimpleQueue[tuple[Job, Future] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.batches = 0  # transactions committed (for tests and the benchmark)
        self.applied = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="phonghop-ballots", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(self, user: User | None, client_id: str, mutation: dict,
               token: str | None = None) -> Future:
        """The job's future: its Job (answer or error) once the batch has committed. Without
        `user`, the lane authenticates `token` in the batch's transaction (an invalid one is
        the job's error, auth.TokenRejected)."""
        future: Future = Future()
        self._queue.put((Job(user, client_id, mutation, token=token), future))
        return future

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            try:
                self._apply([job for job, _f in batch])
            except Exception as exc:  # noqa: BLE001 - the lane never stops; each is answered
                log.exception("the ballot lane failed after a batch")
                for job, _future in batch:
                    if job.answer is None and job.error is None:
                        job.error = exc
            finally:
                for job, future in batch:
                    if not future.done():
                        future.set_result(job)

    def _apply(self, jobs: list[Job]) -> None:
        try:
            with self.context.sessions() as db:
                begin_write(db)
                apply_batch(db, _authenticated(db, jobs), self.context.settings)
                announce(db, [row for job in jobs for row in job.rows],
                         getattr(self.context, "hub", None))
                db.commit()
        except Exception as exc:  # noqa: BLE001 - the whole batch failed: nothing applied
            log.exception("a batch of %d urgent changes failed; each is answered 'error'",
                          len(jobs))
            for job in jobs:  # a refused token stays a refused token (401), not a fault
                if not isinstance(job.error, auth.TokenRejected):
                    job.answer, job.error, job.rows = None, exc, []
            return
        self.batches += 1
        self.applied += len(jobs)
        try:
            hand_over(getattr(self.context, "hub", None), [row for job in jobs for row in job.rows])
        except Exception:  # noqa: BLE001 - committed: the hub's periodic check sends them
            log.exception("handing a batch's events to the hub failed")


def _authenticated(db, jobs: list[Job]) -> list[Job]:
    """The jobs whose user is known or whose token is valid (one read each, in the batch's
    transaction); the others are answered with their TokenRejected."""
    ready = []
    for job in jobs:
        if job.user is None:
            try:
                job.user = auth.user_for_token(db, job.token or "")
            except auth.TokenRejected as exc:
                job.error = exc
                continue
        ready.append(job)
    return ready
