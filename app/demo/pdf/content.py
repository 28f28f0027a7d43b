"""Plausible Vietnamese administrative prose and tables, generated deterministically.

Everything random goes through the ``random.Random`` handed in, so one seed gives one
document. Blocks (``Heading``, ``Paragraph``, ``Table``) are laid out by ``layout``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.demo.pdf import phrases as bank


def format_vn_number(value: float, decimals: int = 0) -> str:
    """Vietnamese number format: '.' groups thousands, ',' is the decimal mark (12.345,67)."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans({",": ".", ".": ","}))


_ACRONYMS = frozenset({"HĐND", "UBND", "MTTQ", "TP."})


def sentence_case(text: str) -> str:
    """'ỦY BAN NHÂN DÂN' -> 'Ủy ban nhân dân' (acronyms such as HĐND stay upper case)."""
    words = [w if w in _ACRONYMS else w.lower() for w in text.split(" ")]
    return capitalize_first(" ".join(words))


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 chapter "I.", 2 section "1.", 3 subsection "a)"
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | italic | bullet


@dataclass(frozen=True)
class Table:
    caption: str
    unit_note: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # fractions of the text width
    aligns: tuple[str, ...]  # "l" | "c" | "r" per column
    rows: tuple[tuple[str, ...], ...]
    bold_rows: frozenset[int] = frozenset()


Block = Heading | Paragraph | Table

_LEVEL_WORDS = ("THÀNH PHỐ", "ĐẶC KHU", "PHƯỜNG", "TỈNH", "XÃ")


@dataclass(frozen=True)
class IssuerContext:
    """What the text needs to know about who issues the document, where and when."""

    parent_lines: tuple[str, ...]  # superior body, printed in regular capitals (may be empty)
    name: str  # the issuing body, printed in bold capitals: "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"
    body: str  # "Ủy ban nhân dân tỉnh"
    level: str  # "tỉnh"
    place: str  # "Đắk Lắk"
    year: int
    date_phrase: str  # "ngày 20 tháng 11 năm 2026"
    sign_on_behalf: str  # "TM. ỦY BAN NHÂN DÂN" or ""
    sign_title: str  # "CHỦ TỊCH"

    @property
    def council(self) -> str:
        return " ".join(p for p in ("Hội đồng nhân dân", self.level, self.place) if p)


def _split_level(name: str) -> tuple[str, str]:
    """'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK' -> ('ỦY BAN NHÂN DÂN', 'TỈNH')."""
    for word in _LEVEL_WORDS:
        match = re.search(rf"(?:^|\s){word}(?:\s|$)", name)
        if match:
            return name[: match.start()].strip(), word
    return name.strip(), ""


