"""Votes through the real server: created, opened, cast, closed and announced in the official
form; each refusal with its own code; exactly once under double taps."""
from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select, update

from app.models import Ballot, Body, Vote, VoteParticipation
from app.protocol import REJECTION_CODES
from tests.sync.sitting_helpers import applied, push_one, refused, seat_delegates
from tests.sync.test_server_api import login


def _events(client, session_id):
    return client.get(f"/sessions/{session_id}/events", params={"since": 0}).json()["events"]


def test_an_open_vote_from_creation_to_the_official_result(world):
    room = seat_delegates(world, 5)
    vote_id = room.create(title="Thông qua Nghị quyết về kế hoạch đầu tư công")
    opened = room.open(vote_id)
    assert (opened["status"], opened["eligible_count"], opened["vote_type"]) == ("open", 5, "open")
    assert [o["label"] for o in opened["options"]] == ["Tán thành", "Không tán thành",
                                                      "Không biểu quyết"]
    assert refused(room.cast(0, vote_id, option="yes")) == "not_checked_in"
    room.check_in_all()
    for index, option in enumerate(["yes", "yes", "yes", "no"]):  # the fifth does not vote
        answer = applied(room.cast(index, vote_id, option=option))
        assert answer["recorded"] is True and answer["tracker"] is None
    closed = room.close(vote_id)
    assert closed["status"] == "closed" and closed["passed"] is True
    assert closed["announcement"] == (
        "Có 4/5 đại biểu tham gia biểu quyết (chiếm 80,00% tổng số đại biểu); "
        "3 đại biểu tán thành (chiếm 60,00%), 1 đại biểu không tán thành (chiếm 20,00%), "
        "0 đại biểu không biểu quyết (chiếm 0,00%). Kết quả: thông qua (số đại biểu tán thành "
        "đạt quá nửa tổng số đại biểu).")
    result = closed["result"]
    assert [(c["key"], c["count"], c["share"]) for c in result["counts"]] == [
        ("yes", 3, "60,00%"), ("no", 1, "20,00%"), ("abstain", 0, "0,00%")]
    assert (result["voters"], result["ballots"], result["total"]) == (4, 4, 5)
    assert "named" not in result  # an open vote shows counts, not names
    # every tablet has the result: in the events and in a fresh snapshot
    last = _events(room.delegates[4], room.session_id)[-1]
    assert (last["kind"], last["data"]["result"]) == ("vote.close", result)
    snapshot = room.delegates[4].get(f"/sessions/{room.session_id}/snapshot").json()
    votes = [e["data"] for e in snapshot["entities"] if e["entity"] == "vote"]
    assert [v["announcement"] for v in votes] == [closed["announcement"]]


def test_exactly_half_of_the_total_does_not_pass(world):
    room = seat_delegates(world, 4)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết")
    room.open(vote_id)
    for index, option in enumerate(["yes", "yes", "no", "no"]):
        applied(room.cast(index, vote_id, option=option))
    closed = room.close(vote_id)
    assert closed["passed"] is False
    assert "Kết quả: không thông qua" in closed["announcement"]


def test_the_total_is_frozen_at_the_opening(world):
    room = seat_delegates(world, 3)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết")
    room.open(vote_id)
    extra = seat_delegates(world, 2, prefix="late")  # two more seats after the opening
    assert len(extra.delegates) == 2
    for index in range(2):
        applied(room.cast(index, vote_id, option="yes"))
    closed = room.close(vote_id)
    assert closed["eligible_count"] == 3 and closed["result"]["total"] == 3
    assert closed["passed"] is True  # 2 of 3, not 2 of 5


def test_a_named_vote_lists_each_delegates_choice(world):
    room = seat_delegates(world, 3)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết ghi danh", vote_type="named")
    room.open(vote_id)
    chosen = ["no", "yes", "no"]
    for index, option in enumerate(chosen):
        applied(room.cast(index, vote_id, option=option))
    named = room.close(vote_id)["result"]["named"]
    by_name = sorted(zip(room.names, room.user_ids, chosen))  # each list in the names' order
    assert named == {option: [user for _name, user, chose in by_name if chose == option]
                     for option in ("yes", "no", "abstain")}


