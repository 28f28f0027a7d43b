"""Running a sitting through the real server's API: a room of delegates with seats, votes
created by the secretary and opened by the chair, check-ins, ballots."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import httpx
from sqlalchemy import select

from app.models import MeetingSession, SessionRole, SessionRoleGrant, TermMember, User
from app.services.users import create_user
from tests.sync.conftest import PASSWORD
from tests.sync.test_server_api import login


def push_one(client: httpx.Client, name: str, args: dict, client_id: str | None = None,
             mutation_id: int = 1) -> dict:
    """One change under a fresh (or given) client id; its answer."""
    body = {"client_id": client_id or f"t-{uuid.uuid4().hex[:20]}",
            "mutations": [{"id": mutation_id, "name": name, "args": args}]}
    response = client.post("/mutations", json=body)
    assert response.status_code == 200, response.text
    return response.json()["answers"][0]


def applied(answer: dict) -> dict:
    assert answer["status"] == "applied", answer
    return answer["result"]


def refused(answer: dict) -> str:
    assert answer["status"] == "rejected", answer
    return answer["error"]["code"]


@dataclass
class Room:
    world: object
    delegates: list[httpx.Client] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def session_id(self) -> int:
        return self.world.session_id

    def change(self, client: httpx.Client, name: str, **args) -> dict:
        return push_one(client, name, dict(args, session_id=self.session_id))

    def check_in_all(self) -> None:
        for client in self.delegates:
            applied(self.change(client, "attendance.check_in"))

    def world_secretary(self) -> httpx.Client:
        return login(self.world, "secretary")

    def create(self, **args) -> int:
        return applied(self.change(self.world_secretary(), "vote.create", **args))["id"]

    def open(self, vote_id: int) -> dict:
        return applied(self.change(login(self.world, "chair"), "vote.open", vote_id=vote_id))

    def close(self, vote_id: int) -> dict:
        return applied(self.change(login(self.world, "chair"), "vote.close", vote_id=vote_id))

    def ballot_box(self, vote_id: int, client: httpx.Client | None = None) -> dict:
        """A closed secret vote's published box, as a tablet receives it: from the events."""
        client = client or self.delegates[0]
        events = client.get(f"/sessions/{self.session_id}/events",
                            params={"since": 0, "limit": 2000}).json()["events"]
        boxes = [e["data"] for e in events
                 if e["entity"] == "ballot_box" and e["key"] == str(vote_id)]
        assert len(boxes) == 1, boxes
        return boxes[0]

    def cast(self, index: int, vote_id: int, **ballot) -> dict:
        return self.change(self.delegates[index], "ballot.cast", vote_id=vote_id, **ballot)


def seat_delegates(world, count: int, prefix: str = "db") -> Room:
    """`count` more delegates of the world's published session, each with a seat of the term
    and a logged-in client (with the world's own delegate first)."""
    context = world.context
    room = Room(world=world)
    with context.sessions() as db:
        session = db.get(MeetingSession, world.session_id)
        names = ["delegate"]
        for n in range(count - 1):
            username = f"{prefix}{n:03d}"
            user = create_user(db, context.passwords, username, PASSWORD,
                               f"Đại biểu {n + 1:03d}")
            db.flush()
            db.add(TermMember(term_id=session.term_id, user_id=user.id))
            db.add(SessionRoleGrant(session_id=session.id, user_id=user.id,
                                    role=SessionRole.DELEGATE, seat=str(n + 2)))
            names.append(username)
        db.commit()
        ids = {u.username: (u.id, u.full_name) for u in db.scalars(
            select(User).where(User.username.in_(names)))}
    for username in names:
        room.delegates.append(login(world, username))
        room.user_ids.append(ids[username][0])
        room.names.append(ids[username][1])
    return room
