"""Legal rules: vote thresholds, official result sentences, confidence votes and elections
(GUIDE.md §2).

Every comparison is on integers; percentages are rounded half-up to two decimals and written in
Vietnamese format (decimal comma). Every share is a share of the TOTAL number of delegates.
Impossible counts raise ValueError (TypeError for a count that is not an integer)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from app.models.enums import ThresholdRule


@dataclass(frozen=True)
class Tally:
    total_delegates: int  # seats of the term: the base of every share
    approvals: int  # "Tán thành"
    rejections: int  # "Không tán thành"
    abstentions: int  # "Không biểu quyết"
    seated_delegates: int | None = None  # filled seats, for the "remaining delegates" rule
    present: int | None = None

    @property
    def participants(self) -> int:
        return self.approvals + self.rejections + self.abstentions


def passes(rule: ThresholdRule, tally: Tally) -> bool:
    yes = tally.approvals
    if rule is ThresholdRule.MORE_THAN_HALF_TOTAL:
        return 2 * yes > tally.total_delegates
    if rule is ThresholdRule.TWO_THIRDS_TOTAL:
        return 3 * yes >= 2 * tally.total_delegates
    if rule is ThresholdRule.MORE_THAN_TWO_THIRDS_REMAINING:
        seated = tally.seated_delegates if tally.seated_delegates is not None else tally.total_delegates
        return 3 * yes > 2 * seated
    if rule is ThresholdRule.MORE_THAN_HALF_PRESENT:
        present = tally.present if tally.present is not None else tally.participants
        return 2 * yes > present
    raise ValueError(f"unknown rule {rule}")


def percent_vi(part: int, whole: int) -> str:
    """48 of 52 -> "92,31%"."""
    if whole <= 0:
        raise ValueError("the total must be positive")
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + "%"


def announcement(tally: Tally, labels: tuple[str, str, str]) -> str:
    """The sentence the chair reads out, shares of the TOTAL number of delegates."""
    total = tally.total_delegates
    yes_label, no_label, abstain_label = (label.lower() for label in labels)
    return (
        f"Có {tally.participants}/{total} đại biểu tham gia biểu quyết "
        f"(chiếm {percent_vi(tally.participants, total)} tổng số đại biểu); "
        f"{tally.approvals} đại biểu {yes_label} (chiếm {percent_vi(tally.approvals, total)}), "
        f"{tally.rejections} đại biểu {no_label} (chiếm {percent_vi(tally.rejections, total)}), "
        f"{tally.abstentions} đại biểu {abstain_label} (chiếm {percent_vi(tally.abstentions, total)})."
    )


# --- validation helpers ------------------------------------------------------------------------

def _count(name: str, value: object) -> int:
    """A count: an integer (not a bool), zero or more."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative (got {value})")
    return value


def _total(value: object) -> int:
    total = _count("total_delegates", value)
    if total == 0:
        raise ValueError("total_delegates must be at least 1")
    return total


def _at_most(name: str, value: int, bound_name: str, bound: int) -> None:
    if value > bound:
        raise ValueError(f"{name} ({value}) cannot exceed {bound_name} ({bound})")


# --- resolutions: the official result ----------------------------------------------------------

RULE_PHRASES: dict[ThresholdRule, str] = {
    ThresholdRule.MORE_THAN_HALF_TOTAL: "quá nửa tổng số đại biểu",
    ThresholdRule.TWO_THIRDS_TOTAL: "ít nhất hai phần ba tổng số đại biểu",
    ThresholdRule.MORE_THAN_TWO_THIRDS_REMAINING: "quá hai phần ba số đại biểu còn lại",
    ThresholdRule.MORE_THAN_HALF_PRESENT: "quá nửa số đại biểu có mặt",
}


def check_tally(tally: Tally) -> None:
    """Raise ValueError (TypeError for non-integers) when the tally cannot happen: negative
    counts, more voters than delegates, more seated or present delegates than seats, more voters
    than seated or present delegates, more present than seated delegates."""
    total = _total(tally.total_delegates)
    for name in ("approvals", "rejections", "abstentions"):
        _count(name, getattr(tally, name))
    participants = tally.participants
    _at_most("participants", participants, "total_delegates", total)
    seated, present = tally.seated_delegates, tally.present
    if seated is not None:
        _at_most("seated_delegates", _count("seated_delegates", seated), "total_delegates", total)
        _at_most("participants", participants, "seated_delegates", seated)
    if present is not None:
        _at_most("present", _count("present", present), "total_delegates", total)
        _at_most("participants", participants, "present", present)
        if seated is not None:
            _at_most("present", present, "seated_delegates", seated)


