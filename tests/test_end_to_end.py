"""End to end: the seeded demo on a real server on a free port; a delegate's client logs in,
loads the agenda and renders page 1 of a document; the demo command makes its screenshot."""
from __future__ import annotations

import struct
import subprocess
import sys

import pymupdf
import pytest

from app.config import Settings, sqlite_url
from app.demo.seed import DEMO_PASSWORD, DEMO_USERS
from documents.render import PdfRenderer
from sync.client import ApiClient, AuthError, ConnectionFailed
from sync.server.context import ServerContext
from sync.server.runner import BackgroundServer, free_port


@pytest.fixture
def demo_server(demo_dir):
    settings = Settings(database_url=sqlite_url(demo_dir / "phonghop.db"), data_dir=demo_dir)
    with BackgroundServer(ServerContext.from_settings(settings)) as server:
        yield server


def test_a_delegate_reads_page_one_of_an_agenda_document(demo_server, tmp_path):
    client = ApiClient(demo_server.url)
    user = client.login(DEMO_USERS["delegate"], DEMO_PASSWORD)
    assert user.username == "daibieu02"
    sessions = client.sessions()
    upcoming = next(s for s in sessions if s.status == "published")
    assert upcoming.my_roles == ("delegate",)
    agenda = client.agenda(upcoming.id)
    first = agenda[0]
    assert first.title.startswith("Khai mạc kỳ họp") and first.documents
    document = first.documents[0]
    path = client.download_file(document.sha256, tmp_path / "cache")
    with PdfRenderer(path) as renderer:
        assert renderer.page_count == document.page_count
        page = renderer.render(0, width_px=900)
    assert page.width == 900 and len(page.samples) == page.stride * page.height
    assert page.samples.count(b"\xff") < len(page.samples) * 0.995  # something is drawn
    with pymupdf.open(path) as pdf:
        text = pdf[0].get_text()
    assert "HỘI ĐỒNG NHÂN DÂN" in text and "TỈNH ĐẮK LẮK" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text and "Chương trình Kỳ họp thứ Tư" in " ".join(text.split())
    client.logout()


def test_wrong_password_and_unreachable_server_are_clear_errors(demo_server):
    with pytest.raises(AuthError) as wrong:
        ApiClient(demo_server.url).login("daibieu02", "not-the-password")
    assert wrong.value.code == "invalid_credentials"
    with pytest.raises(ConnectionFailed) as down:
        ApiClient(f"http://127.0.0.1:{free_port()}", timeout=2).login("daibieu02", DEMO_PASSWORD)
    assert down.value.code == "unreachable"


def _png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("extra", [[], ["--open-document", "1"], ["--role", "chair"]])
def test_the_demo_command_saves_a_screenshot_and_exits_0(demo_dir, tmp_path, extra):
    target = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "phonghop", "demo", "--data-dir", str(demo_dir), "--offscreen",
         "--screenshot", str(target), *extra],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    width, height = _png_size(target)
    assert width >= 1000 and height >= 600
    image = pymupdf.Pixmap(str(target))
    colours = {image.pixel(x, y) for x in range(0, width, 37) for y in range(0, height, 29)}
    assert len(colours) > 8  # a real window, not a blank grab
