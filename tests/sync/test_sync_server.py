"""The sync protocol on the server: exactly-once mutations, the event log, pull, push, audiences."""
from __future__ import annotations

import json
import uuid

import httpx
import pytest

from tests.sync.engine_helpers import ws_connect
from tests.sync.test_server_api import login


def push(client: httpx.Client, client_id: str, *mutations: tuple[int, str, dict]) -> dict:
    body = {"client_id": client_id,
            "mutations": [{"id": i, "name": n, "args": a} for i, n, a in mutations]}
    response = client.post("/mutations", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def note(world, text="Ghi chú", key=None) -> dict:
    return {"session_id": world.session_id, "uuid": key or str(uuid.uuid4()), "text": text}


def test_a_mutation_is_applied_once_and_a_replay_gets_the_same_answer(world):
    delegate = login(world, "delegate")
    change = note(world, "Hỏi về ngân sách")
    first = push(delegate, "tablet-0001", (1, "note.put", change))
    answer = first["answers"][0]
    assert answer["status"] == "applied" and answer["result"]["text"] == "Hỏi về ngân sách"
    replay = push(delegate, "tablet-0001", (1, "note.put", change))["answers"][0]
    assert replay["replay"] is True and replay["result"] == answer["result"]
    pulled = delegate.get(f"/sessions/{world.session_id}/events", params={"since": 0}).json()
    assert [e["kind"] for e in pulled["events"]] == ["note.put"]  # not applied twice
    assert pulled["events"][0]["origin"] == ["tablet-0001", 1]


def test_another_change_under_a_used_id_is_a_diverged_client_and_is_not_applied(world):
    """A restored or copied tablet reuses ids: its new change must not be swallowed as a replay."""
    delegate = login(world, "delegate")
    push(delegate, "tablet-0006", (1, "note.put", note(world, "trên máy A")))
    other = note(world, "trên máy B (bản sao)")
    answers = push(delegate, "tablet-0006", (1, "note.put", other), (2, "note.put", note(world)))
    assert answers["answers"][0]["status"] == "client_diverged"
    assert answers["answers"][0]["error"]["code"] == "client_diverged"
    assert len(answers["answers"]) == 1  # processing stopped there: nothing after it applied
    texts = [e["data"]["text"] for e in delegate.get(
        f"/sessions/{world.session_id}/events").json()["events"]]
    assert texts == ["trên máy A"]
    moved = push(delegate, "tablet-0006-new", (1, "note.put", other))["answers"][0]
    assert moved["status"] == "applied" and moved["result"]["text"] == "trên máy B (bản sao)"


def test_mutations_apply_in_order_per_client(world):
    delegate = login(world, "delegate")
    first = push(delegate, "tablet-0002", (1, "note.put", note(world)))["answers"]
    assert first[0]["status"] == "applied"
    gap = push(delegate, "tablet-0002", (3, "note.put", note(world)))["answers"]
    assert gap == [{"id": 3, "status": "out_of_order", "expected": 2}]
    both = push(delegate, "tablet-0002", (2, "note.put", note(world)), (3, "note.put", note(world)))
    assert [a["status"] for a in both["answers"]] == ["applied", "applied"]


def test_a_new_client_id_starts_at_the_tablets_own_numbering(world):
    """A tablet that had to take a new identity keeps counting its changes from where it is."""
    delegate = login(world, "delegate")
    answers = push(delegate, "tablet-0007", (41, "note.put", note(world)),
                   (42, "note.put", note(world)))["answers"]
    assert [a["status"] for a in answers] == ["applied", "applied"]
    gap = push(delegate, "tablet-0007", (44, "note.put", note(world)))["answers"]
    assert gap == [{"id": 44, "status": "out_of_order", "expected": 43}]


def test_a_rejected_mutation_says_why_and_is_consumed(world):
    delegate = login(world, "delegate")
    answers = push(delegate, "tablet-0003",
                   (1, "live.set_current_item", {"session_id": world.session_id, "agenda_item_id": None}),
                   (2, "note.put", note(world)))["answers"]
    assert answers[0]["status"] == "rejected" and answers[0]["error"]["code"] == "chair_only"
    assert answers[1]["status"] == "applied"
    events = delegate.get(f"/sessions/{world.session_id}/events").json()["events"]
    assert [e["kind"] for e in events] == ["note.put"]  # the rejected one left no trace


def test_another_user_cannot_use_a_client_id(world):
    push(login(world, "delegate"), "tablet-0004", (1, "note.put", note(world)))
    response = login(world, "chair").post("/mutations", json={
        "client_id": "tablet-0004", "mutations": [{"id": 2, "name": "note.put", "args": note(world)}]})
    assert response.status_code == 403 and response.json()["error"]["code"] == "client_mismatch"


@pytest.mark.parametrize("body,reason", [
    ({"client_id": "x", "mutations": []}, "client_id"),
    ({"client_id": "tablet-0005", "mutations": []}, "mutations"),
    ({"client_id": "tablet-0005", "mutations": [{"id": "1", "name": "note.put"}]}, "integer id"),
    ({"client_id": "tablet-0005", "mutations": [{"id": 1, "name": "note.put", "args": {}},
                                                {"id": 3, "name": "note.put", "args": {}}]}, "consecutive"),
    ([1, 2], "JSON object"),
])
def test_malformed_pushes_get_422_with_a_reason(world, body, reason):
    response = login(world, "delegate").post("/mutations", json=body)
    assert response.status_code == 422 and reason in response.json()["error"]["message"]


def test_an_oversized_push_gets_413(world):
    response = login(world, "delegate").post("/mutations", content=b"x" * (7 * 1024 * 1024))
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_private_events_reach_only_their_owner_and_cursors_skip_them(world):
    delegate, chair = login(world, "delegate"), login(world, "chair")
    push(delegate, "tablet-0006", (1, "note.put", note(world, "riêng tư")))
    push(chair, "tablet-0007",
         (1, "live.set_current_item", {"session_id": world.session_id, "agenda_item_id": None}))
    mine = delegate.get(f"/sessions/{world.session_id}/events").json()
    theirs = chair.get(f"/sessions/{world.session_id}/events").json()
    assert [e["kind"] for e in mine["events"]] == ["note.put", "live.current_item"]
    assert [e["kind"] for e in theirs["events"]] == ["live.current_item"]
    assert mine["cursor"] == theirs["cursor"] == 2
    assert all("riêng tư" not in json.dumps(e) for e in theirs["events"])


def test_shared_annotations_on_confidential_documents_skip_guests(world):
    delegate, guest = login(world, "delegate"), login(world, "guest")
    shared = {"session_id": world.session_id, "uuid": str(uuid.uuid4()),
              "document_id": world.docs["confidential"]["id"], "page_index": 0, "kind": "note",
              "data": {"x": 0.1, "y": 0.2}, "text": "Lưu ý", "shared": True}
    assert push(delegate, "tablet-0008", (1, "annotation.put", shared))["answers"][0]["status"] == "applied"
    assert guest.get(f"/sessions/{world.session_id}/events").json()["events"] == []
    snapshot = guest.get(f"/sessions/{world.session_id}/snapshot").json()
    assert not [e for e in snapshot["entities"] if e["entity"] == "annotation"]
    chair_snapshot = login(world, "chair").get(f"/sessions/{world.session_id}/snapshot").json()
    assert [e["data"]["text"] for e in chair_snapshot["entities"] if e["entity"] == "annotation"] == ["Lưu ý"]
    # a guest may not annotate what it may not read
    answer = push(guest, "tablet-0009", (1, "annotation.put", dict(shared, uuid=str(uuid.uuid4()))))
    assert answer["answers"][0]["error"]["code"] == "forbidden"


def test_snapshot_holds_the_agenda_documents_and_live_state(world):
    snapshot = login(world, "delegate").get(f"/sessions/{world.session_id}/snapshot").json()
    kinds = sorted({e["entity"] for e in snapshot["entities"]})
    assert kinds == ["agenda_item", "document", "live", "roster", "session"]
    assert snapshot["cursor"] == 0


def _ws(world, client: httpx.Client):
    token = client.headers["Authorization"].split()[1]
    return ws_connect(world.url, token)


def test_subscribers_get_pushed_events_and_hidden_stubs(world):
    delegate, guest, chair = login(world, "delegate"), login(world, "guest"), login(world, "chair")
    with _ws(world, delegate) as ws_delegate, _ws(world, guest) as ws_guest:
        for ws in (ws_delegate, ws_guest):
            assert json.loads(ws.recv(timeout=5))["type"] == "hello"
            ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
            assert json.loads(ws.recv(timeout=5)) == {"type": "subscribed",
                                                     "session_id": world.session_id, "cursor": 0,
                                                     "head": 0}
        push(chair, "tablet-0010",
             (1, "live.set_current_item", {"session_id": world.session_id, "agenda_item_id": None}))
        push(delegate, "tablet-0011", (1, "note.put", note(world, "của tôi")))
        first = [json.loads(ws_delegate.recv(timeout=5)) for _ in range(2)]
        assert [m["seq"] for m in first] == [1, 2]
        assert first[1]["event"]["data"]["text"] == "của tôi"
        guest_messages = [json.loads(ws_guest.recv(timeout=5)) for _ in range(2)]
        assert guest_messages[0]["event"]["kind"] == "live.current_item"
        assert guest_messages[1] == {"type": "event", "session_id": world.session_id, "seq": 2,
                                     "hidden": True}


def test_subscribing_to_a_session_one_may_not_see_is_an_error(world):
    outsider = login(world, "outsider")
    with _ws(world, outsider) as ws:
        ws.recv(timeout=5)
        ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        assert json.loads(ws.recv(timeout=5))["code"] == "not_found"


def test_revoking_a_users_tokens_closes_their_live_connection(world):
    from app.services.auth import revoke_all_for_user
    from app.models import User
    from sqlalchemy import select
    from websockets.exceptions import ConnectionClosed

    delegate = login(world, "delegate")
    with _ws(world, delegate) as ws:
        ws.recv(timeout=5)
        with world.context.sessions() as db:
            user_id = db.scalar(select(User.id).where(User.username == "delegate"))
            revoke_all_for_user(db, user_id)
            db.commit()
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd.code == 4401


def test_an_event_committed_without_any_notification_arrives_by_the_periodic_check(world):
    from app.services import events

    with _ws(world, login(world, "delegate")) as ws:
        ws.recv(timeout=5)
        ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        ws.recv(timeout=5)
        with world.context.sessions() as db:
            events.append(db, world.session_id, "live.current_item", "live", "state", "upsert",
                          {"current_agenda_item_id": None, "presenter": None}, "all")
            db.commit()
        assert json.loads(ws.recv(timeout=6))["seq"] == 1


def test_rights_are_per_session_a_chair_cannot_reach_into_another(world):
    """A request to speak of the draft session cannot be changed by naming another session."""
    from sqlalchemy import select

    from app.models import SpeakerRequest

    secretary, chair = login(world, "secretary"), login(world, "chair")
    key = str(uuid.uuid4())
    made = push(chair, "chair-0001", (1, "speaker.request", {
        "session_id": world.draft_session_id, "uuid": key, "kind": "speech"}))["answers"][0]
    assert made["status"] == "applied"
    # the delegate is chair nowhere; the secretary is not chair either: both refused, and
    # naming a session where one does hold rights does not reach this request
    moved = push(secretary, "secr-0001", (1, "speaker.set_status", {
        "session_id": world.session_id, "uuid": key, "status": "done"}))["answers"][0]
    assert moved["status"] == "rejected"
    moved = push(chair, "chair-0001", (2, "speaker.set_status", {
        "session_id": world.session_id, "uuid": key, "status": "done"}))["answers"][0]
    assert moved["error"]["code"] == "not_found"
    with world.context.sessions() as db:
        assert db.scalar(select(SpeakerRequest.status).where(SpeakerRequest.uuid == key)).value == "waiting"


def test_many_tablets_pushing_at_once_are_all_served(world):
    """The whole room taps at once (a vote opens): no push waits for a database connection
    held by another."""
    from concurrent.futures import ThreadPoolExecutor

    token = login(world, "delegate").headers["Authorization"]

    def one(index: int) -> int:
        body = {"client_id": f"room-tablet-{index:04d}", "mutations": [
            {"id": 1, "name": "note.put", "args": note(world, f"ghi chú {index}")}]}
        return httpx.post(world.url + "/api/v1/mutations", json=body, timeout=20,
                          headers={"Authorization": token}).status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(one, range(40)))
    assert codes == [200] * 40


