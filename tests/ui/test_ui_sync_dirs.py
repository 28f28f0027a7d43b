"""Each user of a device keeps their own replica and documents; what an older version kept
for every user together is moved (the replica) or removed (the shared documents)."""
from __future__ import annotations

from ui.sync_bridge import adopt_old_replica, files_dir, replica_path, user_dir

URL = "https://hop.example.vn"


def test_two_users_of_one_device_share_nothing(tmp_path):
    assert user_dir(tmp_path, URL, "daibieu02") != user_dir(tmp_path, URL, "chutoa")
    assert files_dir(tmp_path, URL, "daibieu02") != files_dir(tmp_path, URL, "chutoa")
    assert replica_path(tmp_path, URL, "daibieu02").parent == user_dir(tmp_path, URL, "daibieu02")
    assert user_dir(tmp_path, "https://other.example.vn", "a") != user_dir(tmp_path, URL, "a")


def test_a_user_name_never_leads_out_of_the_cache(tmp_path):
    for name in ("../../etc", "a/b", "..", ".hidden", "đại biểu", "/root"):
        folder = user_dir(tmp_path, URL, name)
        assert folder.parent == tmp_path / "users" and "/" not in folder.name
        assert folder.resolve().parent == (tmp_path / "users").resolve()
    assert user_dir(tmp_path, URL, "a/b") != user_dir(tmp_path, URL, "a_b")


def test_an_old_replica_moves_in_and_the_shared_documents_go(tmp_path):
    import hashlib

    digest = hashlib.sha1(URL.encode()).hexdigest()[:12]
    old = tmp_path / "replicas" / f"{digest}-daibieu02.sqlite"
    old.parent.mkdir()
    old.write_bytes(b"the outbox of an older version")
    (old.parent / (old.name + "-wal")).write_bytes(b"wal")
    shared = tmp_path / "files"
    shared.mkdir()
    (shared / "confidential.pdf").write_bytes(b"%PDF of another user")
    adopt_old_replica(tmp_path, URL, "daibieu02")
    moved = replica_path(tmp_path, URL, "daibieu02")
    assert moved.read_bytes() == b"the outbox of an older version"
    assert (moved.parent / (moved.name + "-wal")).read_bytes() == b"wal"
    assert not old.exists() and not shared.exists()
