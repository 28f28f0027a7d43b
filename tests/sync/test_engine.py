"""The tablet sync engine against a real server: offline work, delivery, rollback, restarts."""
from __future__ import annotations

import uuid

import pytest

from sync.engine import NeedsConnection
from tests.sync.engine_helpers import entities, make_engine, wait_until


def _request(world, topic: str) -> dict:
    return {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "kind": "speech",
            "topic": topic}


def test_offline_changes_are_kept_shown_and_delivered_on_reconnect(world, tmp_path):
    delegate, _ = make_engine(world.url, "delegate", tmp_path)
    chair, _ = make_engine(world.url, "chair", tmp_path)
    try:
        for engine in (delegate, chair):
            engine.follow(world.session_id)
            wait_until(lambda e=engine: e.status.state == "online", what="online")
        delegate.set_network(False)
        wait_until(lambda: delegate.status.state == "offline", what="offline")
        request = _request(world, "Ý kiến về dự toán ngân sách")
        delegate.mutate("speaker.request", request)
        assert delegate.status.pending == 1
        mine = entities(delegate, world.session_id, "speaker_request")
        assert mine[request["uuid"]]["status"] == "waiting"  # shown at once, offline
        with pytest.raises(NeedsConnection):
            delegate.call_online("ballot.cast", {"session_id": world.session_id, "vote_id": 1,
                                                 "option": "yes"})
        assert request["uuid"] not in entities(chair, world.session_id, "speaker_request")
        delegate.set_network(True)
        wait_until(lambda: delegate.status.pending == 0, what="outbox delivered")
        wait_until(lambda: request["uuid"] in entities(chair, world.session_id, "speaker_request"),
                   what="the chair's tablet sees the request")
        seen = entities(chair, world.session_id, "speaker_request")[request["uuid"]]
        assert seen["topic"] == "Ý kiến về dự toán ngân sách"
        assert seen["full_name"] == "Người dùng delegate"
    finally:
        delegate.stop()
        chair.stop()


def test_the_outbox_survives_an_app_restart(world, tmp_path):
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    engine.follow(world.session_id)
    wait_until(lambda: engine.status.state == "online")
    engine.set_network(False)
    wait_until(lambda: engine.status.state == "offline")
    note = {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "text": "Ghi chú offline"}
    engine.mutate("note.put", note)
    engine.stop()
    restarted, _ = make_engine(world.url, "delegate", tmp_path)  # same replica file
    try:
        assert restarted.status.pending == 1
        assert entities(restarted, world.session_id, "note")[note["uuid"]]["text"] == "Ghi chú offline"
        wait_until(lambda: restarted.status.pending == 0, what="delivered after restart")
        from app.models import PersonalNote
        from sqlalchemy import select

        with world.context.sessions() as db:
            texts = db.scalars(select(PersonalNote.text)).all()
        assert texts == ["Ghi chú offline"]  # once
    finally:
        restarted.stop()


def test_a_rejected_change_is_rolled_back_and_reported(world, tmp_path):
    engine, recorder = make_engine(world.url, "delegate", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.state == "online")
        engine.set_network(False)
        wait_until(lambda: engine.status.state == "offline")
        engine.mutate("live.set_current_item", {"session_id": world.session_id,
                                                "agenda_item_id": 12345})
        live = engine.view(world.session_id)[("live", "state")]
        assert live["current_agenda_item_id"] == 12345  # optimistic
        engine.set_network(True)
        wait_until(lambda: recorder.rejections, what="the rejection")
        assert recorder.rejections[0][1:] == ("live.set_current_item", "chair_only")
        assert engine.view(world.session_id)[("live", "state")]["current_agenda_item_id"] is None
        assert engine.status.pending == 0
    finally:
        engine.stop()


def test_live_state_reaches_every_tablet(world, tmp_path):
    chair, _ = make_engine(world.url, "chair", tmp_path)
    guest, _ = make_engine(world.url, "guest", tmp_path)
    try:
        for engine in (chair, guest):
            engine.follow(world.session_id)
            wait_until(lambda e=engine: e.status.state == "online")
        item = next(int(k) for (e, k) in chair.view(world.session_id) if e == "agenda_item")
        chair.mutate("live.set_current_item", {"session_id": world.session_id, "agenda_item_id": item})
        chair.mutate("live.set_presenter", {"session_id": world.session_id,
                                            "document_id": world.docs["public"]["id"], "page": 3})
        wait_until(lambda: (guest.view(world.session_id)[("live", "state")].get("presenter") or {})
                   .get("page") == 3, what="presenter page on the guest's tablet")
        live = guest.view(world.session_id)[("live", "state")]
        assert live["current_agenda_item_id"] == item
        assert live["presenter"]["full_name"] == "Người dùng chair"
    finally:
        chair.stop()
        guest.stop()


def test_documents_are_prefetched_verified_and_cached(world, tmp_path):
    engine, _ = make_engine(world.url, "guest", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.files_total == 1 and engine.status.files_done == 1,
                   what="prefetch of the one public document")
        path = engine.document_path(world.docs["public"]["sha256"])
        import hashlib

        assert hashlib.sha256(path.read_bytes()).hexdigest() == world.docs["public"]["sha256"]
        assert engine.document_path(world.docs["confidential"]["sha256"]) is None  # not a guest's
    finally:
        engine.stop()


