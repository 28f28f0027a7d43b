"""A new version of a document through the real server: the tablets get it, and each note on
the previous version is carried over where its words are, or left there as not placed."""
from __future__ import annotations

import uuid

import pytest

from app.models import Document
from app.services.versions import VersionRefused, add_version
from documents.anchoring import read_version
from phonghop.cli import main
from tests.documents.search_pdfs import write_pdf
from tests.documents.test_anchoring import INSERTED, LINE_PT, LINES, _mark
from tests.sync.test_server_api import login
from tests.sync.test_sync_server import push


def _replace(world, document_id: int, path, name: str):
    with world.context.sessions() as db:
        result = add_version(db, world.context.files, db.get(Document, document_id), path, name)
        db.commit()
    return result


def _annotation(world, document_id: int, data: dict, kind="highlight", shared=False) -> dict:
    return {"session_id": world.session_id, "uuid": str(uuid.uuid4()), "document_id": document_id,
            "page_index": 0, "kind": kind, "data": data, "text": "", "shared": shared}


def _entities(client, world, kind: str) -> dict[str, dict]:
    snapshot = client.get(f"/sessions/{world.session_id}/snapshot").json()
    return {e["key"]: e["data"] for e in snapshot["entities"] if e["entity"] == kind}


def test_notes_are_carried_over_to_a_new_version_or_listed_as_not_placed(world, tmp_path):
    doc = world.docs["internal"]["id"]
    first = write_pdf(tmp_path / "v2.pdf", ["\n".join(LINES)])
    assert _replace(world, doc, first, "du-thao.pdf").carried == 0  # no notes yet
    old = read_version(first)
    delegate, chair = login(world, "delegate"), login(world, "chair")
    kept = _annotation(world, doc, _mark(old, 0, "sử dụng ngân sách nhà nước"))
    gone = _annotation(world, doc, _mark(old, 0, "tổ chức thực hiện nghị quyết này."))
    shared = _annotation(world, doc, _mark(old, 0, "Đối tượng áp dụng"), shared=True)
    answers = push(delegate, "tablet-v1", (1, "annotation.put", kept), (2, "annotation.put", gone),
                   (3, "annotation.put", shared))["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 3
    cursor = delegate.get(f"/sessions/{world.session_id}/events").json()["cursor"]

    new_lines = LINES[:2] + INSERTED + LINES[2:5] + ["Giao Ủy ban nhân dân tỉnh triển khai."]
    result = _replace(world, doc, write_pdf(tmp_path / "v3.pdf", ["\n".join(new_lines)]),
                      "du-thao-sua.pdf")
    assert (result.version, result.carried, result.not_placed) == (3, 2, 1)

    # the delegate's tablet hears of the new version and of the copies, in the event log
    events = delegate.get(f"/sessions/{world.session_id}/events",
                          params={"since": cursor}).json()["events"]
    document = next(e["data"] for e in events if e["kind"] == "document.version")
    assert document["version"] == 3 and document["sha256"] == result.sha256
    assert [v["version"] for v in document["earlier"]] == [1, 2]
    annotations = _entities(delegate, world, "annotation")
    copies = {key: a for key, a in annotations.items() if a["version"] == 3}
    assert len(copies) == 2
    assert annotations[kept["uuid"]]["carried_to"] in copies
    assert annotations[shared["uuid"]]["carried_to"] in copies
    moved = copies[annotations[kept["uuid"]]["carried_to"]]
    assert moved["data"]["quote"]["exact"] == "sử dụng ngân sách nhà nước"
    shift = len(INSERTED) * LINE_PT / 842
    assert moved["data"]["boxes"][0][1] - kept["data"]["boxes"][0][1] == pytest.approx(shift, abs=2e-3)
    # the one whose words are gone stays on version 2, not carried: the tablet lists it
    assert annotations[gone["uuid"]]["version"] == 2
    assert annotations[gone["uuid"]]["carried_to"] is None
    # and its version can still be read there
    old_sha = next(v["sha256"] for v in document["earlier"] if v["version"] == 2)
    assert delegate.get(f"/files/{old_sha}").status_code == 200
    # the chair sees the shared note's copy, none of the delegate's private ones
    theirs = _entities(chair, world, "annotation")
    assert set(theirs) == {shared["uuid"], annotations[shared["uuid"]]["carried_to"]}


def test_a_file_that_is_no_pdf_or_the_same_file_again_is_refused(world, tmp_path):
    doc = world.docs["public"]["id"]
    junk = tmp_path / "not-a-pdf.pdf"
    junk.write_bytes(b"<html>not a pdf</html>")
    with pytest.raises(VersionRefused):
        _replace(world, doc, junk, junk.name)
    good = write_pdf(tmp_path / "v2.pdf", ["Báo cáo kinh tế - xã hội"])
    _replace(world, doc, good, good.name)
    with pytest.raises(VersionRefused, match="already version 2"):
        _replace(world, doc, good, good.name)


def test_the_command_line_publishes_a_version_and_says_what_was_carried(world, tmp_path, capsys):
    doc = world.docs["public"]["id"]
    url, data_dir = world.context.settings.database_url, world.context.settings.data_dir
    good = write_pdf(tmp_path / "moi.pdf", ["Báo cáo (bản sửa)"])
    assert main(["documents", "replace", "--db", url, "--data-dir", str(data_dir),
                 "--document", str(doc), str(good)]) == 0
    assert "version 2 published (1 pages)" in capsys.readouterr().out
    guest = login(world, "guest")
    listed = {d["id"]: d for d in guest.get(f"/sessions/{world.session_id}/documents").json()}
    assert listed[doc]["version"] == 2 and listed[doc]["earlier"][0]["version"] == 1
    assert main(["documents", "replace", "--db", url, "--data-dir", str(data_dir),
                 "--document", "99999", str(good)]) == 1
    assert "no document 99999" in capsys.readouterr().err
    assert main(["documents", "replace", "--db", url, "--data-dir", str(data_dir),
                 "--document", str(doc), str(tmp_path / "missing.pdf")]) == 1
    assert "no such file" in capsys.readouterr().err


def _carried(world, tmp_path, delegate, marks: dict[str, str]) -> dict[str, dict]:
    """Notes on version 2 of the internal document, then version 3 (a paragraph inserted):
    {name: the note as put}, all carried over."""
    doc = world.docs["internal"]["id"]
    first = write_pdf(tmp_path / "v2.pdf", ["\n".join(LINES)])
    _replace(world, doc, first, "v2.pdf")
    old = read_version(first)
    notes = {name: _annotation(world, doc, _mark(old, 0, words)) for name, words in marks.items()}
    push(delegate, "tablet-before", *[(i, "annotation.put", a)
                                      for i, a in enumerate(notes.values(), start=1)])
    new_lines = LINES[:2] + INSERTED + LINES[2:]
    assert _replace(world, doc, write_pdf(tmp_path / "v3.pdf", ["\n".join(new_lines)]),
                    "v3.pdf").carried == len(marks)
    return notes


def test_a_tablet_that_missed_the_new_version_changes_the_notes_it_knew(world, tmp_path):
    delegate = login(world, "delegate")
    notes = _carried(world, tmp_path, delegate, {"edited": "sử dụng ngân sách nhà nước",
                                                 "moved": "Đối tượng áp dụng",
                                                 "deleted": "Tổ chức thực hiện"})
    before = _entities(delegate, world, "annotation")
    copy = {name: before[note["uuid"]]["carried_to"] for name, note in notes.items()}
    # changes queued on a tablet that still shows version 2, sent now
    answers = push(delegate, "tablet-offline",
                   (1, "annotation.put", dict(notes["edited"], text="Hỏi Sở Tài chính")),
                   (2, "annotation.put", dict(notes["moved"], page_index=0,
                                              data=dict(notes["moved"]["data"], color="#c62828",
                                                        boxes=[[0.1, 0.5, 0.3, 0.52]]))),
                   (3, "annotation.delete", {"session_id": world.session_id,
                                             "uuid": notes["deleted"]["uuid"]}))["answers"]
    assert [a["status"] for a in answers] == ["applied"] * 3
    after = _entities(delegate, world, "annotation")
    assert after[copy["edited"]]["text"] == "Hỏi Sở Tài chính"  # new words reach the copy
    assert after[copy["edited"]]["version"] == 3
    assert copy["moved"] not in after  # a new place on version 2: the copy is gone,
    assert after[notes["moved"]["uuid"]]["carried_to"] is None  # the note is not placed
    assert notes["deleted"]["uuid"] not in after and copy["deleted"] not in after


def test_a_note_made_on_an_older_version_stays_there(world, tmp_path):
    delegate = login(world, "delegate")
    _carried(world, tmp_path, delegate, {"kept": "sử dụng ngân sách nhà nước"})
    doc = world.docs["internal"]["id"]
    late = dict(_annotation(world, doc, {"v": 1, "color": "#c62828", "width": 2.5,
                                         "points": [[0.2, 0.2, 1.0], [0.3, 0.25, 1.0]]},
                            kind="ink"), version=2)
    wrong = dict(_annotation(world, doc, late["data"], kind="ink"), version=9)
    answers = push(delegate, "tablet-late", (1, "annotation.put", late),
                   (2, "annotation.put", wrong))["answers"]
    assert answers[0]["status"] == "applied" and answers[0]["result"]["version"] == 2
    assert answers[1]["error"]["code"] == "invalid"
    stored = _entities(delegate, world, "annotation")[late["uuid"]]
    assert stored["version"] == 2 and stored["carried_to"] is None  # listed as not placed


def test_a_stale_change_under_the_old_uuid_keeps_what_the_copy_changed_since(world, tmp_path):
    delegate, chair = login(world, "delegate"), login(world, "chair")
    notes = _carried(world, tmp_path, delegate, {"a": "sử dụng ngân sách nhà nước",
                                                 "b": "Đối tượng áp dụng"})
    copies = {name: _entities(delegate, world, "annotation")[n["uuid"]]["carried_to"]
              for name, n in notes.items()}
    shared_copy = dict(notes["a"], uuid=copies["a"], shared=True)
    shared_copy["data"] = _entities(delegate, world, "annotation")[copies["a"]]["data"]
    push(delegate, "tablet-new", (1, "annotation.put", shared_copy))
    # the old tablet, which never heard of version 3, only rewrites the words
    push(delegate, "tablet-old", (1, "annotation.put", dict(notes["a"], text="Hỏi lại")))
    after = _entities(delegate, world, "annotation")
    assert after[copies["a"]]["text"] == "Hỏi lại" and after[copies["a"]]["shared"] is True
    assert copies["a"] in _entities(chair, world, "annotation")  # still shared with the room
    # a copy deleted on the new version, then the old note moved: it is its version's again
    push(delegate, "tablet-new", (2, "annotation.delete", {"session_id": world.session_id,
                                                          "uuid": copies["b"]}))
    moved = dict(notes["b"], data=dict(notes["b"]["data"], boxes=[[0.1, 0.6, 0.3, 0.62]]))
    push(delegate, "tablet-old", (2, "annotation.put", moved))
    assert _entities(delegate, world, "annotation")[notes["b"]["uuid"]]["carried_to"] is None
