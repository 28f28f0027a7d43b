"""Hand-built states of a sitting of the HĐND tỉnh Đắk Lắk (52 delegates) for the hall screen,
shaped as the sync engine's replica gives them, and the script that draws the hall screen's
screenshots from them:

    TZ=Asia/Ho_Chi_Minh QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.hall_samples \\
        docs/screenshots [--qm EXTRA.qm]

(`--qm`: a catalogue installed over the shipped Vietnamese one, for strings not yet in it.)"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from app import rules
from sync.client import AgendaItemInfo, SessionSummary
from ui.session_state import LiveInfo, SessionState, SpeakerInfo
from ui.sitting_state import DelegateInfo, SittingState, VoteOptionView, VoteView

TOTAL = 52
ANNOUNCEMENT = (
    "Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31% tổng số đại biểu); 45 đại biểu tán "
    "thành (chiếm 86,54%), 2 đại biểu không tán thành (chiếm 3,85%), 1 đại biểu không biểu "
    "quyết (chiếm 1,92%). Kết quả: thông qua (số đại biểu tán thành đạt quá nửa tổng số đại "
    "biểu).")
SESSION = SessionSummary(
    id=1, title="Kỳ họp thứ Tư (kỳ họp thường lệ cuối năm 2026)",
    body_name="Hội đồng nhân dân tỉnh Đắk Lắk", term_name="Khóa X", status="in_progress",
    location="Hội trường Trung tâm Hội nghị tỉnh, phường Buôn Ma Thuột, tỉnh Đắk Lắk",
    starts_at="2026-12-08T00:30:00+00:00", ends_at="2026-12-10T10:00:00+00:00",
    my_roles=("guest",))
ITEMS = (
    AgendaItemInfo(1, None, 1, "1", "Khai mạc kỳ họp; thông qua chương trình kỳ họp",
                   "procedure", "Chủ tịch HĐND tỉnh", ""),
    AgendaItemInfo(4, None, 4, "4",
                   "Dự toán ngân sách nhà nước năm 2027 và phân bổ ngân sách cấp tỉnh",
                   "draft_resolution", "UBND tỉnh", ""),
    AgendaItemInfo(10, None, 10, "10", "Chất vấn và trả lời chất vấn", "question_time",
                   "Chủ tọa kỳ họp", ""),
    AgendaItemInfo(11, None, 11, "11", "Lấy phiếu tín nhiệm đối với người giữ chức vụ do "
                   "HĐND tỉnh bầu", "election", "Chủ tọa kỳ họp", ""),
)
SPEAKER = SpeakerInfo(
    uuid="s-1", user_id=17, full_name="H'Yim Kđoh", agenda_item_id=4, kind="speech",
    status="speaking", topic="Bố trí vốn cho các xã vùng đồng bào dân tộc thiểu số",
    requested_at="2026-12-08T02:00:00+00:00", time_limit_s=420)
DELEGATES = (DelegateInfo(17, "H'Yim Kđoh", "Đại biểu HĐND tỉnh – Đơn vị bầu cử số 6"),)
YES_NO = (VoteOptionView("yes", "Tán thành"), VoteOptionView("no", "Không tán thành"),
          VoteOptionView("abstain", "Không biểu quyết"))
BUDGET_VOTE = VoteView(
    id=3, title="Thông qua Nghị quyết về dự toán ngân sách nhà nước năm 2027 và phân bổ "
                "ngân sách cấp tỉnh", vote_type="open", secret=False, status="open",
    agenda_item_id=4, options=YES_NO, eligible_count=TOTAL, ballots=37)
SIMPLE_RESULT = {
    "kind": "simple", "total": TOTAL, "voters": 48, "ballots": 48,
    "participation_share": "92,31%", "passed": True, "sentence": ANNOUNCEMENT,
    "counts": [{"key": "yes", "label": "Tán thành", "count": 45, "share": "86,54%"},
               {"key": "no", "label": "Không tán thành", "count": 2, "share": "3,85%"},
               {"key": "abstain", "label": "Không biểu quyết", "count": 1, "share": "1,92%"}]}
OFFICIALS = (("Nguyễn Văn Hùng", "Chủ tịch HĐND tỉnh", (40, 10, 2)),
             ("Trần Thị Thu Hương", "Phó Chủ tịch HĐND tỉnh", (35, 14, 3)),
             ("Y Biêr Niê", "Chủ tịch UBND tỉnh", (38, 12, 2)),
             ("Lê Quốc Thắng", "Phó Chủ tịch UBND tỉnh", (12, 11, 29)))
CHOICES = (("high", "Tín nhiệm cao"), ("trust", "Tín nhiệm"), ("low", "Tín nhiệm thấp"))


def share(part: int, whole: int = TOTAL) -> str:
    return f"{part * 100 / whole:.2f}".replace(".", ",") + "%"


def state(*, item_id: int | None = 4, speakers=(), votes=(), offset_s: float = 0.0,
          total: int = TOTAL) -> SessionState:
    return SessionState(session_id=1, loaded=True, live_sync=True, session=SESSION, items=ITEMS,
                        live=LiveInfo(current_item_id=item_id), speakers=tuple(speakers),
                        sitting=SittingState(votes=tuple(votes), total_delegates=total,
                                             delegates=DELEGATES, clock_offset_s=offset_s))


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat()


def speaking(remaining_s: float, kind: str = "speech", limit_s: int = 420) -> SessionState:
    """H'Yim Kđoh has the floor with `remaining_s` seconds left (negative: over time)."""
    started = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=limit_s - remaining_s)
    return state(speakers=[replace(SPEAKER, kind=kind, time_limit_s=limit_s,
                                   started_at=iso(started))])


