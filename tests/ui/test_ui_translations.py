"""Vietnamese is complete, the shipped .qm matches the .ts, and English works."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from tests.ui.live_helpers import WAIT_MS
from ui import i18n

TS = i18n.TRANSLATIONS_DIR / "phonghop_vi.ts"
TS_EN = i18n.TRANSLATIONS_DIR / "phonghop_en.ts"
BIN = Path(sys.executable).parent
UI_DIR = Path(__file__).resolve().parents[2] / "ui"


def _messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def _sources(path: Path) -> set[tuple[str, str]]:
    return {(name, m.findtext("source")) for name, m in _messages(path)}


def _tool(name: str) -> str:
    """Qt's translation tools come with PySide6-Essentials, beside the interpreter: never skip
    these checks for want of them."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed next to the interpreter ({BIN}). It comes with "
                    f"PySide6-Essentials: install the client's test dependencies into this "
                    f"interpreter's environment (`make test`, or `{sys.executable} -m pip install "
                    f"-e '.[client,test]'`) and run the tests with that interpreter.",
                    pytrace=False)
    return str(path)


def _problems(path: Path) -> list:
    problems = []
    for context, message in _messages(path):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") or not all(f.strip() for f in forms):
            problems.append((context, source, "unfinished"))
        for form in forms:
            # the same placeholders, so that nothing is lost in translation
            if sorted(re.findall(r"%\d|%n", form)) != sorted(re.findall(r"%\d|%n", source)):
                problems.append((context, source, form))
    return problems


def test_every_message_has_a_finished_vietnamese_translation():
    assert len(list(_messages(TS))) > 100
    assert _problems(TS) == []


def test_english_plural_forms_are_finished():
    sources = _sources(TS_EN)
    assert {("Texts", "%n page(s)"), ("Texts", "%n change(s) waiting to be sent"),
            ("AgendaModel", "%n request(s) to speak")} <= sources
    assert len(sources) == 9 and all("%n" in source for _context, source in sources)
    assert _problems(TS_EN) == []
    singular = {m.findtext("source"): [f.text for f in m.iter("numerusform")]
                for _c, m in _messages(TS_EN)}
    assert singular["%n page(s)"] == ["%n page", "%n pages"]


@pytest.mark.parametrize("plural_only", [False, True])
def test_every_translatable_string_of_the_sources_is_in_the_catalogues(tmp_path, plural_only):
    fresh = tmp_path / "fresh.ts"
    options = ["-pluralonly"] if plural_only else []
    subprocess.run([_tool("pyside6-lupdate"), "-locations", "none", *options, "-extensions", "py",
                    str(UI_DIR), "-ts", str(fresh)], check=True, capture_output=True)
    assert _sources(fresh) == _sources(TS_EN if plural_only else TS)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_compiled_catalogue_is_the_one_made_from_the_ts(tmp_path, language):
    source = i18n.TRANSLATIONS_DIR / f"phonghop_{language}.ts"
    rebuilt = tmp_path / "rebuilt.qm"
    shutil.copy(source, tmp_path / source.name)
    subprocess.run([_tool("pyside6-lrelease"), str(tmp_path / source.name), "-qm",
                    str(rebuilt)], check=True, capture_output=True)
    assert rebuilt.read_bytes() == i18n.qm_path(language).read_bytes()


def test_language_is_vietnamese_unless_english_is_asked_for(monkeypatch):
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    assert i18n.resolve_language(None) == "vi"
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("en_US") == "en"
    assert i18n.resolve_language("fr") == "vi"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    assert i18n.resolve_language(None) == "en"
    assert i18n.resolve_language("vi") == "vi"


def _visible_texts(widget) -> set[str]:
    texts = set()
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        if child.isVisibleTo(widget) and child.text():
            texts.add(child.text())
    return texts


def test_no_english_source_text_is_left_on_the_vietnamese_screen(qtbot, window):
    viewer = window.viewer
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS):
        window.open_document(window.agenda_panel.first_item_documents()[0])
    qtbot.waitUntil(lambda: window.sync_status.state == "online", timeout=WAIT_MS)
    english = {source for _, source in _sources(TS)} - {"100%"}
    assert _visible_texts(window) & english == set()
    assert {"Vừa chiều rộng", "Trực tuyến"} <= _visible_texts(window)


def test_the_ui_in_english(qtbot, english, shared_room):
    window = shared_room.window("chair")
    assert window.header.product_label.text() == "PAPERLESS MEETING ROOM"
    assert window.header.roles_text() == "Chủ tịch HĐND tỉnh · Role: Chair, Delegate"
    assert window.sessions_panel.model.index(0, 0).data() == \
        "Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)"
    from ui.agenda_model import DetailRole
    from ui.session_model import StatusTextRole
    statuses = [window.sessions_panel.model.index(r, 0).data(StatusTextRole) for r in range(2)]
    assert statuses == ["Upcoming", "Finished"]
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(window.agenda_panel.first_item_documents()[0])
    assert window.viewer.page_indicator() == "Page 1 / 6"
    assert window.viewer.toolbar.detail_label.text() == "Plan · No. 215/CTr-HĐND"
    assert window.viewer.toolbar.present_button.text() == "Present"
    first = window.agenda_panel.model.index(0, 0)
    details = [window.agenda_panel.model.index(r, 0, first).data(DetailRole) for r in range(2)]
    assert details == ["Plan · No. 215/CTr-HĐND · 6 pages", "Document · No. 216/DV-HĐND · 4 pages"]
    assert window.viewer.toolbar.fit_button.text() == "Fit width"
    qtbot.waitUntil(lambda: window.sync_status.state == "online", timeout=WAIT_MS)
    assert window.sync_status.state_label.text() == "Online"
