"""sync/client.py against answers a real server would never give: every failure is an ApiError
with a code the UI can explain, and a failed download leaves nothing behind."""
from __future__ import annotations

import hashlib

import httpx
import pytest

from sync.client import ApiClient, ApiError, AuthError


def _client(handler) -> ApiClient:
    return ApiClient("https://server.invalid", transport=httpx.MockTransport(handler))


def test_an_answer_of_the_wrong_shape_is_bad_response():
    client = _client(lambda request: httpx.Response(200, json={"no_token": True}))
    with pytest.raises(ApiError) as error:
        client.login("a", "b")
    assert error.value.code == "bad_response"
    client = _client(lambda request: httpx.Response(200, json=[{"id": 1}]))
    with pytest.raises(ApiError, match="unexpected answer") as error:
        client.sessions()
    assert error.value.code == "bad_response"


def test_error_bodies_become_coded_errors():
    body = {"error": {"code": "invalid_credentials", "message": "wrong user name or password"}}
    client = _client(lambda request: httpx.Response(401, json=body))
    with pytest.raises(AuthError) as error:
        client.login("a", "b")
    assert (error.value.code, error.value.status) == ("invalid_credentials", 401)


def test_a_download_with_the_wrong_hash_is_discarded(tmp_path):
    client = _client(lambda request: httpx.Response(200, content=b"%PDF-1.7 forged"))
    with pytest.raises(ApiError) as error:
        client.download_file("a" * 64, tmp_path)
    assert error.value.code == "integrity"
    assert list(tmp_path.iterdir()) == []


def test_a_download_is_cached_and_verified(tmp_path):
    content = b"%PDF-1.7 real"
    sha = hashlib.sha256(content).hexdigest()
    calls = []

    def handler(request):
        calls.append(request.url.path)
        return httpx.Response(200, content=content)

    client = _client(handler)
    seen = []
    path = client.download_file(sha, tmp_path, progress=lambda done, total: seen.append(done))
    assert path.read_bytes() == content and seen[-1] == len(content)
    assert client.download_file(sha, tmp_path) == path
    assert calls == [f"/api/v1/files/{sha}"]  # the second time came from the cache
    assert [p.name for p in tmp_path.iterdir()] == [f"{sha}.pdf"]


def test_a_download_into_an_unwritable_place_is_a_disk_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    client = _client(lambda request: httpx.Response(200, content=b"x"))
    with pytest.raises(ApiError) as error:
        client.download_file("b" * 64, blocker / "cache")
    assert error.value.code == "disk"


def test_an_interrupted_download_leaves_no_partial_file(tmp_path):
    def handler(request):
        raise httpx.ReadError("connection reset")

    with pytest.raises(ApiError) as error:
        _client(handler).download_file("c" * 64, tmp_path)
    assert error.value.code == "unreachable"
    assert list(tmp_path.iterdir()) == []
