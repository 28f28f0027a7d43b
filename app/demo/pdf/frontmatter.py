"""The fixed parts of a Decree 30 style document: the header block of page 1, the
table of contents, the closing sentence, the signature block and page numbers."""

from __future__ import annotations

from collections.abc import Sequence

from app.demo.pdf.content import IssuerContext, Paragraph, capitalize_first
from app.demo.pdf.layout import (BODY_SIZE, BOTTOM, CENTER_X, LEADING, LEFT, PAGE_H, RIGHT,
                                   TEXT_W, TOP, Faces, OutlineEntry, wrap)
from app.demo.pdf.phrases import LEGAL_BASES
from app.demo.pdf.canvas import FontFace, PageCanvas

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_SIZE = 12.5
TITLE_SIZE = 14.0
RED = (0.8, 0.05, 0.05)

_LEFT_COL = (LEFT - 15, LEFT + 180)
_RIGHT_COL = (LEFT + 180, RIGHT + 12)


def _center(col: tuple[float, float]) -> float:
    return (col[0] + col[1]) / 2


def _fitting_size(text: str, face: FontFace, size: float, width: float) -> float:
    """``size``, or smaller so that ``text`` fits ``width`` (wide fallback fonts)."""
    natural = face.width(text, size)
    return size if natural <= width else size * width / natural


def _name_lines(name: str, face: FontFace, width: float) -> list[str]:
    """Split the issuing body's name before its level word when it does not fit one line."""
    if face.width(name, HEADER_SIZE) <= width:
        return [name]
    for word in (" THÀNH PHỐ ", " ĐẶC KHU ", " PHƯỜNG ", " TỈNH ", " XÃ "):
        cut = name.find(word)
        if cut > 0:
            head, tail = name[:cut], name[cut + 1:]
            return _name_lines(head, face, width) + _name_lines(tail, face, width)
    return [" ".join(w) for w in wrap(name, face, HEADER_SIZE, width)]


def draw_cover_header(canvas: PageCanvas, faces: Faces, ctx: IssuerContext, number: str,
                      place_date: str, confidential: bool, kind_title: str, title: str) -> float:
    """Issuer, national motto, number, date, (MẬT), title and subject; returns the y below."""
    left_cx, right_cx = _center(_LEFT_COL), _center(_RIGHT_COL)
    col_w = _LEFT_COL[1] - _LEFT_COL[0]
    baseline = TOP + HEADER_SIZE
    widest = 0.0
    lines = [(line, faces.regular) for line in ctx.parent_lines]
    lines += [(line, faces.bold) for line in _name_lines(ctx.name, faces.bold, col_w)]
    for line, face in lines:
        size = _fitting_size(line, face, HEADER_SIZE, col_w)
        widest = max(widest, canvas.text_centered(left_cx, baseline, line, face, size))
        baseline += 16
    left_end = baseline - 16 + 8  # just below the last line of the name
    rule = max(40.0, widest * 0.4)
    canvas.line(left_cx - rule / 2, left_end, left_cx + rule / 2, left_end, 0.7)

    top = TOP + HEADER_SIZE
    right_w = _RIGHT_COL[1] - _RIGHT_COL[0]
    canvas.text_centered(right_cx, top, NATION, faces.bold,
                         _fitting_size(NATION, faces.bold, HEADER_SIZE, right_w))
    motto_w = canvas.text_centered(right_cx, top + 17, MOTTO, faces.bold,
                                   _fitting_size(MOTTO, faces.bold, 13.5, right_w))
    canvas.line(right_cx - motto_w / 2, top + 21, right_cx + motto_w / 2, top + 21, 0.7)

    row = max(left_end + 22, top + 45)
    canvas.text_centered(left_cx, row, number, faces.regular,
                         _fitting_size(number, faces.regular, 13, col_w))
    canvas.text_centered(right_cx, row, place_date, faces.italic,
                         _fitting_size(place_date, faces.italic, 13, right_w))
    if confidential:
        box_top = row + 10
        canvas.rect(left_cx - 30, box_top, left_cx + 30, box_top + 24, 1.5, RED)
        canvas.text_centered(left_cx, box_top + 18, "MẬT", faces.bold, 15, RED)
        row = box_top + 24
    y = row + 34
    canvas.text_centered(CENTER_X, y, kind_title, faces.bold, TITLE_SIZE)
    for words in balanced_wrap(title, faces.bold, TITLE_SIZE, TEXT_W - 60):
        y += 19
        line_w = canvas.text_centered(CENTER_X, y, " ".join(words), faces.bold, TITLE_SIZE)
    rule = min(line_w * 0.5, 130.0)
    canvas.line(CENTER_X - rule / 2, y + 8, CENTER_X + rule / 2, y + 8, 0.7)
    return y + 20


