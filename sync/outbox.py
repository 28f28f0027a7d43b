"""Sending the outbox: pushes packed by bytes, the server's answers taken one by one, and the
recoveries that keep the outbox draining whatever happened to the server or to this replica.

- `applied`: the change stays shown until its events arrive, then the entry goes.
- `rejected`: the entry goes (the prediction is rolled back) and the user is told.
- `out_of_order` (the server lost changes it had confirmed: a restore), `client_diverged`
  (another device used our ids: a copied or restored replica) and 403 `client_mismatch` (the
  id belongs to another user): take a new client id and send the waiting changes again; none
  of them was applied under the old id, so nothing is applied twice. The user is told.
- `rate_limited`: wait as long as the server says, then carry on.
- 413/422 (the server cannot read the push): send half as many at once until the one change it
  cannot take is alone; that one is refused here (the user is told) and the others go on.
- `error`: a server fault; the engine backs off and reconnects."""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import TYPE_CHECKING

from app import protocol as p
from app.protocol import mutations as m
from sync.replica import OutboxEntry
from sync.transport import ClientIdTaken, PushRefused, ServerTrouble

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger("phonghop.outbox")
MAX_RATE_WAIT_S = 60.0


def entry_text(entry: OutboxEntry) -> str:
    return json.dumps({"id": entry.mutation_id, "name": entry.name, "args": entry.args},
                      ensure_ascii=False, separators=(",", ":"))


def pack(entries: list[OutboxEntry], max_count: int, max_bytes: int) -> list[str]:
    """The first entries as JSON texts, as many as fit one push (at least one), with
    consecutive ids only (an entry dropped here leaves a gap)."""
    texts, size = [], 64  # the envelope
    for index, entry in enumerate(entries[:max_count]):
        if index and entry.mutation_id != entries[index - 1].mutation_id + 1:
            break
        text = entry_text(entry)
        if texts and size + len(text.encode("utf-8")) + 1 > max_bytes:
            break
        texts.append(text)
        size += len(text.encode("utf-8")) + 1
    return texts