def result_sentence(tally: Tally, labels: tuple[str, str, str], rule: ThresholdRule) -> str:
    """The announcement followed by the verdict under `rule`, e.g. "… Kết quả: thông qua (số đại
    biểu tán thành đạt quá nửa tổng số đại biểu)." The shares stay shares of the total; only the
    threshold depends on the rule."""
    check_tally(tally)
    try:
        rule = ThresholdRule(rule)  # the member, or its stored string value
    except ValueError:
        raise ValueError(f"unknown rule {rule!r}") from None
    if len(labels) != 3 or not all(isinstance(label, str) and label.strip() for label in labels):
        raise ValueError("labels must be three non-empty texts: yes, no, abstain")
    labels = (labels[0].strip(), labels[1].strip(), labels[2].strip())
    yes_label = labels[0].lower()
    if passes(rule, tally):
        verdict = f"thông qua (số đại biểu {yes_label} đạt {RULE_PHRASES[rule]})"
    else:
        verdict = f"không thông qua (số đại biểu {yes_label} chưa đạt {RULE_PHRASES[rule]})"
    return f"{announcement(tally, labels)} Kết quả: {verdict}."


# --- confidence votes (lấy phiếu tín nhiệm, NQ 96/2023/QH15) -----------------------------------

@dataclass(frozen=True)
class ConfidenceTally:
    """One official's ratings; the shares are of the total number of delegates."""
    total_delegates: int
    high: int  # "Tín nhiệm cao"
    trust: int  # "Tín nhiệm"
    low: int  # "Tín nhiệm thấp"

    def __post_init__(self) -> None:
        total = _total(self.total_delegates)
        for name in ("high", "trust", "low"):
            _count(name, getattr(self, name))
        _at_most("ballots (high + trust + low)", self.ballots, "total_delegates", total)

    @property
    def ballots(self) -> int:
        return self.high + self.trust + self.low


@dataclass(frozen=True)
class ConfidenceFlags:
    low_more_than_half: bool  # more than half, under two thirds: the official may resign
    low_two_thirds_or_more: bool  # two thirds or more: the nominating body proposes dismissal


def confidence_flags(t: ConfidenceTally) -> ConfidenceFlags:
    total, low = t.total_delegates, t.low
    two_thirds = 3 * low >= 2 * total
    return ConfidenceFlags(low_more_than_half=2 * low > total and not two_thirds,
                           low_two_thirds_or_more=two_thirds)


CONFIDENCE_CONSEQUENCES = {
    "low_more_than_half": "Có quá nửa tổng số đại biểu đánh giá tín nhiệm thấp.",
    "low_two_thirds_or_more": "Có từ hai phần ba tổng số đại biểu trở lên đánh giá tín nhiệm thấp.",
}


def confidence_sentence(name: str, position: str, t: ConfidenceTally) -> str:
    """"Nguyễn Văn A, Chủ tịch …: 40 phiếu tín nhiệm cao (chiếm 76,92% tổng số đại biểu), 10 phiếu
    tín nhiệm (chiếm 19,23%), 2 phiếu tín nhiệm thấp (chiếm 3,85%)." plus the consequence, if any."""
    name, position = name.strip(), position.strip()
    if not name:
        raise ValueError("the official's name is required")
    total = t.total_delegates
    who = f"{name}, {position}" if position else name
    text = (f"{who}: {t.high} phiếu tín nhiệm cao (chiếm {percent_vi(t.high, total)} tổng số đại "
            f"biểu), {t.trust} phiếu tín nhiệm (chiếm {percent_vi(t.trust, total)}), "
            f"{t.low} phiếu tín nhiệm thấp (chiếm {percent_vi(t.low, total)}).")
    flags = confidence_flags(t)
    for flag, consequence in CONFIDENCE_CONSEQUENCES.items():
        if getattr(flags, flag):
            text += " " + consequence
    return text


# --- elections (bầu cử: a candidate list, "Đồng ý" / "Không đồng ý" per candidate) --------------

@dataclass(frozen=True)
class ElectionTally:
    total_delegates: int
    seats: int  # at most this many are elected
    ballots_cast: int  # ballots collected (phiếu thu vào)
    valid_ballots: int
    agree: Mapping[str, int] = field(hash=False)  # candidate key -> valid ballots agreeing
    ballots_issued: int | None = None  # phiếu phát ra, when known

    def __post_init__(self) -> None:
        check_election(self)


def check_election(t: ElectionTally) -> None:
    """Raise ValueError when the counts cannot happen (TypeError for non-integers)."""
    total = _total(t.total_delegates)
    if _count("seats", t.seats) == 0:
        raise ValueError("seats must be at least 1")
    cast, valid = _count("ballots_cast", t.ballots_cast), _count("valid_ballots", t.valid_ballots)
    _at_most("ballots_cast", cast, "total_delegates", total)
    if t.ballots_issued is not None:
        _at_most("ballots_issued", _count("ballots_issued", t.ballots_issued), "total_delegates", total)
        _at_most("ballots_cast", cast, "ballots_issued", t.ballots_issued)
    _at_most("valid_ballots", valid, "ballots_cast", cast)
    if not t.agree:
        raise ValueError("an election needs at least one candidate")
    for key, votes in t.agree.items():
        if not isinstance(key, str) or not key:
            raise ValueError(f"candidate keys must be non-empty texts (got {key!r})")
        _at_most(f"agree[{key!r}]", _count(f"agree[{key!r}]", votes), "valid_ballots", valid)
    # A valid ballot agrees with at most `seats` candidates (more makes it invalid).
    _at_most("the sum of agree counts", sum(t.agree.values()), "valid_ballots × seats", valid * t.seats)