def balanced_wrap(text: str, face: FontFace, size: float, width: float) -> list[list[str]]:
    """Wrap into as few lines as ``wrap`` would, but with lines of similar length."""
    lines = wrap(text, face, size, width)
    narrow = width
    while len(lines) > 1 and narrow > width / 2:
        tighter = wrap(text, face, size, narrow - 10)
        if len(tighter) != len(lines):
            break
        lines, narrow = tighter, narrow - 10
    return lines


def subject_of(title: str, kind_title: str) -> str:
    """'Báo cáo tình hình ...' -> 'tình hình ...' (for running text)."""
    lowered = title.lower()
    for prefix in (kind_title.lower(), "báo cáo", "tờ trình", "nghị quyết", "kế hoạch"):
        if lowered.startswith(prefix + " "):
            title = title[len(prefix) + 1:]
            break
    return title[:1].lower() + title[1:]


def about(subject: str) -> str:
    """'dự toán ...' -> 'về dự toán ...'; a subject that already starts with 'về' is kept."""
    return subject if subject.startswith("về ") else f"về {subject}"


def preamble(kind: str, ctx: IssuerContext, subject: str, session: str) -> list[Paragraph]:
    council, body = ctx.council, ctx.body
    level = {"level": ctx.level}
    bases = [Paragraph(b.format_map(level), "italic") for b in LEGAL_BASES[:3]]
    if kind in ("resolution", "draft_resolution"):
        return [Paragraph(council.upper(), "center_bold"),
                Paragraph(f"KHÓA XI, KỲ HỌP THỨ {session.upper()}", "center_bold"),
                *[Paragraph(b.format_map(level), "italic") for b in LEGAL_BASES],
                Paragraph(f"Xét Tờ trình của Ủy ban nhân dân {ctx.level} {about(subject)}; Báo cáo "
                          f"thẩm tra của các Ban {council}; ý kiến thảo luận của đại biểu "
                          "Hội đồng nhân dân tại kỳ họp.", "italic"),
                Paragraph("QUYẾT NGHỊ:", "center_bold")]
    if kind == "submission":
        return [Paragraph(f"Kính gửi: {council}.", "center"), *bases,
                Paragraph(f"{body} kính trình {council} xem xét, quyết định {about(subject)} với "
                          "các nội dung chủ yếu như sau:")]
    if kind == "plan":
        return [*bases, Paragraph(f"{body} ban hành Kế hoạch {subject} như sau:")]
    if kind == "report":
        return [Paragraph(f"Thực hiện Chương trình làm việc năm {ctx.year} của {council}, {body} "
                          f"báo cáo {subject} như sau:")]
    return [Paragraph(f"{body} gửi các vị đại biểu tài liệu {subject} như sau:")]


def closing(kind: str, ctx: IssuerContext, subject: str, session: str) -> Paragraph:
    council, body = ctx.council, ctx.body
    texts = {
        "report": f"Trên đây là báo cáo {subject} của {body}, kính trình {council} xem xét, "
                  "cho ý kiến./.",
        "submission": f"{body} kính trình {council} xem xét, quyết định./.",
        "plan": f"Trên đây là Kế hoạch {subject}. Yêu cầu các cơ quan, đơn vị tổ chức triển khai "
                f"thực hiện; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo "
                f"cáo {body} để xem xét, giải quyết./.",
        "other": f"Trên đây là tài liệu {subject}, kính gửi các vị đại biểu nghiên cứu./.",
    }
    resolution = (f"Nghị quyết này đã được {council} khóa XI, Kỳ họp thứ {session} thông qua "
                  f"{ctx.date_phrase} và có hiệu lực kể từ ngày thông qua./.")
    return Paragraph(capitalize_first(texts.get(kind, resolution)))


