"""The hub's periodic check, without a network: what it closes and what it leaves alone."""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from app.config import Settings
from sync.server import hub as hub_module
from sync.server.connection import Connection
from sync.server.hub import Hub
from sync.server.hub_checks import HubState


class FakeSocket:
    def __init__(self) -> None:
        self.closed_with = None
        self.sent: list[str] = []

    async def close(self, code: int, reason: str) -> None:
        self.closed_with = code

    async def send_text(self, text: str) -> None:
        self.sent.append(text)


def _hub() -> Hub:
    return Hub(SimpleNamespace(settings=Settings(database_url="sqlite://", data_dir=".")))


def test_a_socket_opened_while_tokens_are_checked_is_not_closed(monkeypatch):
    async def scenario():
        hub = _hub()
        old, revoked = Connection(FakeSocket(), 1, False, "a" * 64), Connection(FakeSocket(), 2, False, "b" * 64)
        late = Connection(FakeSocket(), 3, False, "c" * 64)
        hub.add(old)
        hub.add(revoked)

        def read_state(_context, sessions, tokens, pairs, prune=False):
            hub.add(late)  # connects while the query runs: its token was not asked about
            assert tokens == {"a" * 64, "b" * 64}
            return HubState(valid={"a" * 64}, admins={1: False})

        monkeypatch.setattr(hub_module, "read_state", read_state)
        await hub.check_now()
        await asyncio.sleep(0)
        return old, revoked, late

    old, revoked, late = asyncio.run(scenario())
    assert revoked.closed and revoked.websocket.closed_with == 4401
    assert not old.closed and not late.closed


def test_changed_rights_make_the_tablet_read_the_session_again(monkeypatch):
    """A delegate made a guest (or an admin demoted) must stop holding what it may no longer
    see: the hub tells the tablet to start that session afresh, and uses the new rights."""
    async def scenario():
        hub = _hub()
        demoted = Connection(FakeSocket(), 1, True, "a" * 64)
        hub.add(demoted)
        demoted.roles[7] = frozenset({"delegate"})
        writer = asyncio.ensure_future(demoted.write_loop())

        def read_state(_context, sessions, tokens, pairs, prune=False):
            return HubState(valid={"a" * 64}, admins={1: False}, rights={(1, 7): frozenset({"guest"})})

        monkeypatch.setattr(hub_module, "read_state", read_state)
        await hub.check_now()
        await asyncio.sleep(0.05)
        writer.cancel()
        return demoted

    demoted = asyncio.run(scenario())
    assert not demoted.is_admin and demoted.roles[7] == frozenset({"guest"})
    assert [json.loads(m) for m in demoted.websocket.sent] == [
        {"type": "resync", "session_id": 7, "reason": "rights_changed"}]


def test_a_slow_socket_is_dropped_by_the_bytes_it_holds_not_by_a_count():
    async def scenario():
        slow = Connection(FakeSocket(), 1, False, "a" * 64, limit_bytes=10_000)
        for _ in range(9):
            slow.send("x" * 1000)  # 9 kB waiting: still within its share
        assert not slow.closed and slow.queued_bytes == 9000
        slow.send("y" * 2000)  # one large event more than it may hold
        await asyncio.sleep(0)
        return slow

    slow = asyncio.run(scenario())
    assert slow.closed and slow.websocket.closed_with == 1013


def _hub_with(settings: Settings) -> Hub:
    return Hub(SimpleNamespace(settings=settings))


def _row(seq: int, size: int = 10) -> dict:
    return {"seq": seq, "kind": "note.put", "entity": "note", "key": str(seq), "op": "upsert",
            "data": {"text": "x" * size}, "origin": None, "audience": "all"}


