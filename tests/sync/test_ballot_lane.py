"""The ballot lane: ballots waiting at the same moment share one transaction, each in its own
savepoint; a fault in one leaves the others standing and leaves no trace of itself; what is to
happen after the commit (destroying a secret vote's key) happens after the real commit only."""
from __future__ import annotations

from sqlalchemy import func, select

from app.db import begin_write
from app.models import User, Vote, VoteParticipation, VoteStatus
from app.services import mutations
from app.services.mutations import Job, apply_batch
from app.services.server_meta import epoch
from tests.sync.sitting_helpers import applied, seat_delegates
from tests.sync.test_server_api import login


def _job(db, username: str, client_id: str, mutation_id: int, name: str, args: dict) -> Job:
    user = db.scalar(select(User).where(User.username == username))
    return Job(user, client_id, {"id": mutation_id, "name": name, "args": args})


def test_ballots_arriving_together_are_applied_in_few_transactions(world):
    room = seat_delegates(world, 20)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết", vote_type="secret")
    room.open(vote_id)
    lane = world.context.lane
    before = lane.batches
    users = ["delegate"] + [f"db{n:03d}" for n in range(19)]
    with world.context.sessions() as db:
        jobs = [_job(db, name, f"direct-lane-{n:03d}", 1, "ballot.cast",
                     {"session_id": world.session_id, "vote_id": vote_id, "option": "yes"})
                for n, name in enumerate(users)]
    futures = [lane.submit(job.user, job.client_id, job.mutation) for job in jobs]
    done = [f.result(timeout=30) for f in futures]
    assert [j.answer["status"] for j in done] == ["applied"] * 20
    assert lane.batches - before <= 3  # not twenty commits
    assert len({j.answer["result"]["tracker"] for j in done}) == 20
    closed = room.close(vote_id)
    assert (closed["result"]["voters"], closed["result"]["ballots"]) == (20, 20)


def test_a_fault_in_one_ballot_leaves_the_others_and_no_trace(world, monkeypatch):
    room = seat_delegates(world, 3)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết", vote_type="named")
    room.open(vote_id)
    original = mutations.HANDLERS["ballot.cast"]

    def faulty(ctx, args):
        result = original(ctx, args)  # its rows are written, then the fault
        if ctx.user.username == "db000":
            raise RuntimeError("a fault in the middle of a batch")
        return result

    monkeypatch.setitem(mutations.HANDLERS, "ballot.cast", faulty)
    with world.context.sessions() as db:
        jobs = [_job(db, name, f"direct-fault-{n}", 1, "ballot.cast",
                     {"session_id": world.session_id, "vote_id": vote_id, "option": "no"})
                for n, name in enumerate(["delegate", "db000", "db001"])]
    with world.context.sessions() as db:
        begin_write(db)
        apply_batch(db, jobs, world.context.settings)
        db.commit()
    assert [j.answer["status"] if j.answer else type(j.error).__name__ for j in jobs] == [
        "applied", "RuntimeError", "applied"]
    monkeypatch.setitem(mutations.HANDLERS, "ballot.cast", original)
    with world.context.sessions() as db:
        voted = set(db.scalars(select(VoteParticipation.user_id)
                               .where(VoteParticipation.vote_id == vote_id)))
    assert voted == {room.user_ids[0], room.user_ids[2]}  # nothing of the faulty one
    # the faulty tablet sends its ballot again, under the same id: it is applied now, once
    again = room.delegates[1].post("/mutations", json={"client_id": "direct-fault-1", "mutations": [
        {"id": 1, "name": "ballot.cast", "args": {"session_id": world.session_id,
                                                  "vote_id": vote_id, "option": "no"}}]}).json()
    assert again["answers"][0]["status"] == "applied" and "replay" not in again["answers"][0]
    result = room.close(vote_id)["result"]
    assert (result["voters"], result["counts"][1]["count"]) == (3, 3)


