"""The votes' clock, in every server process: closes a vote whose countdown has ended (the
server's clock decides, never a tablet's; two processes race safely, since the close locks the
vote and finds it closed), sends the live progress of each open vote to the room, and removes
the keys of secret votes that are no longer open.

Progress is not an event: a ballot appends nothing to the session's log (500 ballots in five
seconds would be 250,000 messages to 500 tablets). Instead, a few times a second, each open
vote's count of ballots goes to every subscriber as a `vote_progress` message (and, for an open
or named vote, who has voted, to the chair and the secretary only). The count is read from
the database each time, so it never goes backwards and never resets; the result itself comes
with the close, as an event."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from app.db import begin_write
from app.models import VoteParticipation
from app.services import access, voting
from app.services.server_meta import epoch
from sync.server.publish import announce, hand_over


log = logging.getLogger("phonghop.votes")
SWEEP_KEYS_EVERY_S = 10.0
# A progress message is a frame for every tablet of the room: a big room gets fewer of them
# (500 tablets: twice a second; 52: every tick), so that counting never crowds out ballots.
PROGRESS_S_PER_TABLET = 0.001


@dataclass
class Tick:
    # vote id -> (session id, ballots, who voted: None for a secret vote)
    progress: dict[int, tuple[int, int, list[int] | None]] = field(default_factory=dict)


def read_tick(context, sessions: list[int], sweep: bool) -> Tick:
    """One tick's database work, on a worker thread: close what is due (announced to the
    other processes), count the open votes of `sessions`, sweep keys."""
    tick = Tick()
    data_dir = context.settings.data_dir
    with context.sessions() as db:
        due = voting.due_votes(db)
    for _session_id, vote_id in due:
        try:
            with context.sessions() as db:
                begin_write(db)
                rows = voting.close_by_countdown(db, vote_id, data_dir)
                announce(db, rows, getattr(context, "hub", None))
                db.commit()
            # at once: whatever fails later in this tick, this process's tablets have the result
            hand_over(getattr(context, "hub", None), rows)
        except Exception:  # noqa: BLE001 - tried again at the next tick
            log.exception("closing vote %s at the end of its countdown failed", vote_id)
    with context.sessions() as db:
        open_now = voting.open_votes(db)
        watched = [(s, v, secret) for s, v, secret in open_now if s in sessions]
        if watched:
            counts = dict(db.execute(
                select(VoteParticipation.vote_id, func.count(VoteParticipation.id))
                .where(VoteParticipation.vote_id.in_([v for _s, v, _x in watched]))
                .group_by(VoteParticipation.vote_id)).all())
            named = [v for _s, v, secret in watched if not secret]
            voters: dict[int, list[int]] = {v: [] for v in named}
            if named:
                for vote_id, user_id in db.execute(
                        select(VoteParticipation.vote_id, VoteParticipation.user_id)
                        .where(VoteParticipation.vote_id.in_(named))):
                    voters[vote_id].append(user_id)
            for session_id, vote_id, secret in watched:
                tick.progress[vote_id] = (session_id, counts.get(vote_id, 0),
                                          None if secret else sorted(voters[vote_id]))
        if sweep:  # only the keys of votes that are over: a vote being opened keeps its key
            keys = voting.vote_keys(data_dir)
            current = epoch(db)
            for vote_id in voting.finished_votes(db, keys.known(current)):
                keys.destroy(current, vote_id)
    return tick


class VoteClock:
    def __init__(self, hub: Any):
        self.hub = hub  # the live hub: its followed sessions and subscribers
        # vote id -> (the progress last sent, when)
        self.sent: dict[int, tuple[tuple[int, tuple[int, ...] | None], float]] = {}
        self._swept = 0.0

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.hub.context.settings.vote_tick_s)
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001
                log.exception("the votes' clock failed; it goes on at the next tick")

    async def tick(self) -> None:
        sweep = time.monotonic() - self._swept > SWEEP_KEYS_EVERY_S
        tick = await asyncio.to_thread(read_tick, self.hub.context, list(self.hub.followed),
                                       sweep)
        if sweep:
            self._swept = time.monotonic()
        for vote_id in [v for v in self.sent if v not in tick.progress]:
            del self.sent[vote_id]
        now = time.monotonic()
        for vote_id, (session_id, ballots, voters) in tick.progress.items():
            state = (ballots, tuple(voters) if voters is not None else None)
            known = self.sent.get(vote_id)
            if known is not None and known[0] == state:
                continue
            room = len(self.hub.subscribers.get(session_id, ()))
            if known is not None and now - known[1] < room * PROGRESS_S_PER_TABLET:
                continue  # the latest count goes at a later tick
            self.sent[vote_id] = (state, now)
            self._send(session_id, vote_id, ballots, voters)

    def _send(self, session_id: int, vote_id: int, ballots: int, voters: list[int] | None) -> None:
        plain = {"type": "vote_progress", "session_id": session_id, "vote_id": vote_id,
                 "ballots": ballots}
        count_only = json.dumps(plain)
        with_names = json.dumps(dict(plain, voted=voters)) if voters is not None else count_only
        messages = {False: (count_only, count_only.encode()), True: (with_names, with_names.encode())}
        for connection in list(self.hub.subscribers.get(session_id, ())):
            roles = connection.roles.get(session_id, frozenset())
            sees = voters is not None and (connection.is_admin or bool(roles & access.OFFICERS))
            connection.send(*messages[sees])
