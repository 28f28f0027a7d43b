"""Votes under the law: created (chair or secretary), opened and closed by the chair (or by
their countdown), cancelled before any ballot; ballots cast once per delegate, online only.

The result is counted at the close, in the closing transaction (`app.services.tally`, the law
in `app.rules`). A secret ballot is sealed while the vote is open and never written beside its
voter (`app.services.ballot_box`; docs/ARCHITECTURE.md, "Secret ballots")."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import (
    AgendaItem, Ballot, Body, MeetingSession, PublishedTracker, SealedBallot, Term, ThresholdRule,
    Vote, VoteOption, VoteParticipation, VoteStatus, VoteType,
)
from app.db import among, insert_unless_present
from app.models.base import as_utc, utcnow
from app.protocol import mutations as m
from app.services import audit, ballot_box, events, sitting_views, tally
from app.services.mutations import MutationContext, Rejected, handler
from app.services.server_meta import epoch
from app.services.vote_views import ballot_box_dict, ballots_of, named_choices, vote_dict

_KEYS: dict[Path, ballot_box.VoteKeys] = {}
# A change that finds the vote in a state it cannot act on is refused with that state's code.
_STATE_REFUSALS = {
    VoteStatus.DRAFT: ("vote_not_open", "this vote has not been opened yet"),
    VoteStatus.OPEN: ("vote_already_open", "this vote is open already"),
    VoteStatus.CLOSED: ("vote_closed", "this vote has been closed"),
    VoteStatus.CANCELLED: ("vote_cancelled", "this vote was cancelled")}
_ANOTHER_OPEN = ("another_vote_open", "another vote of this session is open: close it first")


def vote_keys(data_dir: Path) -> ballot_box.VoteKeys:
    directory = Path(data_dir) / "ballot-keys"
    if directory not in _KEYS:
        _KEYS[directory] = ballot_box.VoteKeys(directory)
    return _KEYS[directory]


def _vote(ctx: MutationContext, vote_id: int, lock: str) -> Vote:
    """The vote, locked: "update" to change it, "share" to cast (a close waits for the casts
    under way, and a cast that waited on a close sees it closed)."""
    vote = ctx.db.get(Vote, vote_id, with_for_update={"read": lock == "share"},
                      populate_existing=True)
    if vote is None or vote.session_id != ctx.session.id:
        raise Rejected("vote_not_found", "no such vote in this session")
    return vote


def _require(vote: Vote, *allowed: VoteStatus) -> None:
    """Refuse the change unless the vote is in one of the `allowed` states."""
    if vote.status not in allowed:
        raise Rejected(*_STATE_REFUSALS[vote.status])


def _emit(ctx: MutationContext, vote: Vote, kind: str) -> dict:
    """Send the vote's whole state to every tablet of the session."""
    state = vote_dict(ctx.db, vote)
    ctx.emit(kind, p.ENTITY_VOTE, vote.id, "upsert", state, p.AUDIENCE_ALL)
    return state


# ---- preparing ---------------------------------------------------------------------------------