def test_each_wrong_ballot_or_action_has_its_own_refusal_code(world):
    room = seat_delegates(world, 2)
    room.check_in_all()
    chair, secretary = login(world, "chair"), login(world, "secretary")
    assert refused(room.change(room.delegates[0], "vote.create", title="x")) == "officers_only"
    vote_id = room.create(title="Biểu quyết")
    assert refused(room.cast(0, vote_id, option="yes")) == "vote_not_open"
    assert refused(room.change(secretary, "vote.open", vote_id=vote_id)) == "chair_only"
    assert refused(room.change(room.delegates[0], "vote.close", vote_id=vote_id)) == "chair_only"
    assert refused(room.change(chair, "vote.close", vote_id=vote_id)) == "vote_not_open"
    room.open(vote_id)
    assert refused(room.change(chair, "vote.open", vote_id=vote_id)) == "vote_already_open"
    other = room.create(title="Biểu quyết khác")
    assert refused(room.change(chair, "vote.open", vote_id=other)) == "another_vote_open"
    assert refused(room.cast(0, 999_999, option="yes")) == "vote_not_found"
    assert refused(room.cast(0, vote_id, option="maybe")) == "unknown_option"
    assert refused(room.cast(0, vote_id, choices={"s1": "high"})) == "unknown_option"
    applied(room.cast(0, vote_id, option="yes"))
    assert refused(room.cast(0, vote_id, option="no")) == "already_voted"
    assert refused(room.change(chair, "vote.cancel", vote_id=vote_id)) == "vote_has_ballots"
    assert refused(room.change(login(world, "guest"), "ballot.cast", vote_id=vote_id,
                               option="yes")) == "delegates_only"
    assert refused(room.change(login(world, "admin"), "ballot.cast", vote_id=vote_id,
                               option="yes")) == "delegates_only"  # no admin bypass
    room.close(vote_id)
    assert refused(room.cast(1, vote_id, option="yes")) == "vote_closed"
    applied(room.change(secretary, "vote.cancel", vote_id=other))
    assert refused(room.cast(1, other, option="yes")) == "vote_cancelled"
    assert refused(room.change(chair, "vote.open", vote_id=other)) == "vote_cancelled"
    codes = {"officers_only", "chair_only", "vote_not_open", "vote_already_open",
             "another_vote_open", "vote_not_found", "unknown_option", "already_voted",
             "vote_has_ballots", "delegates_only", "vote_closed", "vote_cancelled"}
    assert codes <= REJECTION_CODES


def test_a_delegate_without_a_seat_cannot_vote(world):
    from app.models import MeetingSession, TermMember

    room = seat_delegates(world, 2)
    room.check_in_all()
    with world.context.sessions() as db:
        term_id = db.get(MeetingSession, world.session_id).term_id
        db.execute(update(TermMember).where(TermMember.term_id == term_id,
                                            TermMember.user_id == room.user_ids[1])
                   .values(left_on=dt.date(2026, 1, 1)))  # the seat was vacated
        db.commit()
    vote_id = room.create(title="Biểu quyết")
    opened = room.open(vote_id)
    assert (opened["eligible_count"], opened["seated_count"]) == (2, 1)
    assert refused(room.cast(1, vote_id, option="yes")) == "not_seated"


def test_a_body_may_let_delegates_change_their_ballot_before_the_close(world):
    room = seat_delegates(world, 2)
    room.check_in_all()
    with world.context.sessions() as db:
        db.execute(update(Body).values(ballot_changeable=True))
        db.commit()
    vote_id = room.create(title="Biểu quyết")
    room.open(vote_id)
    applied(room.cast(0, vote_id, option="no"))
    changed = applied(room.cast(0, vote_id, option="yes"))
    assert changed["changed"] is True
    closed = room.close(vote_id)
    assert [c["count"] for c in closed["result"]["counts"]] == [1, 0, 0]


