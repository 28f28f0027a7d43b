"""The Qt models: structure checked by pytest-qt's qtmodeltester, and their content."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from sync.client import SessionSummary
from ui.agenda_model import (
    DOCUMENT, GROUP, ITEM, VOTE, AgendaModel, ConfidentialRole, DetailRole, KindRole, PayloadRole,
)
from ui.session_model import SessionListModel, StatusTextRole, default_session_row


def test_session_model_passes_the_model_tester(qtmodeltester, client, vietnamese):
    model = SessionListModel()
    model.set_sessions(client.sessions())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    assert model.index(0, 0).data(StatusTextRole) == "Đã kết thúc"


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
    votes = client.vote_results(3)
    orphan = replace(votes[0], id=999, agenda_item_id=None)
    model.set_agenda(client.agenda(3), votes + [orphan])
    qtmodeltester.check(model, force_py=True)
    kinds = [model.index(r, 0).data(KindRole) for r in range(model.rowCount())]
    assert kinds == [ITEM, ITEM, ITEM, GROUP]
    item2 = model.index(1, 0)
    children = [item2.model().index(r, 0, item2) for r in range(model.rowCount(item2))]
    assert [c.data(KindRole) for c in children] == [DOCUMENT, VOTE]
    assert children[1].data(DetailRole).startswith("Có 48/52 đại biểu tham gia biểu quyết")
    assert model.vote_count() == 3


def test_agenda_model_of_a_session_in_progress(qtmodeltester, client, vietnamese):
    model = AgendaModel()
    model.set_agenda(client.agenda(1))
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == \
        "1. Khai mạc kỳ họp; thông qua chương trình kỳ họp"
    assert first.data(DetailRole) == "Trình bày: Bà Lê Thị Thanh Xuân, Chủ tịch HĐND tỉnh"
    documents = [model.index(r, 0, first) for r in range(model.rowCount(first))]
    assert [d.data(PayloadRole).id for d in documents] == [101, 102, 103]
    assert [d.data(ConfidentialRole) for d in documents] == [False, False, True]
    assert documents[1].data(DetailRole) == "Báo cáo · Số 312/BC-UBND · 4 trang"
    assert not documents[0].data(Qt.ItemDataRole.DecorationRole).isNull()
    assert [d.id for d in model.first_item_documents()] == [101, 102, 103]
    nested = model.index(0, 0, model.index(1, 0))  # 2.1 under 2
    assert nested.data(Qt.ItemDataRole.DisplayRole).startswith("2.1. Báo cáo thẩm tra")
    assert model.index_of_document(106).parent() == nested
