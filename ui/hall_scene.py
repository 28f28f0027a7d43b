"""What the hall screen shows at a given moment, chosen from the session's state (no Qt):

1. a vote while it is open (how many have voted, never how);
2. else the delegate who has the floor, with their time;
3. else the result of the last closed vote, until another vote opens or the chair moves on
   to another agenda item;
4. else the session and the item under discussion."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ui.session_state import SessionState, SpeakerInfo
from ui.sitting_state import VoteView

IDLE, SPEAKER, VOTE, RESULT = "idle", "speaker", "vote", "result"


@dataclass(frozen=True)
class Scene:
    kind: str
    vote: Optional[VoteView] = None
    speaker: Optional[SpeakerInfo] = None


def speaking_now(state: SessionState) -> Optional[SpeakerInfo]:
    """Who has the floor: the current item's speaker first, else anyone speaking."""
    speaking = [s for s in state.speakers if s.status == "speaking"]
    current = state.live.current_item_id
    return next((s for s in speaking if s.agenda_item_id == current), None) or \
        (speaking[0] if speaking else None)


def eligible_of(vote: VoteView, state: SessionState) -> int:
    """The number of delegates a vote counts against (the total, never those present)."""
    if vote.eligible_count:
        return int(vote.eligible_count)
    total = (vote.result or {}).get("total")
    if isinstance(total, int) and total > 0:
        return total
    return state.sitting.total_delegates


class SceneChooser:
    """Remembers, for each closed vote, the item under discussion when it was first seen
    closed: the result stays on screen while that item (or the vote's own) is current."""

    def __init__(self) -> None:
        self._item_at_close: dict[int, Optional[int]] = {}

    def choose(self, state: SessionState) -> Scene:
        votes = state.sitting.votes
        current = state.live.current_item_id
        for vote in votes:
            if vote.status == "closed" and vote.id not in self._item_at_close:
                self._item_at_close[vote.id] = current
        open_vote = state.sitting.open_vote()
        if open_vote is not None:
            return Scene(VOTE, vote=open_vote)
        speaker = speaking_now(state)
        if speaker is not None:
            return Scene(SPEAKER, speaker=speaker)
        result = self._last_result(votes, current)
        if result is not None:
            return Scene(RESULT, vote=result)
        return Scene(IDLE)

    def _last_result(self, votes: tuple[VoteView, ...],
                     current: Optional[int]) -> Optional[VoteView]:
        closed = [v for v in votes if v.status == "closed"]
        if not closed:
            return None
        last = closed[-1]  # (votes come in the order they were made)
        if not (last.announcement or last.result):
            return None
        if current is not None and current == last.agenda_item_id:
            return last
        return last if self._item_at_close.get(last.id) == current else None