@dataclass(frozen=True)
class ElectionResult:
    elected: tuple[str, ...]  # candidate keys, most votes first (ties in ballot order)
    tied: tuple[str, ...]  # tied at the last seat: another round among them, none elected yet
    invalid_ballots: int
    open_seats: int  # seats not filled by this round (contested by `tied` when any)


def _more_than_half(votes: int, total: int) -> bool:
    return 2 * votes > total


def election_result(t: ElectionTally) -> ElectionResult:
    """Elected: more than half of the TOTAL number of delegates agree; when more qualify than
    there are seats, the most votes win; candidates tied at the last seat all go to another
    round ("bầu lại giữa những người có số phiếu bằng nhau") and none of them is elected."""
    check_election(t)
    rank = {key: i for i, key in enumerate(t.agree)}  # ballot order: orders equals, decides nothing
    qualified = sorted((key for key in rank if _more_than_half(t.agree[key], t.total_delegates)),
                       key=lambda key: (-t.agree[key], rank[key]))
    if len(qualified) <= t.seats:
        elected, tied = qualified, []
    else:
        boundary = t.agree[qualified[t.seats - 1]]
        if t.agree[qualified[t.seats]] < boundary:
            elected, tied = qualified[:t.seats], []
        else:
            elected = [key for key in qualified if t.agree[key] > boundary]
            tied = [key for key in qualified if t.agree[key] == boundary]
    return ElectionResult(elected=tuple(elected), tied=tuple(tied),
                          invalid_ballots=t.ballots_cast - t.valid_ballots,
                          open_seats=t.seats - len(elected))


def _check_names(names: Mapping[str, str], t: ElectionTally) -> None:
    if set(names) != set(t.agree):
        missing, extra = sorted(set(t.agree) - set(names)), sorted(set(names) - set(t.agree))
        raise ValueError(f"names must cover exactly the candidates (missing {missing}, extra {extra})")
    for key, name in names.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"candidate {key!r} has no name")


def _name_list(keys: tuple[str, ...], names: Mapping[str, str]) -> str:
    return ", ".join(names[key].strip() for key in keys)


def election_sentence(names: Mapping[str, str], t: ElectionTally) -> str:
    """"A: 40 phiếu đồng ý (chiếm 76,92% tổng số đại biểu); B: … . Các ứng cử viên trúng cử: A, B."
    (one winner: "Ứng cử viên trúng cử: A."; none: "Không có ứng cử viên nào trúng cử.") and, when
    candidates tie at the last seat, "Bầu lại giữa những người có số phiếu bằng nhau: C, D." """
    _check_names(names, t)
    result = election_result(t)
    total = t.total_delegates
    counts = "; ".join(
        f"{name.strip()}: {t.agree[key]} phiếu đồng ý (chiếm {percent_vi(t.agree[key], total)} "
        f"tổng số đại biểu)" for key, name in names.items())
    if not result.elected:
        outcome = "Không có ứng cử viên nào trúng cử."
    elif len(result.elected) == 1:
        outcome = f"Ứng cử viên trúng cử: {_name_list(result.elected, names)}."
    else:
        outcome = f"Các ứng cử viên trúng cử: {_name_list(result.elected, names)}."
    text = f"{counts}. {outcome}"
    if result.tied:
        text += f" Bầu lại giữa những người có số phiếu bằng nhau: {_name_list(result.tied, names)}."
    return text


def count_report_data(t: ElectionTally, names: Mapping[str, str]) -> dict:
    """The figures of a count report (biên bản kiểm phiếu), plain data (JSON-ready): candidates in
    the order of `names`; `elected`/`tied` as keys, `elected_names`/`tied_names` as names."""
    _check_names(names, t)
    result = election_result(t)
    total = t.total_delegates
    candidates = [
        {"key": key, "name": name.strip(), "agree": t.agree[key],
         "share": percent_vi(t.agree[key], total),
         "elected": key in result.elected, "tied": key in result.tied}
        for key, name in names.items()]
    return {
        "total_delegates": total,
        "seats": t.seats,
        "ballots_issued": t.ballots_issued,  # None when not recorded
        "ballots_cast": t.ballots_cast,
        "valid_ballots": t.valid_ballots,
        "invalid_ballots": result.invalid_ballots,
        "candidates": candidates,
        "elected": list(result.elected),
        "elected_names": [names[key].strip() for key in result.elected],
        "tied": list(result.tied),
        "tied_names": [names[key].strip() for key in result.tied],
        "open_seats": result.open_seats,
        "sentence": election_sentence(names, t),
    }


def quorum_needed(total_delegates: int) -> int:
    """A sitting of the council goes ahead with at least two thirds of the total number of
    delegates present (Luật Tổ chức chính quyền địa phương): the smallest such number."""
    if total_delegates < 0:
        raise ValueError("the total cannot be negative")
    return -(-2 * total_delegates // 3)
