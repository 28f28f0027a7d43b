"""Confidential documents on the tablet: only sealed, under a key per session and user that the
server hands out and the tablet keeps in memory; wiped when the session closes, when the
user's tokens are revoked, and by an admin's `phonghop devices wipe USER`; never a guest's."""
from __future__ import annotations

import base64
from pathlib import Path

import pytest
from sqlalchemy import update

from app.models import MeetingSession, SessionStatus
from documents.render import SEALED, DocumentError, PdfRenderer
from documents.sealed_files import SealedError, read_sealed
from phonghop.cli import main
from sync.confidential import SealedSource
from tests.sync.engine_helpers import make_engine, wait_until
from tests.sync.test_server_api import login


def _key(client, session_id: int):
    return client.get(f"/sessions/{session_id}/document-key")


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_the_server_hands_each_reader_a_key_of_their_own_and_nobody_else_one(world):
    delegate, chair = login(world, "delegate"), login(world, "chair")
    first, again = _key(delegate, world.session_id), _key(delegate, world.session_id)
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    key = base64.urlsafe_b64decode(first.json()["key"])
    assert len(key) == 32 and again.json() == first.json()  # derived, not drawn anew
    assert _key(chair, world.session_id).json()["key"] != first.json()["key"]
    assert _key(delegate, world.draft_session_id).status_code == 404  # a draft is not theirs
    secretary = login(world, "secretary")
    assert _key(secretary, world.draft_session_id).json()["key"] != \
        _key(secretary, world.session_id).json()["key"]  # a key per session
    refused = _key(login(world, "guest"), world.session_id)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert _key(login(world, "outsider"), world.session_id).status_code == 404
    with world.context.sessions() as db:
        db.execute(update(MeetingSession).where(MeetingSession.id == world.session_id)
                   .values(status=SessionStatus.CLOSED))
        db.commit()
    closed = _key(delegate, world.session_id)
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "session_closed"


def test_a_wipe_changes_the_key_and_logs_the_user_out_everywhere(world, capsys):
    delegate = login(world, "delegate")
    before = _key(delegate, world.session_id).json()
    url = world.context.settings.database_url
    assert main(["devices", "wipe", "--db", url, "delegate"]) == 0
    assert "'delegate': confidential documents sealed for good" in capsys.readouterr().out
    assert delegate.get("/auth/me").status_code == 401  # the tablet's next contact
    after = _key(login(world, "delegate"), world.session_id).json()
    assert after["key_id"] != before["key_id"] and after["key"] != before["key"]
    assert main(["devices", "wipe", "--db", url, "nobody"]) == 1
    assert "no user 'nobody'" in capsys.readouterr().err


def test_the_tablet_keeps_a_confidential_document_only_sealed_and_opens_it_in_memory(
        world, tmp_path):
    secret_sha = world.docs["confidential"]["sha256"]
    clear = world.context.files.path_for(secret_sha).read_bytes()
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.files_total == 3 and engine.status.files_done == 3,
                   what="the three documents, the confidential one sealed")
        files = engine.files.root
        assert not (files / f"{secret_sha}.pdf").exists()
        source = engine.document_path(secret_sha)
        assert isinstance(source, SealedSource) and source.path.is_file()
        assert clear not in _every_byte(files)  # nowhere on the tablet in clear
        sealed = source.path.read_bytes()
        assert b"confidential" not in sealed and b"%PDF" not in sealed
        assert all(clear[i:i + 16] not in sealed for i in range(0, len(clear) - 16, 16))
        assert read_sealed(source.path, source.key, secret_sha) == clear
        with pytest.raises(SealedError):
            read_sealed(source.path, bytes(32), secret_sha)
        with PdfRenderer(source.path, source.key, secret_sha) as renderer:  # as the viewer
            assert "confidential" in " ".join(w[4] for w in renderer.words(0))
        with pytest.raises(DocumentError) as refused:
            PdfRenderer(source.path, bytes(32), secret_sha)
        assert refused.value.code == SEALED
        # a damaged sealed copy: the viewer's "sealed" error has it deleted and fetched again
        damaged = bytearray(source.path.read_bytes())
        damaged[-5] ^= 0xFF
        source.path.write_bytes(bytes(damaged))
        with pytest.raises(DocumentError):
            PdfRenderer(source.path, source.key, secret_sha)
        engine.discard_sealed(secret_sha)
        wait_until(lambda: engine.files.has_sealed(world.session_id, secret_sha) and
                   read_sealed(source.path, source.key, secret_sha) == clear,
                   what="the sealed copy fetched again")

        assert main(["devices", "wipe", "--db", world.context.settings.database_url,
                     "delegate"]) == 0
        wait_until(lambda: engine.status.state == "auth_required", what="the token refused")
        assert not (files / "sealed").exists()  # every sealed byte gone
        assert engine.confidential.keys == {}
        assert engine.document_path(secret_sha) is None
        assert (files / f"{world.docs['public']['sha256']}.pdf").exists()  # the rest stays
    finally:
        engine.stop()


def test_a_closed_session_takes_its_confidential_documents_off_the_tablet(world, tmp_path):
    secret_sha = world.docs["confidential"]["sha256"]
    engine, _ = make_engine(world.url, "delegate", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.files.has_sealed(world.session_id, secret_sha),
                   what="the sealed copy")
    finally:
        engine.stop()
    with world.context.sessions() as db:
        db.execute(update(MeetingSession).where(MeetingSession.id == world.session_id)
                   .values(status=SessionStatus.CLOSED))
        db.commit()
    engine, _ = make_engine(world.url, "delegate", tmp_path)  # the next start, same tablet
    try:
        assert engine.files.has_sealed(world.session_id, secret_sha)  # locked: no key held
        assert engine.document_path(secret_sha) is None
        wait_until(lambda: not engine.files.has_sealed(world.session_id, secret_sha),
                   what="the wipe of the closed session's sealed copy")
        assert not (engine.files.root / "sealed" / str(world.session_id)).exists()
        wait_until(lambda: engine.status.files_total == engine.status.files_done == 2,
                   what="the count without what can no longer come")
    finally:
        engine.stop()


def test_a_guest_never_receives_a_confidential_document(world, tmp_path):
    engine, _ = make_engine(world.url, "guest", tmp_path)
    try:
        engine.follow(world.session_id)
        wait_until(lambda: engine.status.files_done == engine.status.files_total == 1,
                   what="the guest's one public document")
        assert engine.document_path(world.docs["confidential"]["sha256"]) is None
        assert not (engine.files.root / "sealed").exists()
    finally:
        engine.stop()