def test_an_oversized_change_is_refused_alone_and_the_next_ones_go_through(world):
    delegate = login(world, "delegate")
    answers = push(delegate, "tablet-big1", (1, "note.put", note(world, "ô" * 40_000)),
                   (2, "note.put", note(world, "ngắn")))["answers"]
    assert answers[0]["status"] == "rejected" and answers[0]["error"]["code"] == "too_large"
    assert answers[1]["status"] == "applied"


def test_a_removed_role_stops_the_live_events_within_the_periodic_check(world):
    from sqlalchemy import delete, select

    from app.models import SessionRoleGrant, User

    delegate, chair = login(world, "delegate"), login(world, "chair")
    with _ws(world, delegate) as ws:
        ws.recv(timeout=5)
        ws.send(json.dumps({"type": "subscribe", "session_id": world.session_id}))
        ws.recv(timeout=5)
        with world.context.sessions() as db:
            user_id = db.scalar(select(User.id).where(User.username == "delegate"))
            db.execute(delete(SessionRoleGrant).where(SessionRoleGrant.user_id == user_id))
            db.commit()
        notice = json.loads(ws.recv(timeout=6))
        assert notice["type"] == "error" and notice["code"] == "not_found"
        push(chair, "chair-0101", (1, "live.set_current_item",
                                   {"session_id": world.session_id, "agenda_item_id": None}))
        ws.send(json.dumps({"type": "ping", "id": 5}))
        assert json.loads(ws.recv(timeout=5)) == {"type": "pong", "id": 5}  # no event came first