@handler(m.VoteCreate)
def create_vote(ctx: MutationContext, args: m.VoteCreate) -> dict:
    vote_type = VoteType(args.vote_type)
    item = None
    if args.agenda_item_id is not None:
        item = ctx.db.get(AgendaItem, args.agenda_item_id)
        if item is None or item.session_id != ctx.session.id:
            raise Rejected("invalid", "the agenda item is not in this session")
    with_subjects = vote_type in (VoteType.CONFIDENCE, VoteType.ELECTION)
    if with_subjects and not args.subjects:
        raise Rejected("invalid", "subjects: a confidence vote or an election needs its list")
    if not with_subjects and args.subjects:
        raise Rejected("invalid", "subjects: only a confidence vote or an election has them")
    if vote_type is VoteType.ELECTION and not (args.seats and args.seats <= len(args.subjects)):
        raise Rejected("invalid", "seats: an election elects 1 to as many as its candidates")
    body = ctx.db.scalar(select(Body).join(Term, Term.body_id == Body.id)
                         .where(Term.id == ctx.session.term_id))
    rule = ThresholdRule(args.threshold_rule) if args.threshold_rule else (
        item.threshold_rule if item is not None and item.threshold_rule
        else ThresholdRule.MORE_THAN_HALF_TOTAL)
    vote = Vote(session_id=ctx.session.id, agenda_item_id=args.agenda_item_id,
                title=args.title.strip() or args.title, vote_type=vote_type, threshold_rule=rule,
                threshold_note=args.threshold_note, seats=args.seats if with_subjects else None,
                countdown_s=args.countdown_s, ballot_changeable=body.ballot_changeable,
                needs_check_in=body.vote_needs_check_in, created_by_id=ctx.user.id)
    if with_subjects:
        vote.options = [VoteOption(position=i, key=f"s{i + 1}", label=s.name, detail=s.detail)
                        for i, s in enumerate(args.subjects)]
    else:
        labels = list(args.labels or body.vote_labels)
        vote.options = [VoteOption(position=i, key=key, label=labels[i], is_approval=key == "yes")
                        for i, key in enumerate(tally.SIMPLE_KEYS)]
    ctx.db.add(vote)
    ctx.db.flush()
    ctx.audit("vote.created", {"vote_id": vote.id, "title": vote.title, "type": vote_type.value,
                               "rule": rule.value, "note": args.threshold_note})
    return _emit(ctx, vote, "vote.create")


@handler(m.VoteCancel)
def cancel_vote(ctx: MutationContext, args: m.VoteCancel) -> dict:
    vote = _vote(ctx, args.vote_id, "update")
    _require(vote, VoteStatus.DRAFT, VoteStatus.OPEN)
    if ballots_of(ctx.db, vote.id):
        raise Rejected("vote_has_ballots", "ballots have been cast: the vote can only be closed")
    vote.status, vote.closed_at = VoteStatus.CANCELLED, utcnow()
    _forget_key_after_commit(ctx, vote)
    ctx.audit("vote.cancelled", {"vote_id": vote.id})
    return _emit(ctx, vote, "vote.cancel")


# ---- opening and closing -----------------------------------------------------------------------

@handler(m.VoteOpen)
def open_vote(ctx: MutationContext, args: m.VoteOpen) -> dict:
    vote = _vote(ctx, args.vote_id, "update")
    _require(vote, VoteStatus.DRAFT)
    if ctx.db.scalar(select(Vote.id).where(Vote.session_id == ctx.session.id,
                                           Vote.status == VoteStatus.OPEN)) is not None:
        raise Rejected(*_ANOTHER_OPEN)
    total, seated = sitting_views.term_counts(ctx.db, ctx.session)
    if total <= 0:
        raise Rejected("invalid", "the term has no delegates to vote")
    sitting = sitting_views.attendance_sitting(ctx.db, ctx.session.id)
    present = sitting_views.present_ids(ctx.db, ctx.session.id, sitting)
    now = utcnow()
    vote.eligible_count, vote.seated_count = total, seated
    vote.present_count = len(present & sitting_views.seated_delegate_ids(ctx.db, ctx.session))
    vote.status, vote.opened_at = VoteStatus.OPEN, now
    vote.closes_at = now + dt.timedelta(seconds=vote.countdown_s) if vote.countdown_s else None
    try:
        ctx.db.flush()  # the one-open-vote index decides a race the check above cannot see
    except IntegrityError:
        raise Rejected(*_ANOTHER_OPEN) from None
    if vote.vote_type.is_secret:  # on disk before the opening commits
        vote_keys(ctx.settings.data_dir).create(epoch(ctx.db), vote.id)
    ctx.audit("vote.opened", {"vote_id": vote.id, "total": total, "seated": seated,
                              "present": vote.present_count})
    return _emit(ctx, vote, "vote.open")


@handler(m.VoteClose)
def close_vote_now(ctx: MutationContext, args: m.VoteClose) -> dict:
    vote = _vote(ctx, args.vote_id, "update")
    _require(vote, VoteStatus.OPEN)
    close(ctx.db, vote, ctx.settings.data_dir)
    _forget_key_after_commit(ctx, vote)
    ctx.audit("vote.closed", _audit_result(vote))
    state = _emit(ctx, vote, "vote.close")
    box = ballot_box_dict(vote)
    if box is not None:  # right behind the result
        ctx.emit("vote.close", p.ENTITY_BALLOT_BOX, vote.id, "upsert", box, p.AUDIENCE_ALL)
    return state


