"""A stand-in phonghop server for the UI tests: an httpx.MockTransport handler that answers
like the real API (JSON shaped exactly as sync/client.py parses it) with Vietnamese data and
real PDF files generated with PyMuPDF."""
from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field

import httpx
import pymupdf

from sync.client import ApiClient

PREFIX = "/api/v1"
TOKEN = "token-daibieu01"
USERNAME, PASSWORD = "daibieu01", "matkhau-dung"
BODY = "Hội đồng nhân dân tỉnh Đắk Lắk"
TERM = "Khóa X, nhiệm kỳ 2021 – 2026"

ANNOUNCEMENT = (
    "Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31% tổng số đại biểu); 45 đại biểu tán "
    "thành (chiếm 86,54%), 2 đại biểu không tán thành (chiếm 3,85%), 1 đại biểu không biểu "
    "quyết (chiếm 1,92%)."
)
ANNOUNCEMENT_FAILED = (
    "Có 50/52 đại biểu tham gia biểu quyết (chiếm 96,15% tổng số đại biểu); 24 đại biểu tán "
    "thành (chiếm 46,15%), 20 đại biểu không tán thành (chiếm 38,46%), 6 đại biểu không biểu "
    "quyết (chiếm 11,54%)."
)


@functools.lru_cache(maxsize=None)
def make_pdf(title: str, pages: int = 3) -> bytes:
    """A real A4 PDF with Vietnamese text (Noto Sans from pymupdf-fonts)."""
    doc = pymupdf.open()
    regular, bold = pymupdf.Font("notos"), pymupdf.Font("notosbo")
    body = ("Căn cứ Luật Tổ chức chính quyền địa phương; xét đề nghị của Ủy ban nhân dân tỉnh "
            "và báo cáo thẩm tra của các Ban Hội đồng nhân dân tỉnh, ý kiến thảo luận của đại "
            "biểu Hội đồng nhân dân tỉnh tại kỳ họp.")
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        writer = pymupdf.TextWriter(page.rect)
        writer.append((72, 90), BODY.upper(), font=bold, fontsize=11)
        writer.fill_textbox(pymupdf.Rect(72, 115, 523, 175), title, font=bold, fontsize=14)
        y = 185
        for paragraph in range(12):
            writer.fill_textbox(pymupdf.Rect(72, y, 523, y + 60), f"{paragraph + 1}. {body}",
                                font=regular, fontsize=11)
            y += 52
        writer.append((270, 810), f"Trang {number}/{pages}", font=regular, fontsize=9)
        writer.write_text(page)
    data = doc.tobytes()
    doc.close()
    return data


@dataclass
class StoredFile:
    data: bytes
    sha256: str


def _document(doc_id: int, title: str, number: str, kind: str, data: bytes, pages: int,
              confidentiality: str = "public") -> tuple[dict, StoredFile]:
    sha = hashlib.sha256(data).hexdigest()
    return ({"id": doc_id, "title": title, "number": number, "kind": kind,
             "confidentiality": confidentiality, "version": 1, "sha256": sha, "size": len(data),
             "page_count": pages, "filename": f"tai-lieu-{doc_id}.pdf"}, StoredFile(data, sha))


def _item(item_id, position, label, title, kind, presenter="", documents=(), children=(),
          parent_id=None):
    return {"id": item_id, "parent_id": parent_id, "position": position, "label": label,
            "title": title, "kind": kind, "presenter": presenter, "description": "",
            "documents": list(documents), "children": list(children)}


@dataclass
class FakeServer:
    """Serves the API. Change `corrupt_sha` / `fail_paths` to provoke errors; `requests`
    records the paths asked for (thread-safe)."""

    files: dict[str, StoredFile] = field(default_factory=dict)
    sessions: list[dict] = field(default_factory=list)
    agendas: dict[int, list[dict]] = field(default_factory=dict)
    votes: dict[int, list[dict]] = field(default_factory=dict)
    fail_paths: dict[str, tuple[int, str]] = field(default_factory=dict)  # regex -> status, code
    requests: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_file(self, stored: StoredFile) -> None:
        self.files[stored.sha256] = stored

    # -- the handler ----------------------------------------------------------------------
    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        with self.lock:
            self.requests.append(f"{request.method} {path}")
        for pattern, (status, code) in self.fail_paths.items():
            if re.search(pattern, path):
                return _error(status, code)
        if not path.startswith(PREFIX):
            return _error(404, "not_found")
        path = path[len(PREFIX):]
        if path == "/auth/login" and request.method == "POST":
            return self._login(json.loads(request.content))
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return _error(401, "token_invalid")
        if path == "/auth/logout":
            return httpx.Response(204)
        if path == "/sessions":
            return httpx.Response(200, json=self.sessions)
        match = re.fullmatch(r"/sessions/(\d+)/(agenda|votes)", path)
        if match:
            table = self.agendas if match.group(2) == "agenda" else self.votes
            session_id = int(match.group(1))
            if session_id not in table:
                return _error(404, "not_found")
            return httpx.Response(200, json=table[session_id])
        match = re.fullmatch(r"/files/([0-9a-f]{64})", path)
        if match and match.group(1) in self.files:
            return httpx.Response(200, content=self.files[match.group(1)].data,
                                  headers={"content-type": "application/pdf"})
        return _error(404, "not_found")

    def _login(self, body: dict) -> httpx.Response:
        if body.get("username") != USERNAME or body.get("password") != PASSWORD:
            return _error(401, "invalid_credentials")
        return httpx.Response(200, json={"token": TOKEN, "user": {
            "id": 7, "username": USERNAME, "full_name": "Nguyễn Thị Hương",
            "title": "Đại biểu HĐND tỉnh", "is_admin": False}})

    def client_factory(self):
        return lambda url: ApiClient(url, transport=httpx.MockTransport(self))

    def count(self, prefix: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.startswith(prefix))


