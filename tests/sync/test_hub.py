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