def close(db: Session, vote: Vote, data_dir: Path) -> None:
    """Count `vote` (locked, open) and close it, all in the caller's transaction."""
    voters = db.scalars(select(VoteParticipation.user_id)
                        .where(VoteParticipation.vote_id == vote.id)).all()
    options = {o.id: o.key for o in vote.options}
    # Those present when the vote is counted: checked in now (a late arrival counts), and
    # anyone who voted (a body may let delegates vote without checking in).
    sitting = sitting_views.attendance_sitting(db, vote.session_id)
    present = sitting_views.present_ids(db, vote.session_id, sitting) | set(voters)
    # Only delegates who hold a seat count (a checked-in delegate whose seat was vacated does
    # not), and never more than the total frozen at the opening: the close cannot fail.
    session = db.get(MeetingSession, vote.session_id)
    vote.present_count = min(len(present & sitting_views.seated_delegate_ids(db, session)),
                             vote.eligible_count or 0)
    if vote.vote_type.is_secret:
        ballots, trackers = _open_the_box(db, vote, data_dir)
    else:
        rows = db.execute(select(Ballot.voter_id, Ballot.option_id, Ballot.choices)
                          .where(Ballot.vote_id == vote.id)).all()
        ballots = [{"o": options[b.option_id]} if b.option_id is not None else {"c": b.choices}
                   for b in rows]
    result = tally.result_of(vote, ballots, len(voters))
    if vote.vote_type.is_secret:  # the published box: as many codes as voters, no choices
        result["trackers"] = sorted(trackers)
    if vote.vote_type is VoteType.NAMED:
        result["named"] = named_choices(db, vote, rows)
    vote.status, vote.closed_at = VoteStatus.CLOSED, utcnow()
    vote.passed, vote.announcement, vote.result = result["passed"], result["sentence"], result
    db.flush()


def _open_the_box(db: Session, vote: Vote, data_dir: Path) -> tuple[list[dict], list[str]]:
    """Open every sealed ballot of the vote, write them out as plain ballots in a random order
    with random ids (none beside its voter, all written by this one transaction), publish the
    tracking codes likewise, and delete the sealed rows. Plain statements: a box of 500
    ballots is opened within the close's few milliseconds, not row by row."""
    sealed = db.execute(select(SealedBallot.sealed, SealedBallot.tracker)
                        .where(SealedBallot.vote_id == vote.id)).all()
    key = vote_keys(data_dir).load(epoch(db), vote.id) if sealed else None
    ballots = [ballot_box.unseal(key, vote.id, bytes(row.sealed)) for row in sealed]
    trackers = [row.tracker for row in sealed]
    db.execute(delete(SealedBallot).where(SealedBallot.vote_id == vote.id))
    shuffle = random.SystemRandom().shuffle
    shuffle(ballots)
    shuffle(trackers)
    options = {o.key: o.id for o in vote.options}
    ids = _fresh_ballot_ids(db, len(ballots))
    if ballots:
        db.execute(insert(Ballot), [
            {"id": row_id, "vote_id": vote.id, "option_id": options.get(ballot.get("o")),
             "choices": ballot.get("c"), "voter_id": None, "cast_at": None}
            for row_id, ballot in zip(ids, ballots)])
        db.execute(insert(PublishedTracker), [{"vote_id": vote.id, "tracker": t}
                                              for t in trackers])
    return ballots, trackers


def _fresh_ballot_ids(db: Session, count: int) -> list[int]:
    """`count` random ids that no ballot has (drawn again where one is taken)."""
    chosen: list[int] = []
    while len(chosen) < count:
        # negative: the database's own counter (an open vote's ballots) never reaches them
        wanted = {-ballot_box.random_id() for _ in range(count - len(chosen))} - set(chosen)
        taken = set(db.scalars(select(Ballot.id).where(among(db, Ballot.id, wanted)))) \
            if wanted else set()
        chosen.extend(i for i in wanted if i not in taken)
    random.SystemRandom().shuffle(chosen)
    return chosen[:count]


def _audit_result(vote: Vote) -> dict[str, Any]:
    result = dict(vote.result or {})
    result.pop("named", None)  # the named list is in the vote itself
    return {"vote_id": vote.id, "passed": vote.passed, "result": result}


