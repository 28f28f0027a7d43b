"""What the screens show of the sitting itself, read from the replica's view: the votes (with
the live count and, for the chair, who has voted), the user's own ballots, the sittings, the
delegates with the totals and the body's rules, and attendance. Plain values; no Qt.

Countdowns run on the server's clock: `clock_offset_s` is how far the server's clock is ahead
of this tablet's (from the live connection's hello), so a tablet whose clock is wrong still
shows the chair's time."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any, Optional

log = logging.getLogger(__name__)


def parse_moment(text: Any) -> Optional[dt.datetime]:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class VoteOptionView:
    key: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class VoteView:
    id: int
    title: str
    vote_type: str  # open | named | secret | confidence | election
    secret: bool
    status: str  # draft | open | closed | cancelled
    agenda_item_id: Optional[int] = None
    threshold_rule: str = "more_than_half_total"
    options: tuple[VoteOptionView, ...] = ()  # the answers, or the officials / candidates
    choices: tuple[VoteOptionView, ...] = ()  # the answers per official or candidate
    seats: Optional[int] = None
    closes_at: Optional[dt.datetime] = None
    eligible_count: Optional[int] = None
    ballots: int = 0
    passed: Optional[bool] = None
    announcement: str = ""
    result: Optional[dict] = None
    voted: Optional[tuple[int, ...]] = None  # who has voted (chair, open and named votes)

    @property
    def with_subjects(self) -> bool:
        return bool(self.choices)


@dataclass(frozen=True)
class MyBallot:
    vote_id: int
    voted: bool
    tracker: Optional[str] = None


@dataclass(frozen=True)
class AttendanceMark:
    sitting_id: Optional[int]
    user_id: int
    full_name: str
    status: str  # present | excused | absent
    reason: str = ""
    by_self: bool = False


@dataclass(frozen=True)
class DelegateInfo:
    user_id: int
    full_name: str
    title: str = ""
    seat: Optional[str] = None
    seated: bool = True


@dataclass(frozen=True)
class SittingInfo:
    id: int
    position: int
    title: str
    opened_at: Optional[dt.datetime] = None
    closed_at: Optional[dt.datetime] = None


@dataclass(frozen=True)
class SittingState:
    votes: tuple[VoteView, ...] = ()
    my_ballots: dict[int, MyBallot] = field(default_factory=dict)
    attendance: tuple[AttendanceMark, ...] = ()
    delegates: tuple[DelegateInfo, ...] = ()
    total_delegates: int = 0
    seated_delegates: int = 0
    quorum_needed: int = 0  # present delegates a sitting needs (two thirds of the total)
    rules: dict = field(default_factory=dict)
    sittings: tuple[SittingInfo, ...] = ()
    clock_offset_s: float = 0.0
    boxes: dict[int, frozenset[str]] = field(default_factory=dict)  # closed secret votes' codes

    def server_now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=self.clock_offset_s)

    def current_sitting(self) -> Optional[SittingInfo]:
        """The sitting attendance is taken for: the open one, else the next not yet closed."""
        waiting = [s for s in sorted(self.sittings, key=lambda s: s.position) if not s.closed_at]
        opened = [s for s in waiting if s.opened_at]
        return opened[-1] if opened else (waiting[0] if waiting else None)

    def marks_now(self) -> dict[int, AttendanceMark]:
        sitting = self.current_sitting()
        sitting_id = sitting.id if sitting else None
        return {m.user_id: m for m in self.attendance if m.sitting_id == sitting_id}

    def present_count(self) -> int:
        delegates = {d.user_id for d in self.delegates}
        return sum(1 for m in self.marks_now().values()
                   if m.status == "present" and (not delegates or m.user_id in delegates))

    def open_vote(self) -> Optional[VoteView]:
        return next((v for v in self.votes if v.status == "open"), None)

    def ballot_due(self) -> Optional[VoteView]:
        """The open vote this user has not voted in yet (the card to show)."""
        vote = self.open_vote()
        if vote is None:
            return None
        mine = self.my_ballots.get(vote.id)
        return None if mine is not None and mine.voted else vote

    def not_voted(self, vote: VoteView) -> list[DelegateInfo]:
        """The seated delegates who have not voted yet (open and named votes only)."""
        if vote.voted is None:
            return []
        voted = set(vote.voted)
        return [d for d in self.delegates if d.seated and d.user_id not in voted]

    def my_code_in_box(self, vote_id: int) -> Optional[bool]:
        """Whether this user's tracking code is in the vote's published ballot box; None while
        there is no code (not a secret ballot, not voted here) or no box yet."""
        mine, box = self.my_ballots.get(vote_id), self.boxes.get(vote_id)
        if mine is None or not mine.tracker or box is None:
            return None
        return mine.tracker in box

    def named_choices(self, vote: VoteView) -> list[tuple[str, list[str]]]:
        """A closed named vote's list: each option's label with the names of those who chose
        it (the result holds user ids; the names come from the roster)."""
        named = (vote.result or {}).get("named")
        if not isinstance(named, dict):
            return []
        names = {d.user_id: d.full_name for d in self.delegates}
        return [(option.label, [names.get(int(u), f"#{u}") for u in named.get(option.key) or ()])
                for option in vote.options]

    def vote_remaining_s(self, vote: VoteView) -> Optional[float]:
        if vote.closes_at is None or vote.status != "open":
            return None
        return max(0.0, (vote.closes_at - self.server_now()).total_seconds())


def speaker_remaining_s(started_at: Optional[str], limit_s: Optional[int],
                        now: dt.datetime) -> Optional[float]:
    """Seconds left for a speaker (negative once over time), or None without a limit."""
    start = parse_moment(started_at)
    if start is None or not limit_s:
        return None
    return limit_s - (now - start).total_seconds()


def _options(raw: Any) -> tuple[VoteOptionView, ...]:
    return tuple(VoteOptionView(str(o["key"]), str(o.get("label") or o["key"]),
                                str(o.get("detail") or "")) for o in raw or ())


def _vote(d: dict) -> VoteView:
    voted = d.get("voted")
    return VoteView(
        id=int(d["id"]), title=str(d.get("title") or ""), vote_type=str(d.get("vote_type")),
        secret=bool(d.get("secret")), status=str(d.get("status") or "draft"),
        agenda_item_id=d.get("agenda_item_id"),
        threshold_rule=str(d.get("threshold_rule") or "more_than_half_total"),
        options=_options(d.get("options")), choices=_options(d.get("choices")),
        seats=d.get("seats"), closes_at=parse_moment(d.get("closes_at")),
        eligible_count=d.get("eligible_count"), ballots=int(d.get("ballots") or 0),
        passed=d.get("passed"), announcement=str(d.get("announcement") or ""),
        result=d.get("result") if isinstance(d.get("result"), dict) else None,
        voted=tuple(int(u) for u in voted) if isinstance(voted, list) else None)


def sitting_from_view(view: dict[tuple[str, str], dict], clock_offset_s: float = 0.0) -> SittingState:
    """The sitting's part of `engine.view()`; a malformed entity is left out (and logged)."""
    found: dict[str, list] = {"vote": [], "my_ballot": [], "attendance": [], "sitting": []}
    boxes: dict[int, frozenset[str]] = {}
    roster: dict = {}
    for (entity, key), data in view.items():
        try:
            if entity == "vote":
                found["vote"].append(_vote(data))
            elif entity == "my_ballot":
                found["my_ballot"].append(MyBallot(int(data.get("vote_id") or key),
                                                   bool(data.get("voted")), data.get("tracker")))
            elif entity == "attendance":
                found["attendance"].append(AttendanceMark(
                    data.get("sitting_id"), int(data["user_id"]), str(data.get("full_name") or ""),
                    str(data.get("status") or "absent"), str(data.get("reason") or ""),
                    bool(data.get("by_self"))))
            elif entity == "sitting":
                found["sitting"].append(SittingInfo(
                    int(data["id"]), int(data.get("position") or 0), str(data.get("title") or ""),
                    parse_moment(data.get("opened_at")), parse_moment(data.get("closed_at"))))
            elif entity == "ballot_box":
                boxes[int(data.get("vote_id") or key)] = frozenset(
                    str(t) for t in data.get("trackers") or ())
            elif entity == "roster" and isinstance(data, dict):
                roster = data
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("skipping a malformed %s entity %s: %r", entity, key, exc)
    delegates = tuple(DelegateInfo(int(d["user_id"]), str(d.get("full_name") or ""),
                                   str(d.get("title") or ""), d.get("seat"), bool(d.get("seated", True)))
                      for d in roster.get("delegates") or () if isinstance(d, dict))
    return SittingState(
        votes=tuple(sorted(found["vote"], key=lambda v: v.id)),
        my_ballots={b.vote_id: b for b in found["my_ballot"]},
        attendance=tuple(found["attendance"]), delegates=delegates,
        total_delegates=int(roster.get("total_delegates") or 0),
        seated_delegates=int(roster.get("seated_delegates") or 0),
        quorum_needed=int(roster.get("quorum_needed") or 0),
        rules=dict(roster.get("rules") or {}), sittings=tuple(found["sitting"]),
        clock_offset_s=clock_offset_s, boxes=boxes)