def test_twenty_delegates_tapping_twice_at_once_give_one_ballot_each(world):
    """A double tap re-sends the same change (same client and id); a second tablet of the same
    delegate sends its own. All at once: one ballot each, and every answer says so."""
    room = seat_delegates(world, 20)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết", vote_type="secret")
    room.open(vote_id)
    start = threading.Barrier(60)

    def tap(job: tuple[int, str]) -> dict:
        index, client_id = job
        start.wait(timeout=30)
        return push_one(room.delegates[index], "ballot.cast",
                        {"session_id": room.session_id, "vote_id": vote_id, "option": "yes"},
                        client_id=client_id)

    jobs = [(i, f"tablet-{i:03d}-a") for i in range(20)] * 2 + \
        [(i, f"tablet-{i:03d}-b") for i in range(20)]
    with ThreadPoolExecutor(max_workers=60) as pool:
        answers = list(pool.map(tap, jobs))
    for i in range(20):
        mine = [answers[i], answers[20 + i], answers[40 + i]]
        first, double, other = mine
        # the double tap gets the very answer of the first, marked as a replay
        assert [a.get("replay", False) for a in (first, double)].count(True) == 1
        assert {k: v for k, v in first.items() if k != "replay"} == \
            {k: v for k, v in double.items() if k != "replay"}
        # of the two tablets, one recorded the ballot and the other was told it is recorded
        statuses = sorted([first["status"], other["status"]])
        assert statuses == ["applied", "rejected"], mine
        loser = first if first["status"] == "rejected" else other
        assert loser["error"]["code"] == "already_voted"
    with world.context.sessions() as db:
        assert db.scalar(select(func.count()).select_from(VoteParticipation)
                         .where(VoteParticipation.vote_id == vote_id)) == 20
    closed = room.close(vote_id)
    assert (closed["result"]["ballots"], closed["result"]["voters"]) == (20, 20)
    with world.context.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Ballot)
                         .where(Ballot.vote_id == vote_id)) == 20


def test_a_vote_closes_itself_when_its_countdown_ends(world):
    room = seat_delegates(world, 2)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết có thời hạn", countdown_s=60)
    opened = room.open(vote_id)
    opens = dt.datetime.fromisoformat(opened["opened_at"])
    assert dt.datetime.fromisoformat(opened["closes_at"]) - opens == dt.timedelta(seconds=60)
    applied(room.cast(0, vote_id, option="yes"))
    with world.context.sessions() as db:  # the minute is over (the server's clock decides)
        db.execute(update(Vote).where(Vote.id == vote_id).values(
            closes_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)))
        db.commit()
    import time

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        closes = [e for e in _events(room.delegates[1], room.session_id) if e["kind"] == "vote.close"]
        if closes:
            break
        time.sleep(0.1)
    assert closes and closes[0]["data"]["status"] == "closed"
    assert closes[0]["data"]["result"]["counts"][0]["count"] == 1
    assert closes[0]["origin"] is None
    assert refused(room.cast(1, vote_id, option="yes")) == "vote_closed"


def test_a_checked_in_delegate_whose_seat_was_vacated_does_not_stop_the_count(world):
    from app.models import MeetingSession, TermMember

    room = seat_delegates(world, 3)
    room.check_in_all()
    with world.context.sessions() as db:  # a seat vacated, its holder still checked in
        term_id = db.get(MeetingSession, world.session_id).term_id
        db.execute(update(TermMember).where(TermMember.term_id == term_id,
                                            TermMember.user_id == room.user_ids[2])
                   .values(left_on=dt.date(2026, 1, 1)))
        db.commit()
    vote_id = room.create(title="Biểu quyết", threshold_rule="more_than_half_present")
    room.open(vote_id)
    applied(room.cast(0, vote_id, option="yes"))
    closed = room.close(vote_id)  # counted, not refused
    assert closed["status"] == "closed" and closed["present_count"] == 2


