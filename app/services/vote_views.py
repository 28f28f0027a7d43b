"""How a vote looks to the tablets: its form, its frozen counts, how many have voted (never
who voted what), and once closed its result with the official sentence."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import among
from app.models import User, Vote, VoteParticipation
from app.models.base import iso_utc
from app.services.tally import choices_of


def ballots_of(db: Session, vote_id: int) -> int:
    return db.scalar(select(func.count(VoteParticipation.id))
                     .where(VoteParticipation.vote_id == vote_id)) or 0


def vote_dict(db: Session, vote: Vote) -> dict[str, Any]:
    return {
        "id": vote.id, "agenda_item_id": vote.agenda_item_id, "title": vote.title,
        "vote_type": vote.vote_type.value, "secret": vote.vote_type.is_secret,
        "threshold_rule": vote.threshold_rule.value, "threshold_note": vote.threshold_note,
        "status": vote.status.value,
        "options": [{"key": o.key, "label": o.label, "detail": o.detail} for o in vote.options],
        "choices": [{"key": k, "label": label} for k, label in choices_of(vote.vote_type)],
        "seats": vote.seats, "countdown_s": vote.countdown_s,
        "ballot_changeable": vote.ballot_changeable, "needs_check_in": vote.needs_check_in,
        "eligible_count": vote.eligible_count, "seated_count": vote.seated_count,
        "present_count": vote.present_count,
        "opened_at": iso_utc(vote.opened_at), "closes_at": iso_utc(vote.closes_at),
        "closed_at": iso_utc(vote.closed_at),
        "ballots": ballots_of(db, vote.id), "passed": vote.passed,
        "announcement": vote.announcement, "result": public_result(vote.result),
    }


def public_result(result: Optional[dict]) -> Optional[dict]:
    """The result as the vote entity carries it: all of it but the ballot box's codes, which
    travel as their own entity right behind it (ballot_box_dict): at 500 voters they would
    make the result's event seven times larger, and the result is what every screen waits for."""
    if not result:
        return None
    return {k: v for k, v in result.items() if k != "trackers"}


def ballot_box_dict(vote: Vote) -> Optional[dict[str, Any]]:
    """A closed secret vote's published ballot box: every tracking code, no choice beside any,
    as many codes as voters (each voter's tablet looks for its own code in it)."""
    trackers = (vote.result or {}).get("trackers")
    if not vote.vote_type.is_secret or not isinstance(trackers, list):
        return None
    return {"vote_id": vote.id, "codes": len(trackers), "trackers": sorted(trackers)}


def my_ballots(db: Session, user_id: int, session_id: int) -> list[tuple[int, dict]]:
    """The user's own ballots of the session: voted, and the tracking code of a secret one."""
    rows = db.execute(select(VoteParticipation.vote_id, VoteParticipation.tracker)
                      .join(Vote, Vote.id == VoteParticipation.vote_id)
                      .where(Vote.session_id == session_id,
                             VoteParticipation.user_id == user_id)).all()
    return [(vote_id, {"vote_id": vote_id, "voted": True, "tracker": tracker})
            for vote_id, tracker in rows]


def named_choices(db: Session, vote: Vote, rows) -> dict[str, list[int]]:
    """Who chose what in a named vote: per option key, the voters' user ids in the order of
    their names. Ids, not names: 500 names in every tablet's copy of the result would make the
    close's event nine times larger, and each tablet has the names in its roster."""
    names = dict(db.execute(select(User.id, User.full_name)
                            .where(among(db, User.id, [b.voter_id for b in rows]))).all())
    keys = {o.id: o.key for o in vote.options}
    named: dict[str, list[int]] = {o.key: [] for o in vote.options}
    for ballot in sorted(rows, key=lambda b: (names.get(b.voter_id, ""), b.voter_id)):
        named[keys[ballot.option_id]].append(ballot.voter_id)
    return named
