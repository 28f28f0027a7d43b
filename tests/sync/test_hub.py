"""The hub's periodic check, without a network: what it closes and what it leaves alone."""
from __future__ import annotations

import asyncio

from sync.server.hub import Connection, Hub


class FakeSocket:
    def __init__(self) -> None:
        self.closed_with = None

    async def close(self, code: int, reason: str) -> None:
        self.closed_with = code

    async def send_text(self, text: str) -> None:
        pass


def test_a_socket_opened_while_tokens_are_checked_is_not_closed():
    async def scenario():
        hub = Hub(context=None)
        hub._notes = asyncio.Queue()
        old, revoked = Connection(FakeSocket(), 1, False, "a" * 64), Connection(FakeSocket(), 2, False, "b" * 64)
        late = Connection(FakeSocket(), 3, False, "c" * 64)
        hub.add(old)
        hub.add(revoked)

        def read_state(sessions, tokens, pairs):
            hub.add(late)  # connects while the query runs: its token was not asked about
            assert tokens == {"a" * 64, "b" * 64}
            return {}, {"a" * 64}, {}

        hub._read_state = read_state
        await hub._check_tails_and_tokens()
        await asyncio.sleep(0)
        return old, revoked, late

    old, revoked, late = asyncio.run(scenario())
    assert revoked.closed and revoked.websocket.closed_with == 4401
    assert not old.closed and not late.closed