class OutboxSender:
    def __init__(self, engine: "SyncEngine"):
        self.engine = engine
        self._count_limit = p.MAX_MUTATIONS_PER_PUSH  # halved while the server refuses a push
        self._answered: int | None = None  # the last id the server answered under this id

    async def run(self) -> None:
        engine = self.engine
        engine.outbox_ready.set()
        while True:
            await engine.outbox_ready.wait()
            engine.outbox_ready.clear()
            while pending := engine.replica.outbox("pending"):
                engine.refresh_state()
                await self.push_once(pending)
            engine.refresh_state()

    async def push_once(self, pending: list[OutboxEntry]) -> None:
        engine = self.engine
        if self._answered is not None and pending[0].mutation_id > self._answered + 1:
            # changes dropped here (a session no longer ours) left a gap: a client id of its
            # own starts where the waiting changes are, so nothing waits for the missing ones
            self._rotate()
        batch = pack(pending, self._count_limit, p.MAX_PUSH_BYTES)
        try:
            answers = await engine.transport.push(engine.client_id, batch)
        except PushRefused as exc:
            if len(batch) > 1:
                self._count_limit = max(1, len(batch) // 2)
                return
            self._refuse_alone(pending[0], exc)
            return
        except ClientIdTaken:
            self._new_identity("client_mismatch")
            return
        self._count_limit = p.MAX_MUTATIONS_PER_PUSH
        await self.take_answers(answers)

    def _refuse_alone(self, entry: OutboxEntry, exc: PushRefused) -> None:
        """The server cannot read this one change even alone: it never will. It goes, and so
        that the next change is not out of order we continue under a new client id."""
        engine = self.engine
        log.warning("change %s refused unread: %s", entry.mutation_id, exc)
        engine.replica.remove(entry.mutation_id)
        self._rotate()
        engine.notify_changed(entry.session_id, {m.entity_of(entry.name)})
        engine.tell("rejected", entry.mutation_id, entry.name, exc.code, str(exc))

    def _rotate(self) -> None:
        self.engine.client_id = self.engine.replica.new_client_id()
        self._answered = None

    def _new_identity(self, reason: str) -> None:
        self._rotate()
        log.warning("sync: %s; continuing under a new client id", reason)
        self.engine.tell("notice", reason, None, self.engine.replica.pending_count())

    async def take_answers(self, answers: list[dict]) -> None:
        engine = self.engine
        entries = {e.mutation_id: e for e in engine.replica.outbox()}
        for answer in answers:
            entry = entries.get(answer["id"])
            status = answer["status"]
            if status in ("applied", "rejected"):
                self._answered = answer["id"]
            if status == "applied":
                confirm: dict[int, int] = {}
                for session_id, seq in answer.get("events", []):
                    confirm[session_id] = max(confirm.get(session_id, 0), seq)
                confirm = {s: q for s, q in confirm.items() if engine.replica.cursor(s) < q}
                engine.replica.mark_sent(answer["id"], confirm)
                if entry is not None and not confirm:  # confirmed now: the "not yet sent" mark goes
                    engine.notify_changed(entry.session_id, {m.entity_of(entry.name)})
            elif status == "rejected":
                engine.replica.remove(answer["id"])
                error = answer.get("error", {})
                if entry is not None:
                    engine.notify_changed(entry.session_id, {m.entity_of(entry.name)})
                engine.tell("rejected", answer["id"], entry.name if entry else "?",
                            error.get("code", ""), error.get("message", ""))
            elif status == "out_of_order":
                # The server lost what it had confirmed from `expected` on (a restore): the
                # changes it confirmed from there whose events never came are sent again, under
                # a new id (none of them is applied there any more).
                engine.replica.resend_sent(from_id=int(answer.get("expected") or 0))
                self._new_identity(status)
                return
            elif status == "client_diverged":
                self._new_identity(status)
                return
            elif status == "rate_limited":
                await asyncio.sleep(min(MAX_RATE_WAIT_S, float(answer.get("retry_after") or 1)))
                return
            else:  # a server fault: try again after a backoff
                raise ServerTrouble(f"mutation {answer['id']}: {status}")


async def call_direct(engine: "SyncEngine", name: str, args: dict, tries: int = 3) -> dict:
    """One change outside the outbox (a ballot) under the replica's direct client id, its id
    taken (and stored) before sending and retried as it is, so it is applied at most once;
    never queued for later. Raises Offline or ServerTrouble when it cannot get an answer."""
    from sync.transport import Offline

    replica = engine.replica
    client_id = replica.meta("direct_client_id") or _new_direct_id(replica)
    mutation_id = replica.meta("direct_last_id", 0) + 1
    replica.set_meta("direct_last_id", mutation_id)
    for attempt in range(tries + 2):
        text = json.dumps({"id": mutation_id, "name": name, "args": args}, ensure_ascii=False)
        try:
            answer = (await engine.transport.push(client_id, [text]))[0]
        except Offline:
            if attempt >= tries - 1:
                raise
            await asyncio.sleep(0.3 * (attempt + 1))
            continue
        except (PushRefused, ClientIdTaken) as exc:
            raise ServerTrouble(f"{name} refused: {exc}") from exc
        if answer["status"] == "out_of_order":  # ours was never applied: take the next one
            mutation_id = int(answer["expected"])
            replica.set_meta("direct_last_id", mutation_id)
        elif answer["status"] == "client_diverged":  # a restored replica: a new identity
            client_id = _new_direct_id(replica)
        elif answer["status"] in ("applied", "rejected"):
            return answer
        else:
            raise ServerTrouble(f"{name}: {answer['status']}")
    raise ServerTrouble(f"{name}: no answer")


def _new_direct_id(replica) -> str:
    value = f"direct-{uuid.uuid4().hex}"
    replica.set_meta("direct_client_id", value)
    return value
