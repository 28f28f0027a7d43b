"""A whole sitting with 52 delegates, through the real server and 52 real sync engines:
check-in, a debate with timers, an open, a named and a secret vote, every replica with the
same results."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from app import protocol as p
from app.protocol import mutations as m
from tests.sync.engine_helpers import entities, make_engine, wait_until
from tests.sync.sitting_helpers import seat_delegates

DELEGATES = 52


def _on_every(engines, session_id, predicate, what, timeout=30.0):
    wait_until(lambda: all(predicate(engine.view(session_id)) for engine in engines),
               timeout=timeout, what=what)


def _vote(view, vote_id):
    return view.get((p.ENTITY_VOTE, str(vote_id)), {})


# The same sitting on both databases takes 40 s; `make test` runs it on the production one
# (PostgreSQL), `make test-all` on both.
@pytest.mark.parametrize("db_url", [pytest.param("sqlite", marks=pytest.mark.slow), "postgresql"],
                         indirect=True)
def test_a_sitting_of_52_delegates_on_52_tablets(world, tmp_path):
    room = seat_delegates(world, DELEGATES, prefix="dbs")
    session_id = room.session_id
    usernames = ["delegate"] + [f"dbs{n:03d}" for n in range(DELEGATES - 1)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        made = list(pool.map(lambda name: make_engine(world.url, name, tmp_path), usernames))
    tablets = [engine for engine, _recorder in made]
    chair, _ = make_engine(world.url, "chair", tmp_path)
    secretary, _ = make_engine(world.url, "secretary", tmp_path)
    everyone = tablets + [chair, secretary]
    try:
        for engine in everyone:
            engine.follow(session_id)
        wait_until(lambda: all(e.status.state == "online" for e in everyone), what="online")
        # check-in through each tablet's outbox; the chair sees the quorum
        for engine in tablets:
            engine.mutate(m.AttendanceCheckIn(session_id=session_id))
        _on_every([chair], session_id, lambda v: sum(
            1 for (e, _k), d in v.items() if e == p.ENTITY_ATTENDANCE and d["status"] == "present"
        ) == DELEGATES, "every check-in on the chair's tablet")
        roster = chair.view(session_id)[(p.ENTITY_ROSTER, p.ROSTER_KEY)]
        assert roster["total_delegates"] == DELEGATES

        # a debate: three requests, the floor with the body's time limit, on every tablet
        keys = [str(uuid.uuid4()) for _ in range(3)]
        for index, key in enumerate(keys):
            tablets[index].mutate(m.SpeakerRequest(session_id=session_id, uuid=key))
        _on_every([chair], session_id, lambda v: all((p.ENTITY_SPEAKER, k) in v for k in keys),
                  "the requests on the chair's tablet")
        chair.mutate(m.SpeakerGrant(session_id=session_id, uuid=keys[0]))
        chair.mutate(m.SpeakerGrant(session_id=session_id, uuid=keys[1], time_limit_s=120))
        _on_every(everyone, session_id, lambda v: v[(p.ENTITY_SPEAKER, keys[1])]["status"]
                  == "speaking" and v[(p.ENTITY_SPEAKER, keys[0])]["status"] == "done",
                  "the second speaker on every tablet")
        speaking = entities(tablets[-1], session_id, p.ENTITY_SPEAKER)[keys[1]]
        assert speaking["time_limit_s"] == 120 and speaking["started_at"]
        chair.mutate(m.SpeakerEnd(session_id=session_id, uuid=keys[1]))

        plans = {"open": ["yes"] * 40 + ["no"] * 8 + ["abstain"] * 3,  # one does not vote
                 "named": ["yes"] * 26 + ["no"] * 26,  # exactly half: does not pass
                 "secret": ["yes"] * 30 + ["no"] * 20 + ["abstain"] * 2}
        results = {}
        for vote_type, plan in plans.items():
            created = secretary.call_online(m.VoteCreate(
                session_id=session_id, title=f"Biểu quyết ({vote_type})", vote_type=vote_type))
            vote_id = created["result"]["id"]
            chair.call_online(m.VoteOpen(session_id=session_id, vote_id=vote_id))
            # the ballot appears on every tablet
            _on_every(tablets, session_id, lambda v: _vote(v, vote_id).get("status") == "open",
                      f"the {vote_type} vote open on every tablet")
            with ThreadPoolExecutor(max_workers=26) as pool:
                answers = list(pool.map(
                    lambda job: tablets[job[0]].votes.cast(m.BallotCast(
                        session_id=session_id, vote_id=vote_id, option=job[1])),
                    enumerate(plan)))
            assert [a["status"] for a in answers] == ["applied"] * len(plan)
            mine = tablets[0].view(session_id)[(p.ENTITY_BALLOT, str(vote_id))]
            assert mine["voted"] is True and bool(mine["tracker"]) == (vote_type == "secret")
            # the live count reaches every tablet before the close (never who voted how)
            _on_every(everyone, session_id,
                      lambda v: _vote(v, vote_id).get("ballots") == len(plan),
                      f"the live count of the {vote_type} vote")
            voted = _vote(chair.view(session_id), vote_id).get("voted")
            assert (voted is None) == (vote_type == "secret")  # names for the chair, if not secret
            assert "voted" not in _vote(tablets[5].view(session_id), vote_id)
            chair.call_online(m.VoteClose(session_id=session_id, vote_id=vote_id))
            _on_every(everyone, session_id, lambda v: _vote(v, vote_id).get("status") == "closed",
                      f"the {vote_type} result on every tablet")
            seen = {repr(_vote(e.view(session_id), vote_id)["result"]) for e in everyone}
            assert len(seen) == 1  # one result, the same on every replica
            results[vote_type] = _vote(chair.view(session_id), vote_id)
        assert results["open"]["passed"] is True
        assert results["open"]["announcement"].startswith(
            "Có 51/52 đại biểu tham gia biểu quyết (chiếm 98,08% tổng số đại biểu); "
            "40 đại biểu tán thành (chiếm 76,92%), 8 đại biểu không tán thành (chiếm 15,38%), "
            "3 đại biểu không biểu quyết (chiếm 5,77%).")
        named = results["named"]["result"]["named"]
        assert results["named"]["passed"] is False and sum(map(len, named.values())) == 52
        secret_id = str(results["secret"]["id"])
        assert results["secret"]["passed"] is True
        # the published box reaches every tablet, and each voter's code is in it
        _on_every(everyone, session_id, lambda v: (p.ENTITY_BALLOT_BOX, secret_id) in v,
                  "the ballot box on every tablet")
        box = tablets[0].view(session_id)[(p.ENTITY_BALLOT_BOX, secret_id)]
        assert box["codes"] == len(box["trackers"]) == 52
        assert all(t.view(session_id)[(p.ENTITY_BALLOT, secret_id)]["tracker"] in box["trackers"]
                   for t in tablets)
    finally:
        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(lambda engine: engine.stop(), everyone))
