"""A server killed (SIGKILL) between a ballot's commit and its answer neither loses nor
duplicates the ballot: the retry gets the stored answer, the secret vote's key survives the
restart, and the count at the close is exact (SQLite and PostgreSQL, a real server process)."""
from __future__ import annotations

import httpx
from sqlalchemy import func, select

from app.config import PasswordPolicy, Settings
from app.db import upgrade
from app.models import VoteParticipation
from sync.server.context import ServerContext
from sync.server.runner import free_port
from tests.sync.conftest import PASSWORD, build_world
from tests.sync.server_process import ServerProcess


def _client(url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=url + "/api/v1", timeout=20)
    token = client.post("/auth/login", json={"username": username, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    return client


def _push(client: httpx.Client, client_id: str, mutation_id: int, name: str, args: dict) -> dict:
    body = {"client_id": client_id, "mutations": [{"id": mutation_id, "name": name, "args": args}]}
    return client.post("/mutations", json=body).json()["answers"][0]


def test_a_ballot_committed_by_a_server_killed_before_answering_is_kept_once(db_url, tmp_path):
    upgrade(db_url)
    data_dir = tmp_path / "data"
    context = ServerContext.from_settings(Settings(
        database_url=db_url, data_dir=data_dir, password_policy=PasswordPolicy.fast_for_tests()))
    world = build_world(context, tmp_path)
    server = ServerProcess(db_url, data_dir, free_port(), tmp_path).start()
    try:
        session = world.session_id
        delegate, chair, secretary = (_client(server.url, n)
                                      for n in ("delegate", "chair", "secretary"))
        assert _push(delegate, "tablet-d-1", 1, "attendance.check_in",
                     {"session_id": session})["status"] == "applied"
        vote = _push(secretary, "tablet-s-1", 1, "vote.create", {
            "session_id": session, "title": "Bỏ phiếu kín", "vote_type": "secret"})
        vote_id = vote["result"]["id"]
        assert _push(chair, "direct-chair-1", 1, "vote.open",
                     {"session_id": session, "vote_id": vote_id})["status"] == "applied"

        ballot = {"session_id": session, "vote_id": vote_id, "option": "yes"}
        server.arm_kill()
        try:
            _push(delegate, "direct-delegate-1", 1, "ballot.cast", ballot)
            raise AssertionError("the server answered although it was to be killed")
        except httpx.HTTPError:
            pass  # the connection died with the server: the tablet does not know the outcome
        server.wait_killed()
        server.start()
        delegate, chair = _client(server.url, "delegate"), _client(server.url, "chair")
        again = _push(delegate, "direct-delegate-1", 1, "ballot.cast", ballot)
        assert again["status"] == "applied" and again["replay"] is True  # the stored answer
        assert again["result"]["recorded"] is True and again["result"]["tracker"]
        second = _push(delegate, "direct-delegate-1", 2, "ballot.cast", dict(ballot, option="no"))
        assert second["error"]["code"] == "already_voted"  # a new tap is not a second ballot
        closed = _push(chair, "direct-chair-1", 2, "vote.close",
                       {"session_id": session, "vote_id": vote_id})
        assert closed["status"] == "applied", closed
        result = closed["result"]["result"]
        assert (result["voters"], result["ballots"]) == (1, 1)
        assert result["counts"][0]["count"] == 1
        events = chair.get(f"/sessions/{session}/events", params={"since": 0}).json()["events"]
        boxes = [e["data"] for e in events if e["entity"] == "ballot_box"]
        assert [b["trackers"] for b in boxes] == [[again["result"]["tracker"]]]
        with context.sessions() as db:
            assert db.scalar(select(func.count()).select_from(VoteParticipation)) == 1
    finally:
        server.stop()
        context.engine.dispose()