def open_vote(ballots: int = 37, countdown_s: float | None = 75) -> SessionState:
    closes = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=countdown_s)
              if countdown_s is not None else None)
    # what a careless server might leak while the vote is open: never shown
    leaked = dict(SIMPLE_RESULT, counts=[dict(c, count=c["count"] + 90)
                                         for c in SIMPLE_RESULT["counts"]])
    return state(votes=[replace(BUDGET_VOTE, ballots=ballots, closes_at=closes,
                                result=leaked, announcement="Kết quả: bí mật")])


def closed_vote(item_id: int | None = 4, passed: bool = True) -> SessionState:
    vote = replace(BUDGET_VOTE, status="closed", ballots=48, passed=passed,
                   announcement=ANNOUNCEMENT, result=dict(SIMPLE_RESULT, passed=passed))
    return state(item_id=item_id, votes=[vote])


def confidence_vote() -> SessionState:
    subjects = []
    for index, (name, position, counts) in enumerate(OFFICIALS):
        high, trust, low = counts
        subjects.append({
            "key": f"o{index}", "name": name, "detail": position,
            "counts": [{"key": key, "label": label, "count": count, "share": share(count)}
                       for (key, label), count in zip(CHOICES, counts)],
            "low_more_than_half": 2 * low > TOTAL and 3 * low < 2 * TOTAL,
            "low_two_thirds_or_more": 3 * low >= 2 * TOTAL,
            "sentence": rules.confidence_sentence(name, position, rules.ConfidenceTally(
                TOTAL, high, trust, low))})
    result = {"kind": "confidence", "total": TOTAL, "voters": 52, "ballots": 52,
              "participation_share": "100,00%", "subjects": subjects, "passed": None,
              "sentence": " ".join(s["sentence"] for s in subjects)}
    vote = VoteView(
        id=5, title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do HĐND tỉnh bầu",
        vote_type="confidence", secret=True, status="closed", agenda_item_id=11,
        options=tuple(VoteOptionView(s["key"], s["name"], s["detail"]) for s in subjects),
        choices=tuple(VoteOptionView(k, label) for k, label in CHOICES), eligible_count=TOTAL,
        ballots=52, passed=None, announcement=result["sentence"], result=result)
    return state(item_id=11, votes=[vote])


CANDIDATES = (("Phạm Ngọc Ánh", "Giám đốc Sở Tài chính", 44), ("Đinh Công Sơn",
               "Giám đốc Sở Xây dựng", 27), ("H'Bơ Ni Ayŭn", "Phó Trưởng Ban Dân tộc", 27))


def election() -> SessionState:
    """Two seats of Ủy viên UBND tỉnh: one elected, two tied for the second seat."""
    subjects = [{"key": f"c{i}", "name": name, "detail": detail, "agree": agree,
                 "disagree": 51 - agree, "share": share(agree), "elected": i == 0,
                 "tied": i > 0} for i, (name, detail, agree) in enumerate(CANDIDATES)]
    sentence = ("; ".join(f"{s['name']}: {s['agree']} phiếu đồng ý (chiếm {s['share']} tổng số "
                          "đại biểu)" for s in subjects)
                + f". Ứng cử viên trúng cử: {CANDIDATES[0][0]}. Bầu lại giữa những người có "
                  f"số phiếu bằng nhau: {CANDIDATES[1][0]}, {CANDIDATES[2][0]}.")
    result = {"kind": "election", "total": TOTAL, "voters": 51, "ballots": 51,
              "participation_share": share(51), "subjects": subjects, "seats": 2,
              "elected": ["c0"], "tied": ["c1", "c2"], "passed": None, "sentence": sentence}
    vote = VoteView(
        id=6, title="Bầu Ủy viên Ủy ban nhân dân tỉnh nhiệm kỳ 2026 - 2031",
        vote_type="election", secret=True, status="closed", agenda_item_id=11,
        options=tuple(VoteOptionView(s["key"], s["name"], s["detail"]) for s in subjects),
        choices=(VoteOptionView("agree", "Đồng ý"), VoteOptionView("disagree", "Không đồng ý")),
        seats=2, eligible_count=TOTAL, ballots=51, announcement=sentence, result=result)
    return state(item_id=11, votes=[vote])


# -- the screenshots ------------------------------------------------------------------------
SHOTS = {"hall-speaker.png": lambda: speaking(23), "hall-vote-open.png": open_vote,
         "hall-result.png": closed_vote, "hall-confidence.png": confidence_vote,
         "hall-election.png": election, "hall-over-time.png": lambda: speaking(-12, "question"),
         "hall-idle.png": lambda: state(), "hall-no-item.png": lambda: state(item_id=None)}
DOCS = ("hall-speaker.png", "hall-vote-open.png", "hall-result.png")  # docs/screenshots


def save_screenshots(folder: Path, names=None) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from ui.hall_screen import HallScreen

    saved = []
    for name, make in SHOTS.items():
        if names and name not in names:
            continue
        screen = HallScreen(sound=False)
        screen.setFixedSize(1920, 1080)
        screen.set_state(make())
        screen.show()
        for _ in range(5):
            QApplication.processEvents()
        path = folder / name
        if not screen.grab().save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")
        saved.append(path)
        screen.close()
        screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return saved


def main(argv=None) -> int:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.style import apply_style

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--qm", help="a catalogue installed over the shipped Vietnamese one")
    parser.add_argument("--only", nargs="*", help="these file names only")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    i18n.install_translator(app, "vi")
    if args.qm:
        extra = QTranslator(app)
        if not extra.load(args.qm):
            print(f"cannot load {args.qm}", file=sys.stderr)
            return 1
        app.installTranslator(extra)
    apply_style(app)
    args.folder.mkdir(parents=True, exist_ok=True)
    for path in save_screenshots(args.folder, args.only):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