def test_an_id_below_where_a_client_id_started_is_never_answered_applied(world):
    """A new client id starting at 6 never saw id 5: a 5 arriving later is no replay."""
    delegate = login(world, "delegate")
    push(delegate, "tablet-start6", (6, "note.put", note(world, "sáu")))
    answer = push(delegate, "tablet-start6", (5, "note.put", note(world, "năm")))["answers"][0]
    assert answer["status"] == "client_diverged"
    texts = [e["data"]["text"] for e in delegate.get(
        f"/sessions/{world.session_id}/events").json()["events"]]
    assert texts == ["sáu"]


def test_nan_and_infinity_are_not_json(world):
    body = ('{"client_id": "tablet-nan01", "mutations": [{"id": 1, "name": "annotation.put", '
            '"args": {"session_id": %d, "uuid": "%s", "document_id": %d, "page_index": 0, '
            '"kind": "ink", "data": {"x": NaN, "y": Infinity}}}]}'
            % (world.session_id, uuid.uuid4(), world.docs["public"]["id"]))
    response = login(world, "delegate").post("/mutations", content=body.encode(),
                                             headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and "NaN" in response.json()["error"]["message"]


def test_a_closed_session_keeps_what_was_shared_with_it(world):
    from app.models import MeetingSession, SessionStatus

    delegate = login(world, "delegate")
    key = str(uuid.uuid4())
    mark = {"session_id": world.session_id, "uuid": key, "page_index": 0, "kind": "note",
            "document_id": world.docs["public"]["id"], "text": "chia sẻ", "shared": True}
    assert push(delegate, "tablet-keep1", (1, "annotation.put", mark))["answers"][0]["status"] \
        == "applied"
    with world.context.sessions() as db:
        db.get(MeetingSession, world.session_id).status = SessionStatus.CLOSED
        db.commit()
    answers = push(delegate, "tablet-keep1", (2, "annotation.put", dict(mark, shared=False)),
                   (3, "annotation.delete", {"session_id": world.session_id, "uuid": key}))
    assert [a["error"]["code"] for a in answers["answers"]] == ["session_closed"] * 2
