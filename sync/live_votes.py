"""What the tablet knows of the open votes beyond its replica: the live count of ballots (the
server's `vote_progress` messages, a few a second, not events), who has voted (for the chair
and the secretary, in open and named votes), the user's own ballots as the server confirmed
them, and how far this tablet's clock is from the server's (countdowns run on the server's)."""
from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from app import protocol as p
from app.protocol import mutations as m

if TYPE_CHECKING:
    from sync.engine import SyncEngine


class LiveVotes:
    def __init__(self, engine: "SyncEngine"):
        self.engine = engine
        self._progress: dict[tuple[int, int], dict[str, Any]] = {}
        self._lock = threading.Lock()
        self.clock_offset_s = 0.0  # server time minus this tablet's time

    # -- from the server (on the engine's loop) --------------------------------------------
    def on_progress(self, message: dict) -> None:
        session_id, vote_id = message.get("session_id"), message.get("vote_id")
        if not isinstance(session_id, int) or not isinstance(vote_id, int):
            return
        entry = {"ballots": int(message.get("ballots") or 0)}
        if isinstance(message.get("voted"), list):
            entry["voted"] = [u for u in message["voted"] if isinstance(u, int)]
        with self._lock:
            known = self._progress.get((session_id, vote_id), {})
            if entry["ballots"] < known.get("ballots", 0) and "voted" not in entry:
                return  # an older message overtaken by a newer one: never count backwards
            self._progress[(session_id, vote_id)] = entry
        self.engine.notify_changed(session_id, {p.ENTITY_VOTE})

    def on_server_time(self, iso: str | None) -> None:
        if not iso:
            return
        try:
            server = dt.datetime.fromisoformat(iso)
        except ValueError:
            return
        self.clock_offset_s = (server - dt.datetime.now(dt.timezone.utc)).total_seconds()

    def server_now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=self.clock_offset_s)

    # -- for the view (any thread) ---------------------------------------------------------
    def overlay(self, session_id: int, state: dict[tuple[str, str], dict]) -> None:
        """The live count onto each open vote (closed votes carry their final count)."""
        with self._lock:
            progress = {v: e for (s, v), e in self._progress.items() if s == session_id}
        for vote_id, entry in progress.items():
            key = (p.ENTITY_VOTE, str(vote_id))
            vote = state.get(key)
            if vote is None or vote.get("status") != "open":
                continue
            merged = dict(vote, ballots=max(vote.get("ballots") or 0, entry["ballots"]))
            if "voted" in entry:
                merged["voted"] = entry["voted"]
            state[key] = merged

    # -- the user's ballot --------------------------------------------------------------------
    def cast(self, change: m.BallotCast, timeout: float = 10.0) -> dict:
        """Send the ballot now and wait for the server's durable answer; the tablet may say
        "Đã ghi nhận" only when this returns an applied answer. Raises NeedsConnection."""
        answer = self.engine.call_online(change, timeout=timeout)
        code = (answer.get("error") or {}).get("code")
        if answer.get("status") == "applied" or code == "already_voted":
            result = answer.get("result") or {}
            mine = {"vote_id": change.vote_id, "voted": True, "tracker": result.get("tracker")}
            known = self.engine.replica.entities(change.session_id).get(
                (p.ENTITY_BALLOT, str(change.vote_id)))
            if known and known.get("tracker") and not mine["tracker"]:
                mine["tracker"] = known["tracker"]  # a refused repeat keeps the first code
            self.engine.replica.put_entity(change.session_id, p.ENTITY_BALLOT,
                                           str(change.vote_id), mine)
            self.engine.notify_changed(change.session_id, {p.ENTITY_BALLOT, p.ENTITY_VOTE})
        return answer
