"""Legal rules: vote thresholds and the official announcement sentence (GUIDE.md §2).

All arithmetic is on integers; percentages are rounded half-up to two decimals and written in
Vietnamese format (decimal comma)."""
from __future__ import annotations

from dataclasses import dataclass
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
