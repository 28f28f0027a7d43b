"""Words for protocol values, dates, numbers and errors."""
from __future__ import annotations

import datetime as dt

from sync.client import ApiError, AuthError, ConnectionFailed
from ui import texts
from ui.app import _command_line_texts


def test_dates_are_written_day_month_year(vietnamese):
    assert texts.format_date("2025-12-08T07:30:00") == "08/12/2025"
    assert texts.format_date_range("2025-12-08T07:30:00", "2025-12-10T17:00:00") == \
        "08/12/2025 – 10/12/2025"
    assert texts.format_date_range("2025-12-08T07:30:00", "2025-12-08T17:00:00") == "08/12/2025"
    assert texts.format_date("") == "" and texts.format_date("not a date") == ""
    aware = dt.datetime(2025, 12, 8, 0, 30, tzinfo=dt.timezone.utc)
    assert texts.format_date(aware.isoformat()) == aware.astimezone().strftime("%d/%m/%Y")


def test_document_numbers_get_one_prefix(vietnamese):
    assert texts.document_number("312/BC-UBND") == "Số 312/BC-UBND"
    assert texts.document_number("Số: 215/CTr-HĐND") == "Số 215/CTr-HĐND"
    assert texts.document_number("số 12/TTr") == "Số 12/TTr"
    assert texts.document_number("") == ""


def test_statuses_roles_and_plurals(vietnamese):
    assert [texts.session_status(s) for s in ("published", "in_progress", "closed")] == \
        ["Sắp diễn ra", "Đang họp", "Đã kết thúc"]
    assert texts.session_roles(("delegate", "chair", "secretary", "clerk", "guest")) == \
        "Đại biểu, Chủ tọa, Thư ký, Văn thư, Khách mời"
    assert texts.session_status("something_new") == "something_new"
    assert texts.page_count(1) == "1 trang" and texts.page_count(120) == "120 trang"
    assert texts.confidential_marker() == "Mật"


def test_statuses_in_english(english):
    assert [texts.session_status(s) for s in ("published", "in_progress", "closed")] == \
        ["Upcoming", "In session", "Finished"]
    assert texts.session_roles(("delegate", "chair")) == "Delegate, Chair"


def test_errors_become_sentences(vietnamese):
    server = "http://10.0.0.5:8000"
    assert texts.error_message(AuthError("invalid_credentials", "", 401), server) == \
        "Tên đăng nhập hoặc mật khẩu không đúng."
    for code in ("unreachable", "timeout", "bad_address"):
        assert texts.error_message(ConnectionFailed(code), server) == (
            "Không kết nối được tới máy chủ http://10.0.0.5:8000. Vui lòng kiểm tra địa chỉ "
            "máy chủ và kết nối mạng.")
    assert texts.error_message(ApiError("token_expired"), server) == \
        "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."
    assert texts.error_message(KeyError("token"), server) == (
        "Đã xảy ra lỗi (mã lỗi: KeyError). Vui lòng thử lại hoặc liên hệ bộ phận kỹ thuật.")
    assert texts.document_error_message("encrypted") == \
        "Tài liệu được bảo vệ bằng mật khẩu nên không thể hiển thị."


def test_command_line_help_follows_the_language(monkeypatch):
    monkeypatch.delenv("PHONGHOP_LANG", raising=False)
    assert _command_line_texts([])["server"] == "địa chỉ máy chủ phonghop"
    assert _command_line_texts(["--lang", "en"])["server"] == "address of the phonghop server"
    assert _command_line_texts(["--lang=en"])["offscreen"] == "run without a display"


def test_sync_states_pending_changes_and_documents(vietnamese):
    assert [texts.sync_state(s) for s in ("online", "syncing", "offline", "auth_required")] == [
        "Trực tuyến", "Đang đồng bộ…", "Mất kết nối – đang làm việc ngoại tuyến",
        "Phiên đăng nhập hết hạn – hãy đăng nhập lại"]
    assert texts.pending_changes(3) == "3 thay đổi chờ gửi"
    assert texts.files_progress(12, 21) == "Tài liệu: 12/21"
    assert [texts.speaker_status(s) for s in ("waiting", "speaking", "done", "withdrawn")] == \
        ["Đang chờ", "Đang phát biểu", "Đã phát biểu", "Đã rút"]


def test_each_refusal_has_its_reason(vietnamese):
    reasons = {code: texts.rejection_message("speaker.request", code) for code in (
        "forbidden", "invalid", "conflict", "not_found", "vote_closed", "already_voted")}
    assert reasons["forbidden"] == ("Không thực hiện được: đăng ký phát biểu – vai trò của bạn "
                                    "trong kỳ họp không cho phép thao tác này.")
    assert reasons["vote_closed"].endswith("– cuộc biểu quyết đã kết thúc.")
    assert reasons["already_voted"].endswith("– bạn đã biểu quyết rồi.")
    assert len(set(reasons.values())) == 6
    assert all(r.startswith("Không thực hiện được: ") for r in reasons.values())
    assert texts.rejection_message("ballot.cast", "quorum_lost") == \
        "Không thực hiện được: bỏ phiếu – máy chủ từ chối (mã: quorum_lost)."
    assert texts.needs_connection_message() == \
        "Cần kết nối máy chủ để bỏ phiếu. Hãy kiểm tra mạng và thử lại."
    assert texts.error_message(ApiError("tls")).startswith(
        "Không xác minh được chứng chỉ bảo mật của máy chủ.")


def test_every_refusal_code_of_the_protocol_has_its_own_vietnamese_reason(vietnamese):
    from app.protocol import REJECTION_CODES

    reasons = {code: texts.rejection_message("ballot.cast", code) for code in REJECTION_CODES}
    unexplained = [code for code, text in reasons.items() if "(mã:" in text]
    assert unexplained == []
    assert len(set(reasons.values())) == len(REJECTION_CODES)  # each says something different
    assert reasons["not_checked_in"] == ("Không thực hiện được: bỏ phiếu – hãy điểm danh trước: "
                                         "chỉ đại biểu có mặt mới biểu quyết.")
    assert texts.rejection_message("vote.close", "chair_only") == (
        "Không thực hiện được: kết thúc biểu quyết – chỉ chủ tọa được thực hiện việc này.")
