"""What the window shows of a session, built from the sync engine's view: the agenda tree,
the live state, speakers and notes, "waiting to be sent" marks, and malformed entities left out;
the agenda model with the live marks passes the model tester. The entities are shaped as the
server's snapshot and events shape them (app/services/events.py, meetings.py)."""
from __future__ import annotations

from ui.agenda_model import CurrentRole, DetailRole, AgendaModel
from ui.session_state import PresenterInfo, state_from_view

SESSION = {"id": 7, "title": "Kỳ họp thứ Năm", "body_name": "HĐND xã Ea Kao",
           "term_name": "khóa I", "status": "in_progress", "location": "Hội trường xã",
           "starts_at": "2026-12-08T00:30:00+00:00", "ends_at": None,
           "my_roles": ["chair", "delegate"]}


def _doc(doc_id: int, item_id: int | None, position: int = 1) -> dict:
    return {"id": doc_id, "title": f"Tài liệu {doc_id}", "number": "", "kind": "report",
            "confidentiality": "public", "agenda_item_id": item_id, "position": position,
            "version": 1, "sha256": f"{doc_id:064x}", "size": 10, "page_count": 3,
            "filename": "t.pdf"}


def _item(item_id: int, position: int, parent: int | None = None, kind: str = "report") -> dict:
    return {"id": item_id, "parent_id": parent, "position": position, "label": str(position),
            "title": f"Nội dung {item_id}", "kind": kind, "presenter": "", "description": "",
            "planned_minutes": 30, "threshold_rule": None}


def _speaker(key: str, item_id: int, status: str, at: str, user_id: int = 3) -> dict:
    return {"uuid": key, "user_id": user_id, "full_name": f"Đại biểu {user_id}",
            "agenda_item_id": item_id, "kind": "speech", "status": status, "topic": "",
            "requested_at": f"2026-12-08T{at}:00+00:00"}


def _view() -> dict:
    view = {("session", "7"): SESSION,
            ("agenda_item", "2"): _item(2, 2), ("agenda_item", "1"): _item(1, 1),
            ("agenda_item", "11"): _item(11, 1, parent=1),
            ("document", "10"): _doc(10, 11, 2), ("document", "9"): _doc(9, 11, 1),
            ("document", "3"): _doc(3, 2),
            ("live", "state"): {"current_agenda_item_id": 2, "presenter": {
                "user_id": 5, "full_name": "Chủ tọa", "document_id": 3, "page": 4}},
            ("note", "n1"): {"uuid": "n1", "agenda_item_id": 2, "text": "cũ",
                             "updated_at": "2026-12-08T01:00:00.123456+00:00"},
            ("note", "n2"): {"uuid": "n2", "agenda_item_id": 2, "text": "mới",
                             "updated_at": "2026-12-08T02:00:00.654321+00:00"}}
    for key, status, at in (("a", "done", "08:01"), ("b", "waiting", "08:05"),
                            ("c", "speaking", "08:03"), ("d", "waiting", "08:02"),
                            ("e", "withdrawn", "08:00")):
        view[("speaker_request", key)] = _speaker(key, 2, status, at)
    return view


def test_the_view_becomes_the_agenda_tree_with_documents_in_order():
    state = state_from_view(7, _view())
    assert state.loaded and state.live_sync
    assert state.session.my_roles == ("chair", "delegate")
    assert [i.id for i in state.items] == [1, 2]
    first = state.items[0]
    assert [c.id for c in first.children] == [11]
    assert [d.id for d in first.children[0].documents] == [9, 10]  # ids, not text keys
    assert set(state.documents()) == {3, 9, 10}
    assert state.item(11).title == "Nội dung 11"


def test_live_state_speakers_and_notes():
    state = state_from_view(7, _view(), pending={("speaker_request", "d"), ("note", "n2")})
    assert state.live.current_item_id == 2
    assert state.live.presenter == PresenterInfo(5, "Chủ tọa", 3, 4)
    queue = state.speakers_of(2)
    assert [(s.uuid, s.status) for s in queue] == [("c", "speaking"), ("d", "waiting"),
                                                   ("b", "waiting"), ("a", "done")]
    assert [s.pending for s in queue] == [False, True, False, False]
    assert state.waiting_counts() == {2: 2}
    assert state.note_of(2).text == "mới" and state.note_of(2).pending
    assert state.note_of(1) is None


def test_without_a_snapshot_nothing_is_loaded_and_bad_entities_are_left_out():
    assert not state_from_view(7, {}).loaded
    view = _view()
    view[("agenda_item", "x")] = {"title": "no id"}
    view[("document", "y")] = {"id": 99, "agenda_item_id": 2}  # no sha256
    view[("live", "state")] = {"current_agenda_item_id": "2", "presenter": "nobody"}
    state = state_from_view(7, view)
    assert [i.id for i in state.items] == [1, 2]
    assert 99 not in state.documents()
    assert state.live.current_item_id is None and state.live.presenter is None


def test_the_agenda_model_with_live_marks_passes_the_model_tester(qtmodeltester, vietnamese):
    state = state_from_view(7, _view())
    model = AgendaModel()
    model.set_agenda(state.items)
    model.set_live(state.live.current_item_id, state.waiting_counts())
    qtmodeltester.check(model, force_py=True)
    second = model.index_of_item(2)
    assert second.data(CurrentRole) and not model.index_of_item(1).data(CurrentRole)
    assert second.data(DetailRole) == "2 đăng ký phát biểu"
    assert model.item_of(model.index(0, 0, second)).id == 2  # a document's item
    model.set_live(1, {})
    assert model.index_of_item(1).data(CurrentRole) and not second.data(CurrentRole)
    assert second.data(DetailRole) == ""
