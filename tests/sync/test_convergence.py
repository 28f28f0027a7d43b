"""Convergence property: tablets make random changes through random network drops while the
server suffers what servers suffer, and at the end every replica equals the server's view for
its user and every change is accounted for exactly: applied once, or refused and said so.

The faults, in one run, on SQLite and on PostgreSQL:
- the server is killed (SIGKILL) between a mutation's commit and its answer;
- its database is restored from a backup (a new epoch) while tablets hold unsent changes,
  after one tablet had changes confirmed that the restore takes away;
- a tablet's replica is copied to a second device, which carries on beside the first;
- a power cut: the server is killed with every commit still in SQLite's WAL (never
  checkpointed), and started again."""
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
from app.models import Annotation, PersonalNote, SpeakerRequest, SyncEvent
from sync.engine import SyncEngine
from sync.replica import Replica
from sync.server.context import ServerContext
from sync.server.runner import free_port
from tests.sync.conftest import build_world
from tests.sync.engine_helpers import Recorder, make_engine, token_for, wait_until
from tests.sync.server_process import ServerProcess, backup, restore
from tests.sync.test_engine_recovery import _copy_replica

USERS = ("delegate", "delegate", "chair", "secretary", "guest")  # two tablets of one delegate


@dataclass
class Tablet:
    username: str
    engine: SyncEngine
    recorder: Recorder
    notes: dict[str, str | None] = field(default_factory=dict)  # what this tablet last wrote
    requests: dict[str, int] = field(default_factory=dict)  # uuid -> mutation id
    marks: dict[str, tuple[int, bool]] = field(default_factory=dict)  # uuid -> (id, shared)
    # Notes confirmed and then undone by a restore: key -> the values the server may hold.
    maybe_lost: dict[str, set] = field(default_factory=dict)


def _step(rng: random.Random, tablet: Tablet, world, items: list[int], drops: bool = True) -> None:
    engine, session = tablet.engine, world.session_id
    roll = rng.random()
    if roll < 0.15 and drops:
        engine.set_network(not engine.transport.network)
    elif roll < 0.40:
        key = rng.choice([k for k, v in tablet.notes.items() if v is not None] or [str(uuid.uuid4())])
        text = f"Ghi chú {rng.randint(1, 999)} của {tablet.username}"
        engine.mutate("note.put", {"session_id": session, "uuid": key, "text": text,
                                   "agenda_item_id": rng.choice(items + [None])})
        tablet.notes[key] = text
        tablet.maybe_lost.pop(key, None)
    elif roll < 0.50 and any(v is not None for v in tablet.notes.values()):
        key = rng.choice([k for k, v in tablet.notes.items() if v is not None])
        engine.mutate("note.delete", {"session_id": session, "uuid": key})
        tablet.notes[key] = None
        tablet.maybe_lost.pop(key, None)
    elif roll < 0.70:
        key = str(uuid.uuid4())
        tablet.requests[key] = engine.mutate("speaker.request", {
            "session_id": session, "uuid": key, "kind": "speech",
            "agenda_item_id": rng.choice(items)})
    elif roll < 0.85:
        engine.mutate("live.set_current_item", {"session_id": session,
                                                "agenda_item_id": rng.choice(items)})
    else:
        key, shared = str(uuid.uuid4()), rng.random() < 0.5
        tablet.marks[key] = (engine.mutate("annotation.put", {
            "session_id": session, "uuid": key, "kind": "highlight",
            "document_id": world.docs["public"]["id"], "page_index": 0,
            "data": {"rects": [[0.1, 0.1, 0.5, 0.12]]}, "shared": shared}), shared)


def _write_note(tablet: Tablet, world, text: str) -> None:
    key = str(uuid.uuid4())
    tablet.engine.mutate("note.put", {"session_id": world.session_id, "uuid": key, "text": text})
    tablet.notes[key] = text


def _all_online(tablets) -> None:
    for tablet in tablets:
        tablet.engine.set_network(True)
    wait_until(lambda: all(t.engine.status.pending == 0 for t in tablets), timeout=90,
               what="every outbox delivered")