def _recipients(ctx: IssuerContext) -> list[str]:
    level = f" {ctx.level}" if ctx.level else ""
    if ctx.name.startswith("HỘI ĐỒNG NHÂN DÂN"):
        return ["- Ủy ban Thường vụ Quốc hội;", "- Chính phủ;", f"- Thường trực HĐND{level};",
                f"- UBND{level};", f"- Đại biểu HĐND{level};", "- Lưu: VT."]
    return [f"- Thường trực HĐND{level};", f"- Các đại biểu HĐND{level};",
            f"- Chủ tịch, các Phó Chủ tịch UBND{level};", "- Các cơ quan, đơn vị liên quan;",
            "- Lưu: VT, TH."]


SIGNATURE_HEIGHT = 150.0


def draw_signature(canvas: PageCanvas, faces: Faces, ctx: IssuerContext, signer: str,
                   top: float) -> None:
    """'Nơi nhận' on the left, 'TM. ... / CHỦ TỊCH', room to sign and the name on the right."""
    y = top + 22
    canvas.text(LEFT, y, "Nơi nhận:", faces.bold_italic, 12)
    for line in _recipients(ctx):
        y += 13.5
        canvas.text(LEFT, y, line, faces.regular, 11)
    lines = [line for line in (ctx.sign_on_behalf, ctx.sign_title) if line]
    widest = max(faces.bold.width(line, 13) for line in [*lines, signer])
    cx = min(LEFT + TEXT_W * 0.72, RIGHT - widest / 2)  # long titles stay inside the margin
    y = top + 22
    for line in lines:
        canvas.text_centered(cx, y, line, faces.bold, 13)
        y += 17
    canvas.text_centered(cx, y + 66, signer, faces.bold, 13)


def draw_toc(canvas: PageCanvas, faces: Faces, entries: Sequence[OutlineEntry], y: float) -> float:
    """'MỤC LỤC' with dot leaders and page numbers; returns the y below it."""
    canvas.text_centered(CENTER_X, y + TITLE_SIZE, "MỤC LỤC", faces.bold, TITLE_SIZE)
    y += TITLE_SIZE + 14
    num_w = 28.0
    for entry in entries:
        face = faces.bold if entry.level == 1 else faces.regular
        indent = 0.0 if entry.level == 1 else 20.0
        lines = wrap(entry.title, face, BODY_SIZE, TEXT_W - indent - num_w - 20)
        for words in lines:
            y += LEADING
            end = LEFT + indent + canvas.text(LEFT + indent, y, " ".join(words), face, BODY_SIZE)
        dot_w = faces.regular.width(" .", BODY_SIZE)
        dots = int((RIGHT - num_w - end - 6) // dot_w)
        if dots > 0:
            canvas.text(RIGHT - num_w - dots * dot_w, y, " ." * dots, faces.regular, BODY_SIZE)
        canvas.text_right(RIGHT, y, str(entry.page_index + 1), face, BODY_SIZE)
    return y + 12


def toc_lines(entries: Sequence[OutlineEntry], faces: Faces) -> int:
    total = 0
    for entry in entries:
        face = faces.bold if entry.level == 1 else faces.regular
        indent = 0.0 if entry.level == 1 else 20.0
        total += len(wrap(entry.title, face, BODY_SIZE, TEXT_W - indent - 48))
    return total


TOC_CAPACITY = int((BOTTOM - TOP - TITLE_SIZE - 26) // LEADING)


def draw_page_number(canvas: PageCanvas, faces: Faces, number: int) -> None:
    canvas.text_centered(CENTER_X, PAGE_H - 10 * 2.8346, str(number), faces.regular, 12)