def test_a_secret_votes_key_is_destroyed_after_the_real_commit_only(world):
    room = seat_delegates(world, 2)
    room.check_in_all()
    vote_id = room.create(title="Bỏ phiếu kín", vote_type="secret")
    room.open(vote_id)
    applied(room.cast(0, vote_id, option="yes"))
    with world.context.sessions() as db:
        key_file = world.context.settings.data_dir / "ballot-keys" / f"{epoch(db)}-{vote_id}.key"
    assert key_file.exists()
    with world.context.sessions() as db:
        close = _job(db, "chair", "direct-chair-x", 1, "vote.close",
                     {"session_id": world.session_id, "vote_id": vote_id})
    with world.context.sessions() as db:
        begin_write(db)
        apply_batch(db, [close], world.context.settings)
        assert close.answer["status"] == "applied"
        assert key_file.exists()  # the savepoint was released; nothing is committed yet
        db.rollback()  # the transaction fails after all
    assert key_file.exists()
    with world.context.sessions() as db:
        assert db.get(Vote, vote_id).status is VoteStatus.OPEN
    closed = applied(room.change(login(world, "chair"), "vote.close", vote_id=vote_id))
    assert closed["result"]["ballots"] == 1 and not key_file.exists()
    with world.context.sessions() as db:
        assert db.scalar(select(func.count()).select_from(VoteParticipation)
                         .where(VoteParticipation.vote_id == vote_id)) == 1


def test_a_refused_ballot_in_a_batch_does_not_leave_the_others_without_the_votes_lock(
        world, monkeypatch):
    """A refused change's savepoint is rolled back and, on PostgreSQL, the row locks it took
    with it: the next ballot of the batch must read and lock the vote again (so that a close
    in between is seen and waits), while ballots after an applied one share its read."""
    from app.services import voting

    room = seat_delegates(world, 3)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết", vote_type="open")
    room.open(vote_id)
    applied(room.cast(0, vote_id, option="yes"))
    reads = []
    original = voting._vote
    monkeypatch.setattr(voting, "_vote", lambda ctx, v, lock: reads.append(lock) or
                        original(ctx, v, lock))
    args = {"session_id": world.session_id, "vote_id": vote_id, "option": "no"}
    with world.context.sessions() as db:
        jobs = [_job(db, "delegate", "direct-again-0", 1, "ballot.cast", args),  # already voted
                _job(db, "db000", "direct-fresh-1", 1, "ballot.cast", args),
                _job(db, "db001", "direct-fresh-2", 1, "ballot.cast", args)]
    with world.context.sessions() as db:
        begin_write(db)
        apply_batch(db, jobs, world.context.settings)
        db.commit()
    assert [j.answer["status"] for j in jobs] == ["rejected", "applied", "applied"]
    assert reads == ["share", "share"]  # read again after the refusal; shared after a success
    closed = applied(room.change(login(world, "chair"), "vote.close", vote_id=vote_id))
    assert (closed["result"]["voters"], closed["result"]["ballots"]) == (3, 3)


def test_the_key_sweep_spares_a_vote_being_opened_and_removes_finished_ones(world):
    from app.services import voting
    from sync.server.vote_clock import read_tick

    room = seat_delegates(world, 1)
    room.check_in_all()
    draft = room.create(title="Sắp mở", vote_type="secret")
    done = room.create(title="Đã xong", vote_type="secret")
    room.open(done)
    room.close(done)
    keys = voting.vote_keys(world.context.settings.data_dir)
    with world.context.sessions() as db:
        current = epoch(db)
    keys.create(current, draft)  # written before the opening commits
    keys.create(current, done)  # left behind by a process that died after a close
    read_tick(world.context, [], sweep=True)
    assert keys.known(current) == {draft}
    room.open(draft)
    applied(room.cast(0, draft, option="yes"))
    assert applied(room.change(login(world, "chair"), "vote.close", vote_id=draft))[
        "result"]["ballots"] == 1


def test_a_batch_that_fails_whole_still_refuses_a_bad_token_as_a_bad_token(world, monkeypatch):
    """A revoked tablet's ballot in a batch whose commit fails is told "log in again" (401),
    not "server error, try again"; the others are told of the fault."""
    from app.services import auth
    from sync.server import ballot_lane

    room = seat_delegates(world, 1)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết", vote_type="open")
    room.open(vote_id)
    args = {"session_id": world.session_id, "vote_id": vote_id, "option": "yes"}
    with world.context.sessions() as db:
        good = _job(db, "delegate", "direct-whole-1", 1, "ballot.cast", args)
    stranger = Job(None, "direct-whole-2", {"id": 1, "name": "ballot.cast", "args": args},
                   token="not-a-token-anyone-holds")

    def failing_announce(db, rows, hub=None):
        raise RuntimeError("the database went away before the commit")

    monkeypatch.setattr(ballot_lane, "announce", failing_announce)
    world.context.lane._apply([stranger, good])
    assert isinstance(stranger.error, auth.TokenRejected)
    assert isinstance(good.error, RuntimeError) and good.answer is None
    with world.context.sessions() as db:
        assert db.scalar(select(func.count()).select_from(VoteParticipation)
                         .where(VoteParticipation.vote_id == vote_id)) == 0