def test_one_slow_session_does_not_delay_the_others():
    """Session 1's events must be read from the database, which hangs; session 2's arrive."""
    import threading

    release = threading.Event()

    async def scenario():
        hub = _hub()
        hub.loop = asyncio.get_running_loop()

        def load(session_id, after, upto):
            if session_id == 1:
                release.wait(5)
            return [_row(seq) for seq in range(after + 1, upto + 1)]

        hub._load = load
        hub._last_seq = lambda session_id: 0
        slow, quick = Connection(FakeSocket(), 1, False, "a" * 64), Connection(FakeSocket(), 2, False, "b" * 64)
        for connection, session_id in ((slow, 1), (quick, 2)):
            hub.add(connection)
            await hub.subscribe(connection, session_id, frozenset({"delegate"}))
        writers = [asyncio.ensure_future(c.write_loop()) for c in (slow, quick)]
        hub._notify(1, 1, [])  # lost rows: read back from the (hanging) log
        text = json.dumps({"type": "event", "session_id": 2, "seq": 1})
        hub._notify(2, 1, [(text, _row(1), text.encode())])
        await asyncio.sleep(0.2)
        quick_got, slow_got = list(quick.websocket.sent), list(slow.websocket.sent)
        release.set()
        await asyncio.sleep(0.3)
        for writer in writers:
            writer.cancel()
        await hub.stop()
        return quick_got, slow_got, list(slow.websocket.sent)

    quick_got, slow_before, slow_after = asyncio.run(scenario())
    assert len(quick_got) == 1 and slow_before == []
    assert [json.loads(m)["seq"] for m in slow_after] == [1]


def test_events_waiting_for_the_fan_out_are_bounded_in_bytes():
    """Over the budget, events are not held in memory: they are read back from the log."""
    loaded: list[tuple[int, int]] = []

    async def scenario():
        hub = _hub_with(Settings(database_url="sqlite://", data_dir=".",
                                 notification_buffer_bytes=2_000))
        hub.loop = asyncio.get_running_loop()
        hub._last_seq = lambda session_id: 0

        def load(session_id, after, upto):
            loaded.append((after, upto))
            return [_row(seq, 500) for seq in range(after + 1, upto + 1)]

        hub._load = load
        connection = Connection(FakeSocket(), 1, False, "a" * 64)
        hub.add(connection)
        writer = asyncio.ensure_future(connection.write_loop())
        await hub.subscribe(connection, 1, frozenset({"delegate"}))
        state = hub.followed[1]
        state.wake = asyncio.Event()  # the fan-out waits: notifications pile up
        state.task.cancel()
        rows = [_row(seq, 500) for seq in range(1, 21)]
        hub._notify(1, 20, [(json.dumps(r), r, json.dumps(r).encode()) for r in rows])
        held = hub.buffered_bytes
        state.task = asyncio.ensure_future(hub._fan_out_loop(1, state))
        state.wake.set()
        await asyncio.sleep(0.3)
        writer.cancel()
        await hub.stop()
        return held, [json.loads(m)["seq"] for m in connection.websocket.sent]

    held, seqs = asyncio.run(scenario())
    assert held <= 2_000  # not the 20 × 500+ bytes
    assert seqs == list(range(1, 21)) and loaded  # none lost: the rest came from the log


def test_a_long_catch_up_from_the_log_does_not_drop_a_tablet_that_keeps_up():
    """80 events of 60 kB read back from the log (more than a socket may hold at once): the
    fan-out lets the writers drain as it goes, so a tablet that reads fast gets them all."""
    async def scenario():
        hub = _hub_with(Settings(database_url="sqlite://", data_dir=".",
                                 connection_buffer_bytes=4 * 1024 * 1024))
        hub.loop = asyncio.get_running_loop()
        hub._last_seq = lambda session_id: 0
        hub._load = lambda session_id, after, upto: [_row(seq, 60_000)
                                                     for seq in range(after + 1, upto + 1)]
        fast = Connection(FakeSocket(), 1, False, "a" * 64)
        hub.add(fast)
        writer = asyncio.ensure_future(fast.write_loop())
        await hub.subscribe(fast, 1, frozenset({"delegate"}))
        hub._notify(1, 80, [])
        await asyncio.sleep(0.5)
        dropped, received = fast.closed, len(fast.websocket.sent)
        writer.cancel()
        await hub.stop()
        return dropped, received

    dropped, received = asyncio.run(scenario())
    assert not dropped and received == 80
