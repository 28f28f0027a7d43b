"""A secret ballot cannot be linked to its voter, by anyone who reads the database: no key, no
row order, no transaction id, no timestamp, no event, no audit entry, no log line (SQLite and
PostgreSQL, after a real vote through the server)."""
from __future__ import annotations

import json
import logging
from itertools import product

from sqlalchemy import select, text

from app.models import AuditEvent, Ballot, PublishedTracker, SealedBallot, SyncEvent, VoteParticipation
from app.models.base import iso_utc  # noqa: F401  (the spelling of moments, for the reader)
from app.services.mutations import digest
from app.services.server_meta import epoch
from tests.sync.sitting_helpers import applied, seat_delegates

VOTERS = 12
OFFICIALS = [{"name": "Nguyễn Văn An", "detail": "Chủ tịch HĐND tỉnh"},
             {"name": "Trần Thị Bình", "detail": "Phó Chủ tịch HĐND tỉnh"},
             {"name": "Lê Văn Cường", "detail": "Chủ tịch UBND tỉnh"}]
# Voter i rates the three officials with the digits of i in base 3: every ballot differs, so
# the test (and only the test) can tell whose ballot a stored row is.
PATTERNS = list(product(("high", "trust", "low"), repeat=3))[:VOTERS]


def _choices(index: int) -> dict[str, str]:
    return {f"s{k + 1}": answer for k, answer in enumerate(PATTERNS[index])}


def _whose(choices: dict) -> int:
    return PATTERNS.index(tuple(choices[f"s{k + 1}"] for k in range(3)))


def test_a_secret_confidence_vote_leaves_nothing_that_links_a_ballot_to_its_voter(world, caplog):
    caplog.set_level(logging.DEBUG)
    room = seat_delegates(world, VOTERS)
    room.check_in_all()
    vote_id = room.create(title="Lấy phiếu tín nhiệm", vote_type="confidence", subjects=OFFICIALS)
    room.open(vote_id)
    trackers = []
    for index in range(VOTERS):
        trackers.append(applied(room.cast(index, vote_id, choices=_choices(index)))["tracker"])
    assert len(set(trackers)) == VOTERS and all(len(t) == 19 for t in trackers)

    context = world.context
    keys_dir = context.settings.data_dir / "ballot-keys"
    with context.sessions() as db:
        key_file = keys_dir / f"{epoch(db)}-{vote_id}.key"
        sealed = db.scalars(select(SealedBallot.sealed).where(SealedBallot.vote_id == vote_id)).all()
    # while open: sealed, one length for all, nothing readable; the key is outside the database
    assert key_file.is_file() and len(sealed) == VOTERS and len({len(s) for s in sealed}) == 1
    assert not any(word in bytes(s) for s in sealed for word in (b"high", b"trust", b"low"))

    closed = room.close(vote_id)
    result = closed["result"]
    assert (result["voters"], result["ballots"]) == (VOTERS, VOTERS)
    assert "trackers" not in result  # the box travels right behind the result, on its own
    box = room.ballot_box(vote_id)
    assert box == {"vote_id": vote_id, "codes": VOTERS, "trackers": sorted(trackers)}
    assert not key_file.exists()  # the key is destroyed with the close

    with context.sessions() as db:
        assert db.scalars(select(SealedBallot).where(SealedBallot.vote_id == vote_id)).all() == []
        ballots = db.scalars(select(Ballot).where(Ballot.vote_id == vote_id)).all()
        assert len(ballots) == VOTERS
        assert {(b.voter_id, b.cast_at, b.option_id) for b in ballots} == {(None, None, None)}
        by_id = [_whose(b.choices) for b in sorted(ballots, key=lambda b: b.id)]
        assert sorted(by_id) == list(range(VOTERS))
        assert by_id != list(range(VOTERS)) and by_id != list(reversed(range(VOTERS)))
        published = db.scalars(select(PublishedTracker.tracker)
                               .where(PublishedTracker.vote_id == vote_id)).all()
        assert sorted(published) == sorted(trackers)
        physical = _physical_order(db, vote_id)
        assert sorted(physical) == list(range(VOTERS))
        assert physical != list(range(VOTERS)) and physical != list(reversed(range(VOTERS)))
        if db.get_bind().dialect.name == "postgresql":
            _no_transaction_pairs(db, vote_id)
        # no event and no audit entry carries a choice; no ballot made an event at all
        kinds = [k for k, in db.execute(select(SyncEvent.kind).where(
            SyncEvent.session_id == world.session_id, SyncEvent.entity == "vote"))]
        assert kinds == ["vote.create", "vote.open", "vote.close"]
        cast_audits = db.scalars(select(AuditEvent.payload).where(
            AuditEvent.action == "ballot.cast")).all()
        assert cast_audits == [{"vote_id": vote_id, "changed": False}] * VOTERS
        stored = db.execute(text("SELECT result, digest FROM applied_mutations "
                                 "WHERE name = 'ballot.cast'")).all()
        assert len(stored) == VOTERS
        for result_text, fingerprint in stored:
            answer = result_text if isinstance(result_text, dict) else json.loads(result_text)
            assert set(answer["result"]) == {"vote_id", "recorded", "changed", "tracker"}
        # the fingerprint of a change does not depend on the choice
        args = {"session_id": world.session_id, "vote_id": vote_id}
        assert digest("ballot.cast", dict(args, choices=_choices(0))) == \
            digest("ballot.cast", dict(args, choices=_choices(1)))
    # no log line holds a tracking code or a choice
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(t in logged for t in trackers)
    assert '"s1"' not in logged and "'s1'" not in logged


def _physical_order(db, vote_id: int) -> list[int]:
    """Whose ballot each stored row is, in the order the rows lie in the table's file."""
    if db.get_bind().dialect.name == "postgresql":
        rows = db.execute(text("SELECT choices FROM ballots WHERE vote_id = :v ORDER BY ctid"),
                          {"v": vote_id}).all()
    else:  # SQLite keeps a table's rows in the order of its rowid (the ballot's id)
        rows = db.execute(text("SELECT choices FROM ballots WHERE vote_id = :v ORDER BY rowid"),
                          {"v": vote_id}).all()
    return [_whose(c if isinstance(c, dict) else json.loads(c)) for c, in rows]


def _no_transaction_pairs(db, vote_id: int) -> None:
    """PostgreSQL's xmin (the writing transaction) of every ballot and published code is the
    close's, which wrote no "has voted" record."""
    ballot_xmins = {x for x, in db.execute(text(
        "SELECT xmin::text FROM ballots WHERE vote_id = :v"), {"v": vote_id})}
    tracker_xmins = {x for x, in db.execute(text(
        "SELECT xmin::text FROM published_trackers WHERE vote_id = :v"), {"v": vote_id})}
    voted_xmins = {x for x, in db.execute(text(
        "SELECT xmin::text FROM vote_participations WHERE vote_id = :v"), {"v": vote_id})}
    assert len(ballot_xmins) == 1 and tracker_xmins == ballot_xmins
    assert len(voted_xmins) == VOTERS and not voted_xmins & ballot_xmins
    participations = db.scalars(select(VoteParticipation).where(
        VoteParticipation.vote_id == vote_id)).all()
    assert all(p.tracker for p in participations)  # the voter's code: in the box, no choice