def test_a_gap_in_pushed_events_triggers_a_pull(world, tmp_path):
    import asyncio

    chair, _ = make_engine(world.url, "chair", tmp_path)
    delegate, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        for engine in (chair, delegate):
            engine.follow(world.session_id)
            wait_until(lambda e=engine: e.status.state == "online")
        delegate.set_network(False)
        wait_until(lambda: delegate.status.state == "offline")
        for page in range(3):
            chair.mutate("live.set_presenter", {"session_id": world.session_id,
                                                "document_id": world.docs["public"]["id"],
                                                "page": page})
        wait_until(lambda: chair.status.pending == 0)
        # a push of event 3 arrives while 1 and 2 were missed: the engine pulls them
        future = asyncio.run_coroutine_threadsafe(delegate.subscriptions.on_message(
            {"type": "event", "session_id": world.session_id, "seq": 3,
             "event": {"entity": "live", "key": "state", "op": "upsert", "data": {}}}),
            delegate._loop)
        from sync.transport import Offline

        with pytest.raises(Offline):  # offline: the pull cannot happen yet
            future.result(5)
        assert delegate.replica.cursor(world.session_id) == 0
        delegate.set_network(True)
        wait_until(lambda: delegate.replica.cursor(world.session_id) == 3, what="caught up")
        assert delegate.view(world.session_id)[("live", "state")]["presenter"]["page"] == 2
    finally:
        chair.stop()
        delegate.stop()


def test_a_session_one_may_not_see_does_not_stop_the_others(world, tmp_path):
    engine, _ = make_engine(world.url, "guest", tmp_path)
    try:
        engine.follow(world.draft_session_id)  # a draft: 404 for a guest
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.state == "online" and engine.replica.cursor(world.session_id) >= 0,
                   what="the visible session synced")
        assert world.draft_session_id not in engine.followed
    finally:
        engine.stop()


def test_a_revoked_login_asks_for_a_new_one_and_then_carries_on(world, tmp_path):
    from sqlalchemy import select

    from app.models import User
    from app.services.auth import revoke_all_for_user
    from tests.sync.engine_helpers import token_for

    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.state == "online")
        with world.context.sessions() as db:
            revoke_all_for_user(db, db.scalar(select(User.id).where(User.username == "delegate")))
            db.commit()
        wait_until(lambda: engine.status.state == "auth_required", timeout=10, what="auth_required")
        note = {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "text": "giữ lại"}
        engine.mutate("note.put", note)  # still taken while logged out
        assert engine.status.pending == 1 and engine.status.state == "auth_required"
        engine.set_token(token_for(world.url, "delegate")[0])
        wait_until(lambda: engine.status.state == "online" and engine.status.pending == 0,
                   what="delivered after logging in again")
        from app.models import PersonalNote

        with world.context.sessions() as db:  # the note typed while logged out reached the server
            assert db.scalar(select(PersonalNote.text).where(PersonalNote.uuid == note["uuid"])) \
                == "giữ lại"
        assert ("note", note["uuid"]) in engine.replica.entities(world.session_id)
    finally:
        engine.stop()


def test_file_counts_are_honest_when_a_download_fails(world, tmp_path):
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        bad = world.docs["internal"]["sha256"]
        world.context.files.path_for(bad).write_bytes(b"%PDF-1.7 tampered on the server")
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.files_total == 3 and engine.status.files_done == 2,
                   what="two of three documents")
        import time

        time.sleep(0.5)
        assert engine.status.files_done == 2 and engine.document_path(bad) is None
        assert engine.status.state == "online"
    finally:
        engine.stop()


def test_an_oversized_change_is_refused_at_once_and_never_blocks_the_outbox(world, tmp_path):
    from sync.engine import ChangeTooLarge

    from app.protocol.mutations import InvalidArgs

    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        with pytest.raises(InvalidArgs, match="text"):  # a note has a length limit of its own
            engine.mutate("note.put", {"session_id": world.session_id, "uuid": str(uuid.uuid4()),
                                       "text": "ô" * 40_000})
        with pytest.raises(ChangeTooLarge):  # an ink stroke of 70,000 points is too large
            engine.mutate("annotation.put", {
                "session_id": world.session_id, "uuid": str(uuid.uuid4()), "kind": "ink",
                "document_id": world.docs["public"]["id"], "page_index": 0,
                "data": {"points": [[0.123456, 0.654321]] * 70_000}})
        assert engine.status.pending == 0
    finally:
        engine.stop()


def test_unfollowing_forgets_confirmations_that_will_never_come(world, tmp_path):
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.state == "online")
        engine.replica.enqueue("note.put", {"session_id": world.session_id, "uuid": "x"})
        pending = engine.replica.outbox()[0]
        engine.replica.mark_sent(pending.mutation_id, {world.session_id: 10 ** 6})
        engine.unfollow(world.session_id)
        assert engine.replica.outbox() == []
    finally:
        engine.stop()