def _forget_key_after_commit(ctx: MutationContext, vote: Vote) -> None:
    if vote.vote_type.is_secret:
        keys, db_epoch, vote_id = vote_keys(ctx.settings.data_dir), epoch(ctx.db), vote.id
        ctx.after_commit(lambda: keys.destroy(db_epoch, vote_id))


def close_by_countdown(db: Session, vote_id: int, data_dir: Path) -> list[dict]:
    """Close a vote whose countdown has ended (from the server's clock, not a tablet); the
    events it appended, for the live fan-out. Nothing when it was closed meanwhile."""
    vote = db.get(Vote, vote_id, with_for_update=True, populate_existing=True)
    if vote is None or vote.status is not VoteStatus.OPEN or vote.closes_at is None \
            or vote.closes_at > utcnow():
        return []
    close(db, vote, data_dir)
    audit.record_event(db, "vote.closed", session_id=vote.session_id,
                       payload={**_audit_result(vote), "by": "countdown"})
    appended = [events.append(db, vote.session_id, "vote.close", p.ENTITY_VOTE, vote.id,
                              "upsert", vote_dict(db, vote), p.AUDIENCE_ALL)]
    box = ballot_box_dict(vote)
    if box is not None:
        appended.append(events.append(db, vote.session_id, "vote.close", p.ENTITY_BALLOT_BOX,
                                      vote.id, "upsert", box, p.AUDIENCE_ALL))
    if vote.vote_type.is_secret:
        keys, db_epoch = vote_keys(data_dir), epoch(db)
        db.info.setdefault("after_commit", []).append(lambda: keys.destroy(db_epoch, vote_id))
    return [dict(events.event_dict(e), audience=p.AUDIENCE_ALL, session_id=vote.session_id)
            for e in appended]


def finished_votes(db: Session, vote_ids: set[int]) -> list[int]:
    """Of these votes, those that are closed, cancelled or gone (their keys may go)."""
    if not vote_ids:
        return []
    status = dict(db.execute(select(Vote.id, Vote.status).where(Vote.id.in_(vote_ids))).all())
    return sorted(v for v in vote_ids
                  if status.get(v) in (None, VoteStatus.CLOSED, VoteStatus.CANCELLED))


def due_votes(db: Session, now: Optional[dt.datetime] = None) -> list[tuple[int, int]]:
    """(session id, vote id) of the open votes whose countdown has ended."""
    return list(db.execute(select(Vote.session_id, Vote.id).where(
        Vote.status == VoteStatus.OPEN, Vote.closes_at.is_not(None),
        Vote.closes_at <= (now or utcnow()))).all())


def open_votes(db: Session) -> list[tuple[int, int, bool]]:
    """(session id, vote id, secret) of every open vote."""
    return [(s, v, VoteType(t).is_secret) for s, v, t in db.execute(
        select(Vote.session_id, Vote.id, Vote.vote_type).where(Vote.status == VoteStatus.OPEN))]


# ---- casting ------------------------------------------------------------------------------------

@handler(m.BallotCast)
def cast_ballot(ctx: MutationContext, args: m.BallotCast) -> dict:
    """The hot path of a sitting (the whole room votes within seconds): few statements, plain
    inserts, nothing read that the ballot does not need."""
    memo = ctx.shared.get(("vote", args.vote_id))
    vote = memo if memo is not None and memo.session_id == ctx.session.id else \
        _vote(ctx, args.vote_id, "share")
    ctx.shared[("vote", vote.id)] = vote  # the same row object for the whole transaction
    _require(vote, VoteStatus.OPEN)
    if vote.closes_at is not None and as_utc(vote.closes_at) <= utcnow():
        raise Rejected("vote_closed", "the vote's time is over")
    _check_entitled(ctx, vote)
    choice = _choice(vote, args)
    secret = vote.vote_type.is_secret
    tracker = ballot_box.new_tracker() if secret else None
    changed = not insert_unless_present(ctx.db, VoteParticipation, {
        "vote_id": vote.id, "user_id": ctx.user.id, "tracker": tracker})
    if changed:
        if not vote.ballot_changeable:
            raise Rejected("already_voted", "you have already voted in this vote")
        tracker = ctx.db.scalar(select(VoteParticipation.tracker).where(
            VoteParticipation.vote_id == vote.id, VoteParticipation.user_id == ctx.user.id))
    if secret:
        _seal(ctx, vote, choice, tracker, changed)
        ctx.audit("ballot.cast", {"vote_id": vote.id, "changed": changed})
    else:
        _store_open(ctx, vote, choice, changed)
        shown = {"option": choice["o"]} if "o" in choice else {"choices": choice["c"]}
        ctx.audit("ballot.cast", {"vote_id": vote.id, "changed": changed, **shown})
    return {"vote_id": vote.id, "recorded": True, "changed": changed, "tracker": tracker}