@pytest.mark.parametrize("seed", [11, 29])
def test_tablets_converge_through_kills_restores_and_copied_replicas(db_url, tmp_path, seed):
    upgrade(db_url)
    seeding = ServerContext.from_settings(Settings(
        database_url=db_url, data_dir=tmp_path / "data",
        password_policy=PasswordPolicy.fast_for_tests()))
    world = build_world(seeding, tmp_path)
    seeding.engine.dispose()
    server = ServerProcess(db_url, tmp_path / "data", free_port(), tmp_path).start()
    world.url = server.url
    rng = random.Random(seed)
    tablets: list[Tablet] = []
    try:
        for index, name in enumerate(USERS):
            engine, recorder = make_engine(world.url, name, tmp_path / f"tablet{index}")
            engine.follow(world.session_id)
            tablets.append(Tablet(name, engine, recorder))
        wait_until(lambda: all(t.engine.status.state == "online" for t in tablets), what="online")
        items = sorted(int(k) for (e, k) in tablets[0].engine.view(world.session_id)
                       if e == "agenda_item")

        def play(steps: int, who=None, drops: bool = True) -> None:
            for _ in range(steps):
                _step(rng, who or rng.choice(tablets), world, items, drops)
                time.sleep(rng.uniform(0, 0.02))

        play(25)
        server.arm_kill()  # the next commit is never answered
        _step(rng, tablets[0], world, items, drops=False)
        tablets[0].engine.set_network(True)
        server.wait_killed()
        play(5)  # changes made while it is down
        server.start()
        play(20)

        _all_online(tablets)  # a backup of a quiet database...
        backup(db_url, tmp_path / "backup")
        chair = tablets[2]
        before, asked_before, marked_before = dict(chair.notes), set(chair.requests), set(chair.marks)
        play(6, who=chair, drops=False)  # ...then the chair's changes, confirmed, and lost
        wait_until(lambda: chair.engine.status.pending == 0, what="the chair's changes confirmed")
        chair.maybe_lost = {k: {v, before.get(k)} for k, v in chair.notes.items()
                            if before.get(k, "-") != v}
        chair.maybe_lost.update({k: {0, 1} for k in set(chair.requests) - asked_before})
        chair.maybe_lost.update({k: {0, 1} for k in set(chair.marks) - marked_before})
        for tablet in tablets:
            tablet.engine.set_network(False)
        wait_until(lambda: all(t.engine.status.state == "offline" for t in tablets))
        play(10, drops=False)  # offline: nothing of this may be lost
        server.stop()
        restore(db_url, tmp_path / "backup")
        server.start()

        # A delegate's replica copied to a new device, both carrying on.
        original = tablets[0]
        original.engine.set_network(False)
        play(3, who=original, drops=False)  # pending on both devices after the copy
        original.engine.stop()
        original.engine.replica.close()
        _copy_replica(tmp_path / "tablet0" / "delegate.sqlite",
                      tmp_path / "tablet5" / "delegate.sqlite")
        for index, tablet in ((0, original), (5, None)):
            token, user = token_for(world.url, "delegate")
            recorder = Recorder()
            engine = SyncEngine(world.url, Replica(tmp_path / f"tablet{index}" / "delegate.sqlite"),
                                token, user, listener=recorder, backoff_base_s=0.05,
                                backoff_max_s=0.5).start()
            if tablet is None:
                tablets.append(Tablet("delegate", engine, recorder, requests={}))
            else:
                tablet.engine, tablet.recorder = engine, _merged(tablet.recorder, recorder)
        tablets[5].notes = {k: v for k, v in original.notes.items()}  # it holds the same notes
        _all_online(tablets)
        for device in (original, tablets[5]):  # the same next id, two different changes
            _write_note(device, world, f"sau khi sao chép, máy {device.engine.client_id[-4:]}")
            wait_until(lambda d=device: d.engine.status.pending == 0, what="delivered")
        play(20)

        _all_online(tablets)
        server.kill()  # a power cut with the WAL never checkpointed
        server.start()
        play(5)
        _all_online(tablets)
        _assert_converged(world, tablets, server)
        told = {code for t in tablets for code, _s, _n in t.recorder.notices}
        assert {"server_restored", "client_diverged"} <= told
    finally:
        for tablet in tablets:
            tablet.engine.stop()
        server.stop()


def _merged(old: Recorder, new: Recorder) -> Recorder:
    new.rejections[:0] = old.rejections
    new.notices[:0] = old.notices
    return new


def _assert_converged(world, tablets: list[Tablet], server) -> None:
    from sqlalchemy import create_engine

    from app.db import normalise_url

    engine = create_engine(normalise_url(world.context.settings.database_url))
    try:
        with engine.connect() as db:
            last = db.scalar(select(func.max(SyncEvent.seq))
                             .where(SyncEvent.session_id == world.session_id))
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
        with engine.connect() as db:
            for tablet in tablets:
                refused = {mutation_id for mutation_id, _name, _code in tablet.recorder.rejections}
                for key, mutation_id in tablet.requests.items():  # each request exactly
                    count = db.scalar(select(func.count()).select_from(SpeakerRequest)
                                      .where(SpeakerRequest.uuid == key))
                    allowed = tablet.maybe_lost.get(key) or {0 if mutation_id in refused else 1}
                    assert count in allowed, (tablet.username, key, count, mutation_id)
                for key, text in tablet.notes.items():  # the last word of each tablet stands
                    stored = db.scalar(select(PersonalNote.text).where(PersonalNote.uuid == key))
                    if key in tablet.maybe_lost:
                        assert stored in tablet.maybe_lost[key], (tablet.username, key, stored)
                    else:  # a copied device holds the same notes: one of the two wrote last
                        assert stored in _last_words(tablets, tablet, key), (tablet.username, key)
                for key, (mutation_id, shared) in tablet.marks.items():  # each mark, exactly
                    rows = db.execute(select(Annotation.shared)
                                      .where(Annotation.uuid == key)).scalars().all()
                    allowed = tablet.maybe_lost.get(key)
                    if mutation_id in refused:
                        assert rows == [], (tablet.username, key)
                    elif not (allowed and not rows):
                        assert rows == [shared], (tablet.username, key, rows)
            origins = db.execute(select(SyncEvent.client_id, SyncEvent.mutation_id, SyncEvent.kind,
                                        SyncEvent.entity_key)
                                 .where(SyncEvent.client_id.is_not(None))).all()
            assert len(origins) == len(set(origins))  # no mutation's event written twice
    finally:
        engine.dispose()


def _last_words(tablets: list[Tablet], tablet: Tablet, key: str) -> set:
    """What the server may hold for a note: this tablet's last word, or that of a copy of
    its replica on another device (whichever reached the server last)."""
    return {t.notes[key] for t in tablets
            if key in t.notes and (t is tablet or t.username == tablet.username)}
