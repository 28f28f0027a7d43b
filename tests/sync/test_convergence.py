"""Convergence property: tablets make random changes through random network drops, the server
is restarted in the middle, and at the end every replica equals the server's view for its user,
no change was lost and none applied twice. On SQLite and on PostgreSQL."""
from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import func, select

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from app.models import AppliedMutation, PersonalNote, SpeakerRequest, SyncClient, SyncEvent
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer, free_port
from tests.sync.conftest import build_world
from tests.sync.engine_helpers import make_engine, token_for, wait_until

USERS = ("delegate", "delegate", "chair", "secretary", "guest")  # two tablets of one delegate


@dataclass
class Tablet:
    username: str
    engine: object
    recorder: object
    notes: dict[str, str | None] = field(default_factory=dict)  # what this tablet last wrote
    requests: list[str] = field(default_factory=list)


def _context(db_url, tmp_path) -> ServerContext:
    return ServerContext.from_settings(Settings(
        database_url=db_url, data_dir=tmp_path / "data",
        password_policy=PasswordPolicy.fast_for_tests(), login_attempts_per_minute=1000))


def _step(rng: random.Random, tablet: Tablet, world, items: list[int]) -> None:
    engine, session = tablet.engine, world.session_id
    roll = rng.random()
    if roll < 0.15:
        engine.set_network(not engine.transport.network)
    elif roll < 0.40:
        key = rng.choice([k for k, v in tablet.notes.items() if v is not None] or [str(uuid.uuid4())])
        text = f"Ghi chú {rng.randint(1, 999)} của {tablet.username}"
        engine.mutate("note.put", {"session_id": session, "uuid": key, "text": text,
                                   "agenda_item_id": rng.choice(items + [None])})
        tablet.notes[key] = text
    elif roll < 0.50 and any(v is not None for v in tablet.notes.values()):
        key = rng.choice([k for k, v in tablet.notes.items() if v is not None])
        engine.mutate("note.delete", {"session_id": session, "uuid": key})
        tablet.notes[key] = None
    elif roll < 0.70:
        key = str(uuid.uuid4())
        engine.mutate("speaker.request", {"session_id": session, "uuid": key, "kind": "speech",
                                          "agenda_item_id": rng.choice(items)})
        tablet.requests.append(key)
    elif roll < 0.85:
        engine.mutate("live.set_current_item", {"session_id": session,
                                                "agenda_item_id": rng.choice(items)})
    else:
        engine.mutate("annotation.put", {
            "session_id": session, "uuid": str(uuid.uuid4()), "kind": "highlight",
            "document_id": world.docs["public"]["id"], "page_index": 0,
            "data": {"rects": [[0.1, 0.1, 0.5, 0.12]]}, "shared": rng.random() < 0.5})


@pytest.mark.parametrize("seed", [11, 29])
def test_tablets_converge_through_drops_and_a_server_restart(db_url, tmp_path, seed):
    upgrade(db_url)
    port = free_port()
    context = _context(db_url, tmp_path)
    world = build_world(context, tmp_path)
    server = BackgroundServer(context, port=port).start()
    world.url = server.url
    rng = random.Random(seed)
    tablets = []
    try:
        for index, name in enumerate(USERS):
            engine, recorder = make_engine(world.url, name, tmp_path / f"tablet{index}")
            engine.follow(world.session_id)
            tablets.append(Tablet(name, engine, recorder))
        wait_until(lambda: all(t.engine.status.state == "online" for t in tablets), what="online")
        items = sorted(int(k) for (e, k) in tablets[0].engine.view(world.session_id)
                       if e == "agenda_item")
        for step in range(90):
            _step(rng, rng.choice(tablets), world, items)
            if step == 45:  # the server goes down and comes back on the same port
                server.stop()
                time.sleep(rng.uniform(0.1, 0.5))
                _step(rng, rng.choice(tablets), world, items)  # changes made meanwhile
                server = BackgroundServer(_context(db_url, tmp_path), port=port).start()
            time.sleep(rng.uniform(0, 0.03))
        for tablet in tablets:
            tablet.engine.set_network(True)
        _assert_converged(world, tablets, server)
    finally:
        for tablet in tablets:
            tablet.engine.stop()
        server.stop()


def _assert_converged(world, tablets: list[Tablet], server) -> None:
    wait_until(lambda: all(t.engine.status.pending == 0 for t in tablets), timeout=60,
               what="every outbox delivered")
    with world.context.sessions() as db:
        last = db.scalar(select(func.max(SyncEvent.seq)).where(SyncEvent.session_id == world.session_id))
    wait_until(lambda: all(t.engine.replica.cursor(world.session_id) == last for t in tablets),
               timeout=30, what="every replica at the last event")
    for tablet in tablets:
        token, _user = token_for(server.url, tablet.username)
        snapshot = httpx.get(f"{server.url}/api/v1/sessions/{world.session_id}/snapshot",
                             headers={"Authorization": f"Bearer {token}"}).json()
        expected = {(e["entity"], e["key"]): e["data"] for e in snapshot["entities"]}
        assert snapshot["cursor"] == last
        assert tablet.engine.replica.entities(world.session_id) == expected, tablet.username
        assert tablet.engine.view(world.session_id) == expected  # nothing left pending
    with world.context.sessions() as db:
        for tablet in tablets:
            client_id = tablet.engine.client_id
            sent = tablet.engine.replica.meta("last_mutation_id", 0)
            assert db.scalar(select(SyncClient.last_mutation_id)
                             .where(SyncClient.client_id == client_id)) == sent
            assert db.scalar(select(func.count()).select_from(AppliedMutation)
                             .where(AppliedMutation.client_id == client_id)) == sent
            rejected = {r[0] for r in tablet.recorder.rejections}
            for key in tablet.requests:  # every request to speak exactly once
                count = db.scalar(select(func.count()).select_from(SpeakerRequest)
                                  .where(SpeakerRequest.uuid == key))
                assert count == 1 or rejected, (tablet.username, key)
            for key, text in tablet.notes.items():  # the last word of each tablet stands
                stored = db.scalar(select(PersonalNote.text).where(PersonalNote.uuid == key))
                assert stored == text, (tablet.username, key)
        origins = db.execute(select(SyncEvent.client_id, SyncEvent.mutation_id, SyncEvent.kind,
                                    SyncEvent.entity_key)
                             .where(SyncEvent.client_id.is_not(None))).all()
        assert len(origins) == len(set(origins))  # no mutation's event written twice
