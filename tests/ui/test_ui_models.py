"""The Qt models, filled with what the real server answers (the seeded demo): structure checked
by pytest-qt's qtmodeltester, and their content."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from sync.client import SessionSummary
from ui.agenda_model import (
    DOCUMENT, GROUP, ITEM, VOTE, AgendaModel, ConfidentialRole, DetailRole, KindRole,
    OutcomeRole, PayloadRole,
)
from ui.session_model import DateRole, SessionListModel, StatusTextRole, default_session_row

FAILED = ("Có 50/52 đại biểu tham gia biểu quyết (chiếm 96,15% tổng số đại biểu); 24 đại biểu "
          "tán thành (chiếm 46,15%), 20 đại biểu không tán thành (chiếm 38,46%), 6 đại biểu "
          "không biểu quyết (chiếm 11,54%).")


def test_session_model_passes_the_model_tester(qtmodeltester, client, vietnamese):
    model = SessionListModel()
    sessions = client.sessions()
    # the demo has no session in progress: the first one, as it will be on the day
    in_session = replace(sessions[0], id=99, status="in_progress")
    model.set_sessions(sessions + [in_session])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert [model.index(r, 0).data(StatusTextRole) for r in range(3)] == \
        ["Sắp diễn ra", "Đã kết thúc", "Đang họp"]
    assert model.index(1, 0).data(DateRole) == "25/09/2026"


def _summary(session_id, status, starts_at):
    return SessionSummary(session_id, f"S{session_id}", "HĐND", "Khóa X", status, "", starts_at,
                          None, ("delegate",))


def test_default_session_is_the_soonest_upcoming_one():
    sessions = [_summary(1, "closed", "2025-01-01T08:00:00"),
                _summary(2, "published", "2026-03-01T08:00:00"),
                _summary(3, "published", "2026-02-01T08:00:00"),
                _summary(4, "draft", "2025-12-01T08:00:00")]
    assert default_session_row(sessions) == 2
    sessions.append(_summary(5, "in_progress", "2025-12-08T08:00:00"))
    assert default_session_row(sessions) == 4
    only_closed = [_summary(1, "closed", "2025-01-01T08:00:00"),
                   _summary(2, "closed", "2024-01-01T08:00:00")]
    assert default_session_row(only_closed) == 0
    assert default_session_row([]) == -1


def test_agenda_model_passes_the_model_tester_with_documents_and_votes(qtmodeltester, client,
                                                                      vietnamese):
    model = AgendaModel()
    votes = client.vote_results(2)
    orphan = replace(votes[0], id=999, agenda_item_id=None)
    model.set_agenda(client.agenda(2), votes + [orphan])
    qtmodeltester.check(model, force_py=True)
    kinds = [model.index(r, 0).data(KindRole) for r in range(model.rowCount())]
    assert kinds == [ITEM] * 6 + [GROUP]
    item2 = model.index(1, 0)
    children = [item2.model().index(r, 0, item2) for r in range(model.rowCount(item2))]
    assert [c.data(KindRole) for c in children] == [DOCUMENT, VOTE]
    assert children[1].data(DetailRole).startswith("Có 48/52 đại biểu tham gia biểu quyết")
    assert children[1].data(OutcomeRole) == "Thông qua"
    assert model.vote_count() == 5


def test_a_vote_that_did_not_pass_says_so(qtmodeltester, client, vietnamese):
    """The demo's votes all passed: the third one, as it would read had it failed."""
    votes = client.vote_results(2)
    votes[2] = replace(votes[2], passed=False, announcement=FAILED)
    model = AgendaModel()
    model.set_agenda(client.agenda(2), votes)
    qtmodeltester.check(model, force_py=True)
    item4 = model.index(3, 0)
    vote = model.index(1, 0, item4)
    assert vote.data(KindRole) == VOTE
    assert vote.data(OutcomeRole) == "Không thông qua"
    assert vote.data(DetailRole) == FAILED
    assert model.index(1, 0, model.index(1, 0)).data(OutcomeRole) == "Thông qua"


def test_agenda_model_of_the_upcoming_session(qtmodeltester, client, vietnamese):
    model = AgendaModel()
    model.set_agenda(client.agenda(1))
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == \
        "1. Khai mạc kỳ họp; thông qua chương trình kỳ họp"
    assert first.data(DetailRole) == "Trình bày: Chủ tịch HĐND tỉnh"
    documents = [model.index(r, 0, first) for r in range(model.rowCount(first))]
    assert [d.data(PayloadRole).id for d in documents] == [1, 2]
    assert documents[0].data(DetailRole) == "Kế hoạch · Số 215/CTr-HĐND · 6 trang"
    assert not documents[0].data(Qt.ItemDataRole.DecorationRole).isNull()
    assert [d.id for d in model.first_item_documents()] == [1, 2]
    security = model.index_of_document(14)
    assert [model.index_of_document(13).data(ConfidentialRole), security.data(ConfidentialRole)] \
        == [False, True]
    assert security.data(DetailRole) == "Báo cáo · Số 21/BC-CAT · 28 trang"
    nested = model.index(0, 0, model.index(8, 0))  # 9.1 under 9
    assert nested.data(Qt.ItemDataRole.DisplayRole) == \
        "9.1. Báo cáo công tác của Tòa án nhân dân tỉnh"
    assert model.index_of_document(15).parent() == nested


def test_a_document_without_a_number_has_a_shorter_line(client, vietnamese):
    items = client.agenda(1)
    plan = replace(items[0].documents[0], number="")
    model = AgendaModel()
    model.set_agenda([replace(items[0], documents=(plan,))])
    assert model.index(0, 0, model.index(0, 0)).data(DetailRole) == "Kế hoạch · 6 trang"