def _signature_titles(body_caps: str) -> tuple[str, str]:
    if body_caps.startswith(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")):
        return f"TM. {body_caps}", "CHỦ TỊCH"
    if body_caps.startswith("THƯỜNG TRỰC"):
        return f"TM. {body_caps}", "CHỦ TỊCH"
    if body_caps.startswith("BAN "):
        return f"TM. {body_caps}", "TRƯỞNG BAN"
    heads = {"SỞ ": "GIÁM ĐỐC", "CÔNG AN": "GIÁM ĐỐC", "TÒA ÁN": "CHÁNH ÁN",
             "VIỆN KIỂM SÁT": "VIỆN TRƯỞNG"}
    for prefix, title in heads.items():
        if body_caps.startswith(prefix):
            return "", title
    return "", "THỦ TRƯỞNG CƠ QUAN"


def issuer_context(issuer: str, place_date: str) -> IssuerContext:
    """Parse the issuer ("\\n" separates a superior body's line from the issuing body)."""
    lines = [line.strip() for line in issuer.splitlines() if line.strip()] or ["CƠ QUAN"]
    # a last line that starts with a level word continues the name above it
    while len(lines) > 1 and _split_level(lines[-1])[0] == "" and _split_level(lines[-1])[1]:
        lines[-2:] = [f"{lines[-2]} {lines[-1]}"]
    parents, name = tuple(lines[:-1]), lines[-1]
    body_caps, level_caps = _split_level(name)
    for parent in reversed(parents):
        level_caps = level_caps or _split_level(parent)[1]
    level = level_caps.lower()
    place = place_date.split(",")[0].strip() or "Đắk Lắk"
    year_match = re.search(r"năm\s+(\d{4})", place_date)
    year = int(year_match.group(1)) if year_match else 2026
    date_match = re.search(r"ngày\s.*?năm\s+\d{4}", place_date)
    date_phrase = date_match.group(0) if date_match else f"năm {year}"
    body = sentence_case(body_caps)
    if body_caps.startswith(("BAN ", "SỞ ")):  # "Ban Kinh tế - Ngân sách", "Sở Tài chính"
        head, rest = body_caps.split(" ", 1)
        body = f"{capitalize_first(head.lower())} " + " - ".join(
            sentence_case(part) for part in rest.split(" - "))
    if _split_level(name)[1]:
        body = f"{body} {level}"
    on_behalf, title = _signature_titles(body_caps)
    return IssuerContext(parents, name, body, level, place, year, date_phrase, on_behalf, title)


class _Slots(dict):
    """Template values, picked lazily (only the placeholders a template uses cost a draw)."""

    def __init__(self, rng: random.Random, fixed: dict[str, str]) -> None:
        super().__init__(fixed)
        self._rng = rng
        self._fixed = fixed

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            return capitalize_first(self[key[:1].lower() + key[1:]])
        rng = self._rng
        if key == "pct":
            return format_vn_number(rng.uniform(1.5, 12.5), 2)
        if key == "pct_plan":
            return format_vn_number(rng.uniform(68.0, 99.5), 2)
        if key == "count":
            return str(rng.randint(5, 60))
        if key == "money":
            return format_vn_number(rng.uniform(20.0, 900.0), 2)
        base = key.rstrip("2")
        options = bank.SLOTS.get(base)
        if options is None:
            raise KeyError(key)
        if base != key and base in self:  # "{task}, {task2}": two different phrases
            first = self[base]
            options = tuple(o for o in options if o.format_map(self._fixed) != first) or options
        value = rng.choice(options)
        value = value.format_map(self._fixed) if "{" in value else value
        self[key] = value
        return value


class ProseGenerator:
    """Sentences, paragraphs, chapters and tables for one document."""

    def __init__(self, rng: random.Random, ctx: IssuerContext) -> None:
        self.rng = rng
        self.ctx = ctx
        self._base = {
            "year": str(ctx.year), "prev": str(ctx.year - 1), "next": str(ctx.year + 1),
            "level": ctx.level, "place": ctx.place, "body": ctx.body,
        }
        self._table_no = 0
        self._recent: list[int] = []
        topics = list(bank.TOPICS)
        rng.shuffle(topics)
        self._topics = topics
        self._topic_index = 0
        self.current_topic = topics[0]

    def fill(self, template: str, topic: tuple | None = None) -> str:
        values = dict(self._base)
        if topic is not None:
            values["topic"] = topic[1]
            values["indicator"] = topic[2]
            values["value"] = self._value(topic)
        return template.format_map(_Slots(self.rng, values))

    def _value(self, topic: tuple) -> str:
        _title, _subject, _indicator, unit, low, high, decimals = topic
        number = format_vn_number(self.rng.uniform(low, high), decimals)
        return f"{number}%" if unit == "%" else f"{number} {unit}"

    def next_topic(self) -> tuple:
        topic = self._topics[self._topic_index % len(self._topics)]
        self._topic_index += 1
        self.current_topic = topic
        return topic

    def sentence(self, topic: tuple) -> str:
        """One sentence whose template differs from the last few sentences' templates."""
        recent = self._recent
        index = self.rng.randrange(len(bank.SENTENCES))
        while index in recent:
            index = self.rng.randrange(len(bank.SENTENCES))
        recent.append(index)
        if len(recent) > 5:
            recent.pop(0)
        return self.fill(bank.SENTENCES[index], topic)

    def sentences(self, topic: tuple) -> Iterator[str]:
        while True:
            yield self.sentence(topic)

    def paragraph(self, topic: tuple, count: int) -> Paragraph:
        return Paragraph(" ".join(self.sentence(topic) for _ in range(count)))

    def bullet(self, topic: tuple) -> Paragraph:
        return Paragraph(self.fill(self.rng.choice(bank.BULLETS), topic), "bullet")

    def chapter_titles(self, kind: str, count: int) -> list[str]:
        opening, closing = bank.CHAPTERS_BY_KIND.get(kind, bank.CHAPTERS_BY_KIND["other"])
        if count <= len(opening) + len(closing):
            # keep the first opening and the last closing chapter, then the others in order
            order = [(0, 0), (1, len(closing) - 1)] + [(0, i) for i in range(1, len(opening))]
            order += [(1, i) for i in range(len(closing) - 1)]
            chosen = sorted(order[:count])
            titles = [(opening, closing)[part][i] for part, i in chosen]
        else:
            middle = self.rng.sample(bank.DOMAIN_CHAPTERS, count - len(opening) - len(closing))
            titles = list(opening) + middle + list(closing)
        return [t.format_map(self._base) for t in titles]

    def chapter_blocks(self) -> Iterator[Block]:
        """An endless stream of numbered sections; the layout stops it when the pages are full."""
        rng = self.rng
        number = 0
        while True:
            number += 1
            topic = self.next_topic()
            yield Heading(2, f"{number}. {topic[0]}")
            yield self.paragraph(topic, rng.randint(2, 4))
            if rng.random() < 0.55:
                names = rng.sample(bank.SUBSECTIONS, rng.randint(2, 3))
                for letter, name in zip("abcd", names):
                    yield Heading(3, f"{letter}) {name}")
                    for _ in range(rng.randint(1, 3)):
                        yield self.paragraph(topic, rng.randint(2, 5))
                    if rng.random() < 0.4:
                        for _ in range(rng.randint(2, 4)):
                            yield self.bullet(topic)
            else:
                for _ in range(rng.randint(2, 4)):
                    yield self.paragraph(topic, rng.randint(2, 5))
                for _ in range(rng.randint(0, 3)):
                    yield self.bullet(topic)
            if rng.random() < 0.45:
                yield self.table()
                yield self.paragraph(topic, rng.randint(1, 3))

    def table_not_placed(self) -> None:
        """The last table did not fit: the next one takes its number."""
        self._table_no -= 1

    def table(self) -> Table:
        self._table_no += 1
        maker = self.rng.choice((self._indicator_table, self._budget_table, self._project_table))
        return maker(self._table_no)

    def _indicator_table(self, number: int) -> Table:
        rng, year = self.rng, self.ctx.year
        rows = []
        for i, (name, unit, low, high, decimals) in enumerate(
                rng.sample(bank.INDICATOR_ROWS, rng.randint(5, 9)), start=1):
            plan = rng.uniform(low, high)
            done = plan * rng.uniform(0.92, 1.08)
            if unit == "%":  # a share cannot pass 100 %
                plan, done = min(plan, 99.5), min(done, 99.5)
            rows.append((str(i), name, unit, format_vn_number(plan, decimals),
                         format_vn_number(done, decimals), format_vn_number(done / plan * 100, 2)))
        return Table(
            f"Bảng {number}. Kết quả thực hiện một số chỉ tiêu chủ yếu năm {year}", "",
            ("TT", "Chỉ tiêu", "Đơn vị tính", f"Kế hoạch năm {year}",
             f"Ước thực hiện năm {year}", "So với kế hoạch (%)"),
            (0.06, 0.36, 0.13, 0.15, 0.15, 0.15), ("c", "l", "c", "r", "r", "r"), tuple(rows))

    def _budget_table(self, number: int) -> Table:
        rng, year = self.rng, self.ctx.year
        revenue = rng.random() < 0.5
        items = rng.sample(bank.REVENUE_ITEMS if revenue else bank.SPENDING_ITEMS, rng.randint(5, 8))
        values = []
        for name in items:
            estimate = rng.uniform(150, 4500)
            actual = estimate * rng.uniform(0.9, 1.15)
            values.append((name, estimate, actual, actual * rng.uniform(0.95, 1.12)))
        totals = [sum(v[i] for v in values) for i in (1, 2, 3)]
        rows = [("", "Tổng số", *self._money(totals))]
        rows += [(str(i), name, *self._money(nums)) for i, (name, *nums) in enumerate(values, 1)]
        what = "thu ngân sách nhà nước trên địa bàn" if revenue else "chi ngân sách địa phương"
        return Table(
            f"Bảng {number}. Dự toán {what} năm {year + 1}", "Đơn vị tính: tỷ đồng",
            ("TT", "Nội dung", f"Dự toán năm {year}", f"Ước thực hiện năm {year}",
             f"Dự toán năm {year + 1}", "So sánh (%)"),
            (0.06, 0.34, 0.15, 0.15, 0.15, 0.15), ("c", "l", "r", "r", "r", "r"),
            tuple(rows), frozenset({0}))

    @staticmethod
    def _money(numbers: list[float] | tuple[float, ...]) -> tuple[str, ...]:
        estimate, actual, planned = numbers
        return (format_vn_number(estimate, 2), format_vn_number(actual, 2),
                format_vn_number(planned, 2), format_vn_number(planned / actual * 100, 2))

    def _project_table(self, number: int) -> Table:
        rng, year = self.rng, self.ctx.year
        rows, total, capital = [], 0, 0
        names: set[str] = set()
        for i in range(1, rng.randint(4, 8) + 1):
            name = ""
            while not name or name in names:
                a, b = rng.sample(bank.PLACE_NAMES, 2)
                name = rng.choice(bank.PROJECT_KINDS).format(a=a, b=b)
            names.add(name)
            investment = rng.randint(15, 450) * 1000 + rng.randint(0, 999)
            planned = int(investment * rng.uniform(0.1, 0.4))
            total, capital = total + investment, capital + planned
            rows.append((str(i), name, f"Xã {a}", format_vn_number(investment),
                         format_vn_number(planned)))
        rows.insert(0, ("", "Tổng cộng", "", format_vn_number(total), format_vn_number(capital)))
        return Table(
            f"Bảng {number}. Danh mục dự án đầu tư công dự kiến bố trí vốn năm {year + 1}",
            "Đơn vị tính: triệu đồng",
            ("TT", "Tên dự án", "Địa điểm xây dựng", "Tổng mức đầu tư",
             f"Kế hoạch vốn năm {year + 1}"),
            (0.06, 0.42, 0.18, 0.17, 0.17), ("c", "l", "c", "r", "r"), tuple(rows), frozenset({0}))