def _check_entitled(ctx: MutationContext, vote: Vote) -> None:
    sitting = None
    if vote.needs_check_in:
        if ("sitting", ctx.session.id) not in ctx.shared:
            ctx.shared[("sitting", ctx.session.id)] = sitting_views.attendance_sitting(
                ctx.db, ctx.session.id)
        sitting = ctx.shared[("sitting", ctx.session.id)]
    seated, present = sitting_views.seated_and_present(ctx.db, ctx.session, ctx.user.id, sitting)
    if not seated:
        raise Rejected("not_seated", "you hold no seat of this term")
    if vote.needs_check_in and not present:
        raise Rejected("not_checked_in", "check in first: only delegates present vote")


def _choice(vote: Vote, args: m.BallotCast) -> dict[str, Any]:
    """The ballot as stored: {"o": option key} or {"c": {subject key: answer}}."""
    answers = tally.choices_of(vote.vote_type)
    keys = [o.key for o in vote.options]
    if not answers:
        if args.choices is not None or args.option not in keys:
            raise Rejected("unknown_option", "choose one of the vote's options")
        return {"o": args.option}
    allowed = {k for k, _label in answers}
    given = dict(args.choices or {})
    if args.option is not None or set(given) - set(keys) or set(given.values()) - allowed:
        raise Rejected("unknown_option", "an answer is not one of this ballot's")
    if set(given) != set(keys):
        raise Rejected("incomplete_ballot", "answer for every name on the ballot")
    if vote.vote_type is VoteType.ELECTION and \
            sum(1 for v in given.values() if v == "agree") > (vote.seats or 0):
        raise Rejected("too_many_chosen", f"agree with at most {vote.seats} candidates")
    return {"c": {k: given[k] for k in keys}}


def _seal(ctx: MutationContext, vote: Vote, choice: dict, tracker: str, changed: bool) -> None:
    if "epoch" not in ctx.shared:
        ctx.shared["epoch"] = epoch(ctx.db)
    key = vote_keys(ctx.settings.data_dir).load(ctx.shared["epoch"], vote.id)
    ref = ballot_box.voter_ref(key, ctx.user.id)
    sealed = ballot_box.seal(key, vote.id, choice, ballot_box.padded_length(len(vote.options)))
    if changed:  # a change where the body allows it: the same row, the same tracking code
        ctx.db.execute(update(SealedBallot).where(SealedBallot.vote_id == vote.id,
                                                  SealedBallot.voter_ref == ref)
                       .values(sealed=sealed))
        return
    ctx.db.execute(_INSERT_SEALED, {"id": ballot_box.random_id(), "vote_id": vote.id,
                                    "voter_ref": ref, "sealed": sealed, "tracker": tracker})


_INSERT_BALLOT = insert(Ballot.__table__)  # plain inserts: the ORM's bulk path costs more
_INSERT_SEALED = insert(SealedBallot.__table__)


def _store_open(ctx: MutationContext, vote: Vote, choice: dict, changed: bool) -> None:
    options = {o.key: o.id for o in vote.options}
    values = {"option_id": options.get(choice.get("o")), "choices": choice.get("c"),
              "cast_at": utcnow()}
    if changed:
        ctx.db.execute(update(Ballot).where(Ballot.vote_id == vote.id,
                                            Ballot.voter_id == ctx.user.id).values(**values))
    else:
        ctx.db.execute(_INSERT_BALLOT, dict(values, vote_id=vote.id, voter_id=ctx.user.id))