def _error(status: int, code: str) -> httpx.Response:
    return httpx.Response(status, json={"error": {"code": code, "message": code}})


def build_demo_server() -> FakeServer:
    """Three sessions of a province council: one in progress (the default), one upcoming,
    one finished with vote results."""
    server = FakeServer()
    docs = {}
    specs = [
        (101, "Chương trình kỳ họp thứ Mười một", "", "plan", 2, "public"),
        (102, "Báo cáo tình hình kinh tế – xã hội năm 2025, phương hướng, nhiệm vụ năm 2026",
         "312/BC-UBND", "report", 4, "public"),
        (103, "Báo cáo công tác quốc phòng, quân sự địa phương năm 2025", "45/BC-BCH", "report",
         2, "confidential"),
        (104, "Tờ trình về dự toán ngân sách địa phương năm 2026", "145/TTr-UBND", "submission",
         3, "public"),
        (105, "Dự thảo Nghị quyết về dự toán ngân sách địa phương năm 2026", "", "draft_resolution",
         3, "internal"),
        (106, "Báo cáo thẩm tra của Ban Kinh tế – Ngân sách", "88/BC-KTNS", "report", 2, "public"),
    ]
    for doc_id, title, number, kind, pages, conf in specs:
        info, stored = _document(doc_id, title, number, kind, make_pdf(title, pages), pages, conf)
        docs[doc_id] = info
        server.add_file(stored)

    server.sessions = [
        {"id": 3, "title": "Kỳ họp thứ Mười (chuyên đề)", "body_name": BODY, "term_name": TERM,
         "status": "closed", "location": "Hội trường HĐND tỉnh",
         "starts_at": "2025-07-10T08:00:00", "ends_at": "2025-07-11T17:00:00",
         "my_roles": ["delegate"]},
        {"id": 1, "title": "Kỳ họp thứ Mười một – kỳ họp thường lệ cuối năm 2025",
         "body_name": BODY, "term_name": TERM, "status": "in_progress",
         "location": "Hội trường 19/8, số 1 Lê Duẩn, phường Buôn Ma Thuột",
         "starts_at": "2025-12-08T07:30:00", "ends_at": "2025-12-10T17:00:00",
         "my_roles": ["delegate", "chair"]},
        {"id": 2, "title": "Kỳ họp thứ Mười hai (chuyên đề)", "body_name": BODY,
         "term_name": TERM, "status": "published", "location": "Hội trường HĐND tỉnh",
         "starts_at": "2026-01-15T08:00:00", "ends_at": None, "my_roles": ["delegate"]},
    ]
    server.agendas[1] = [
        _item(11, 1, "1", "Khai mạc kỳ họp; thông qua chương trình kỳ họp", "procedure",
              "Bà Lê Thị Thanh Xuân, Chủ tịch HĐND tỉnh", [docs[101], docs[102], docs[103]]),
        _item(12, 2, "2", "Xem xét các báo cáo của Ủy ban nhân dân tỉnh", "report", "",
              children=[
                  _item(121, 1, "2.1", "Báo cáo thẩm tra của Ban Kinh tế – Ngân sách", "report",
                        "Trưởng Ban Kinh tế – Ngân sách", [docs[106]], parent_id=12),
                  _item(122, 2, "2.2", "Thảo luận tại tổ", "discussion", parent_id=12),
              ]),
        _item(13, 3, "3", "Xem xét, thông qua Nghị quyết về dự toán ngân sách địa phương năm "
              "2026", "draft_resolution", "Ông Trần Văn Minh, Phó Chủ tịch UBND tỉnh",
              [docs[104], docs[105]]),
        _item(14, 4, "4", "Chất vấn và trả lời chất vấn", "question_time"),
        _item(15, 5, "5", "Bế mạc kỳ họp", "procedure", "Chủ tọa kỳ họp"),
    ]
    server.agendas[2] = [_item(21, 1, "1", "Khai mạc kỳ họp", "procedure")]
    server.agendas[3] = [
        _item(31, 1, "1", "Khai mạc kỳ họp", "procedure"),
        _item(32, 2, "2", "Nghị quyết về chủ trương đầu tư dự án đường giao thông liên xã",
              "draft_resolution", "Ông Trần Văn Minh, Phó Chủ tịch UBND tỉnh", [docs[104]]),
        _item(33, 3, "3", "Nghị quyết điều chỉnh kế hoạch đầu tư công năm 2025",
              "draft_resolution", "Giám đốc Sở Tài chính"),
    ]
    server.votes[3] = [
        {"id": 301, "agenda_item_id": 32, "title": "Biểu quyết thông qua Nghị quyết",
         "vote_type": "open", "status": "closed", "passed": True, "announcement": ANNOUNCEMENT},
        {"id": 302, "agenda_item_id": 33, "title": "Biểu quyết thông qua Nghị quyết",
         "vote_type": "open", "status": "closed", "passed": False,
         "announcement": ANNOUNCEMENT_FAILED},
    ]
    server.votes[1] = []
    server.votes[2] = []
    return server
