"""The tablet under faults that are not the server's loss of data: a hub that is a moment
behind its database, a restore noticed while several sessions are followed, a full disk, a
server that never answers while the app closes, changes dropped from the middle of the
outbox."""
from __future__ import annotations

import errno
import json
import socket
import threading
import time
import uuid
from dataclasses import replace

from sqlalchemy import delete, select

from app.models import SessionRoleGrant, User
from app.services import events
from sync.engine import SyncEngine
from sync.replica import Replica
from tests.sync.engine_helpers import make_engine, wait_until, ws_connect
from tests.sync.test_server_api import login


def _note(session_id: int, text: str) -> dict:
    return {"session_id": session_id, "uuid": str(uuid.uuid4()), "text": text}


def test_a_hub_a_moment_behind_its_database_is_not_taken_for_a_restore(world, tmp_path):
    """Events committed without a notification (lost, or still in flight): the hub fans out
    from further back than the snapshot a tablet just took. That is no restore."""
    token = login(world, "chair").headers["Authorization"].split()[1]
    with ws_connect(world.url, token) as watcher:  # the hub follows the session from now
        watcher.recv(timeout=5)
        watcher.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        watcher.recv(timeout=5)
        world.context.settings = replace(world.context.settings, live_check_s=3600)
        time.sleep(0.5)  # the periodic check is asleep for an hour now
        with world.context.sessions() as db:
            for _ in range(3):
                events.append(db, world.session_id, "live.current_item", "live", "state",
                               "upsert", {"current_agenda_item_id": None, "presenter": None},
                               "all")
            db.commit()
        engine, recorder = make_engine(world.url, "delegate", tmp_path)
        try:
            engine.follow(world.session_id)
            wait_until(lambda: engine.status.state == "online", what="online")
            time.sleep(0.5)
            assert engine.replica.cursor(world.session_id) == 3
            assert [n for n in recorder.notices if n[0] == "server_behind"] == []
        finally:
            engine.stop()


def test_a_restore_noticed_on_one_session_reads_every_followed_session_again(world, tmp_path):
    engine, recorder = make_engine(world.url, "chair", tmp_path)
    try:
        for session_id in (world.session_id, world.draft_session_id):
            engine.follow(session_id)
        wait_until(lambda: engine.status.state == "online", what="both sessions")
        engine.set_network(False)
        wait_until(lambda: engine.status.state == "offline")
        engine.replica.apply_events(world.session_id, [], 40)  # a history the server lost
        engine.set_network(True)
        wait_until(lambda: engine.status.state == "online" and all(
            engine.replica.cursor(s) == 0 for s in (world.session_id, world.draft_session_id)),
            what="every session read again")
        assert any(code == "server_behind" for code, _s, _n in recorder.notices)
    finally:
        engine.stop()


def test_a_full_disk_is_said_once_and_does_not_knock_the_connection_over(world, tmp_path):
    engine, recorder = make_engine(world.url, "delegate", tmp_path)

    async def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    engine.files.download = no_space
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.state == "online", what="online")
        time.sleep(1.0)
        offline = [s for s in recorder.statuses if s.state == "offline"]
        assert len(offline) <= 1  # the state it started in, never a reconnect loop
        assert [n for n in recorder.notices if n[0] == "disk"] == [("disk", None, 1)]
        engine.mutate("note.put", _note(world.session_id, "vẫn gửi được"))
        wait_until(lambda: engine.status.pending == 0, what="changes still go")
    finally:
        engine.stop()


def test_the_app_closes_at_once_while_the_server_never_answers(tmp_path):
    """A server that takes the connection and says nothing: stop() must not wait for it."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    held = []
    accepting = threading.Thread(target=lambda: held.append(silent.accept()), daemon=True)
    accepting.start()
    engine = SyncEngine(f"http://127.0.0.1:{silent.getsockname()[1]}",
                        Replica(tmp_path / "r.sqlite"), "token", {"id": 1, "full_name": "A"})
    engine.start()
    time.sleep(0.5)  # it is waiting in the WebSocket handshake
    started = time.monotonic()
    engine.stop(timeout=10)
    assert time.monotonic() - started < 3
    silent.close()


def test_changes_dropped_from_the_middle_of_the_outbox_leave_no_gap_behind(world, tmp_path):
    """A chair loses the draft session while offline with changes queued for both sessions:
    those of the draft go, the others are delivered, and no recovery has to be announced."""
    engine, recorder = make_engine(world.url, "chair", tmp_path)
    try:
        for session_id in (world.session_id, world.draft_session_id):
            engine.follow(session_id)
        wait_until(lambda: engine.status.state == "online")
        engine.mutate("note.put", _note(world.session_id, "một"))
        wait_until(lambda: engine.status.pending == 0)
        engine.set_network(False)
        wait_until(lambda: engine.status.state == "offline")
        for session_id, text in ((world.session_id, "hai"), (world.draft_session_id, "nháp"),
                                 (world.session_id, "ba")):
            engine.mutate("note.put", _note(session_id, text))
        with world.context.sessions() as db:
            chair = db.scalar(select(User.id).where(User.username == "chair"))
            db.execute(delete(SessionRoleGrant).where(
                SessionRoleGrant.user_id == chair,
                SessionRoleGrant.session_id == world.draft_session_id))
            db.commit()
        engine.set_network(True)
        wait_until(lambda: engine.status.state == "online" and engine.status.pending == 0,
                   what="delivered")
        codes = [code for code, _s, _n in recorder.notices]
        assert "out_of_order" not in codes and "client_diverged" not in codes
    finally:
        engine.stop()


def test_a_ballot_is_never_held_back_by_the_pen_strokes_rate(world, tmp_path):
    from tests.sync.sitting_helpers import seat_delegates

    room = seat_delegates(world, 1)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết")
    room.open(vote_id)
    world.context.settings = replace(world.context.settings, changes_per_minute=2)
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        for n in range(4):
            engine.mutate("note.put", _note(world.session_id, f"nét {n}"))
        engine.follow(world.session_id)
        # the check-in may have used one of the two changes of this minute
        wait_until(lambda: 2 <= engine.status.pending <= 3 and engine.status.state != "offline",
                   what="notes held back")
        time.sleep(0.5)
        answer = engine.call_online("ballot.cast", {"session_id": world.session_id,
                                                    "vote_id": vote_id, "option": "yes"})
        assert answer["status"] == "applied" and answer["result"]["recorded"] is True
        assert engine.status.pending >= 2  # the notes still wait; the ballot did not
    finally:
        engine.stop()