def test_a_delegate_elected_to_a_vacated_seat_fills_it_and_the_total_stays_the_seats(world):
    from app.models import MeetingSession, TermMember

    room = seat_delegates(world, 3)
    room.check_in_all()
    with world.context.sessions() as db:  # the second left; the third was elected to that seat
        term_id = db.get(MeetingSession, world.session_id).term_id
        seats = {m.user_id: m for m in db.scalars(
            select(TermMember).where(TermMember.term_id == term_id))}
        left, successor = seats[room.user_ids[1]], seats[room.user_ids[2]]
        left.left_on = dt.date(2026, 1, 1)
        successor.replaces = left
        db.commit()
    vote_id = room.create(title="Biểu quyết sau bầu bổ sung")
    opened = room.open(vote_id)
    assert (opened["eligible_count"], opened["seated_count"]) == (2, 2)
    assert refused(room.cast(1, vote_id, option="yes")) == "not_seated"
    for index in (0, 2):
        applied(room.cast(index, vote_id, option="yes"))
    closed = room.close(vote_id)
    assert closed["passed"] is True
    assert closed["announcement"].startswith(
        "Có 2/2 đại biểu tham gia biểu quyết (chiếm 100,00% tổng số đại biểu)")


def test_a_ballot_after_the_countdown_is_refused_even_before_the_clock_closes(world):
    room = seat_delegates(world, 1)
    room.check_in_all()
    vote_id = room.create(title="Biểu quyết có thời hạn", countdown_s=60)
    room.open(vote_id)
    with world.context.sessions() as db:
        db.execute(update(Vote).where(Vote.id == vote_id).values(
            closes_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(milliseconds=1)))
        db.commit()
    assert refused(room.cast(0, vote_id, option="yes")) == "vote_closed"


def test_two_votes_opened_at_the_same_moment_one_opens_and_the_other_is_refused(world,
                                                                                monkeypatch):
    """Two server processes (PostgreSQL) may each check "no other vote is open" before either
    writes: the database's one-open-vote index decides, and the loser gets the same clear
    refusal as when it comes second. On SQLite the write lock admits one opening at a time."""
    from app.db import begin_write
    from app.models import User
    from app.services import sitting_views
    from app.services.mutations import apply_one

    room = seat_delegates(world, 2)
    votes = [room.create(title="Biểu quyết thứ nhất"), room.create(title="Biểu quyết thứ hai")]
    postgres = world.context.engine.dialect.name == "postgresql"
    both_checked = threading.Barrier(2)
    counts = sitting_views.term_counts

    def after_the_check(db, session):  # called by vote.open right after its check
        if postgres:
            both_checked.wait(timeout=10)
        return counts(db, session)

    chair_client = login(world, "chair")
    for n in range(2):  # two tablets the server knows (a new one would wait on a shared count)
        applied(push_one(chair_client, "live.set_current_item",
                         {"session_id": room.session_id, "agenda_item_id": None},
                         client_id=f"chair-tablet-{n}"))
    monkeypatch.setattr(sitting_views, "term_counts", after_the_check)

    def open_in_its_own_process(n: int) -> dict:
        with world.context.sessions() as db:
            begin_write(db)
            chair = db.scalar(select(User).where(User.username == "chair"))
            answer = apply_one(db, chair, f"chair-tablet-{n}", {
                "id": 2, "name": "vote.open",
                "args": {"session_id": room.session_id, "vote_id": votes[n]}},
                world.context.settings)
            db.commit()
            return answer

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(open_in_its_own_process, [0, 1]))
    assert sorted(a["status"] for a in answers) == ["applied", "rejected"], answers
    loser = next(a for a in answers if a["status"] == "rejected")
    assert loser["error"]["code"] == "another_vote_open"
    with world.context.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Vote).where(
            Vote.session_id == room.session_id, Vote.status == "open")) == 1
