"""The HTTP API against a real server: login, tokens, role checks on every route, files."""
from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from app.models import AuthToken
from tests.sync.conftest import PASSWORD


def login(world, username: str) -> httpx.Client:
    client = httpx.Client(base_url=world.url + "/api/v1", timeout=10)
    response = client.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['token']}"
    return client


def test_login_gives_a_token_that_expires_and_names_the_user(world):
    response = httpx.post(world.url + "/api/v1/auth/login",
                          json={"username": "delegate", "password": PASSWORD})
    body = response.json()
    assert response.status_code == 200
    assert body["user"]["username"] == "delegate" and body["user"]["is_admin"] is False
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert dt.timedelta(hours=1) < expires - dt.datetime.now(dt.timezone.utc) < dt.timedelta(days=1)
    with world.context.sessions() as db:  # only the hash of the token is stored
        stored = db.scalars(select(AuthToken.token_sha256)).all()
    assert body["token"] not in stored and len(stored) == 1


@pytest.mark.parametrize("username,password", [("delegate", "sai-mat-khau"), ("nobody", PASSWORD)])
def test_wrong_credentials_get_the_same_401(world, username, password):
    response = httpx.post(world.url + "/api/v1/auth/login",
                          json={"username": username, "password": password})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_login_is_rate_limited(world):
    codes = [httpx.post(world.url + "/api/v1/auth/login",
                        json={"username": "delegate", "password": "x"}).status_code
             for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_every_api_route_requires_a_token(world):
    open_routes = {"/api/v1/auth/login", "/api/v1/health"}
    paths = httpx.get(world.url + "/openapi.json").json()["paths"]
    assert len(paths) >= 9
    for path, operations in paths.items():
        if path in open_routes:
            continue
        concrete = path.replace("{session_id}", str(world.session_id)) \
            .replace("{document_id}", "1").replace("{sha256}", "0" * 64)
        for method in operations:
            response = httpx.request(method.upper(), world.url + concrete)
            assert response.status_code == 401, (method, path)
            assert response.json()["error"]["code"] == "token_invalid"


def test_logout_revokes_the_token(world):
    client = login(world, "delegate")
    assert client.get("/auth/me").status_code == 200
    assert client.post("/auth/logout").status_code == 204
    response = client.get("/auth/me")
    assert response.status_code == 401 and response.json()["error"]["code"] == "token_invalid"


def test_an_expired_token_is_refused(world):
    client = login(world, "delegate")
    with world.context.sessions() as db:
        for token in db.scalars(select(AuthToken)):
            token.expires_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
        db.commit()
    response = client.get("/sessions")
    assert response.status_code == 401 and response.json()["error"]["code"] == "token_expired"


def test_sessions_are_listed_by_role(world):
    titles = {name: [s["title"] for s in login(world, name).get("/sessions").json()]
              for name in ("delegate", "secretary", "outsider", "admin")}
    assert titles["delegate"] == ["Kỳ họp thứ Tư"]  # a draft is the secretary's
    assert sorted(titles["secretary"]) == sorted(["Kỳ họp thứ Tư", "Kỳ họp chuyên đề (dự thảo)"])
    assert titles["outsider"] == []
    assert len(titles["admin"]) == 2
    mine = login(world, "delegate").get("/sessions").json()[0]
    assert mine["my_roles"] == ["delegate"] and mine["body_name"] == "Hội đồng nhân dân tỉnh Đắk Lắk"


def test_agenda_is_a_tree_with_the_documents_each_role_may_read(world):
    def documents(name):
        agenda = login(world, name).get(f"/sessions/{world.session_id}/agenda").json()
        assert [i["label"] for i in agenda] == ["1"]
        assert [c["label"] for c in agenda[0]["children"]] == ["1.1"]
        return sorted(d["confidentiality"] for d in agenda[0]["children"][0]["documents"])

    assert documents("delegate") == ["confidential", "internal", "public"]
    assert documents("guest") == ["public"]


def test_outsiders_and_drafts_look_like_nothing_exists(world):
    outsider, delegate = login(world, "outsider"), login(world, "delegate")
    assert outsider.get(f"/sessions/{world.session_id}/agenda").status_code == 404
    assert delegate.get(f"/sessions/{world.draft_session_id}/agenda").status_code == 404
    assert login(world, "secretary").get(f"/sessions/{world.draft_session_id}/agenda").status_code == 200
    assert delegate.get("/sessions/999999/agenda").json()["error"]["code"] == "not_found"


def test_participants_are_not_for_guests(world):
    assert login(world, "guest").get(f"/sessions/{world.session_id}/participants").status_code == 403
    people = login(world, "chair").get(f"/sessions/{world.session_id}/participants").json()
    assert {p["role"] for p in people} == {"delegate", "chair", "secretary", "guest"}


def test_files_are_served_only_to_those_who_may_read_them(world):
    confidential = world.docs["confidential"]["sha256"]
    delegate, guest = login(world, "delegate"), login(world, "guest")
    response = delegate.get(f"/files/{confidential}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    import hashlib

    assert hashlib.sha256(response.content).hexdigest() == confidential
    assert guest.get(f"/files/{confidential}").status_code == 404
    assert guest.get(f"/files/{world.docs['public']['sha256']}").status_code == 200
    # unreadable answers like nonexistent: nothing tells that it exists
    unreadable = guest.get(f"/documents/{world.docs['confidential']['id']}")
    assert unreadable.status_code == 404 and unreadable.json() == guest.get("/documents/999999").json()
    assert delegate.get("/files/not-a-hash").status_code == 400


def test_files_support_http_range_for_resumable_downloads(world):
    sha = world.docs["public"]["sha256"]
    client = login(world, "delegate")
    whole = client.get(f"/files/{sha}").content
    part = client.get(f"/files/{sha}", headers={"Range": "bytes=10-19"})
    assert part.status_code == 206 and part.content == whole[10:20]


def test_malformed_requests_get_a_clear_4xx(world):
    response = httpx.post(world.url + "/api/v1/auth/login", json={"username": "x"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert "password" in response.json()["error"]["message"]
    response = httpx.post(world.url + "/api/v1/auth/login", content=b"{not json",
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert httpx.get(world.url + "/api/v1/nothing-here").json()["error"]["code"] == "not_found"


def test_health_and_openapi(world):
    health = httpx.get(world.url + "/api/v1/health").json()
    assert health["status"] == "ok" and health["schema_revision"]
    spec = httpx.get(world.url + "/openapi.json").json()
    assert "/api/v1/sessions/{session_id}/agenda" in spec["paths"]
