"""Vote thresholds and the official announcement (GUIDE.md §2)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.models import ThresholdRule
from app.rules import Tally, announcement, passes, percent_vi

LABELS = ("Tán thành", "Không tán thành", "Không biểu quyết")


def test_the_guide_example_sentence():
    assert announcement(Tally(52, 45, 2, 1), LABELS) == (
        "Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31% tổng số đại biểu); "
        "45 đại biểu tán thành (chiếm 86,54%), 2 đại biểu không tán thành (chiếm 3,85%), "
        "1 đại biểu không biểu quyết (chiếm 1,92%)."
    )


def test_a_body_may_rename_the_options():
    text = announcement(Tally(20, 11, 5, 4), ("Đồng ý", "Không đồng ý", "Phiếu trắng"))
    assert "11 đại biểu đồng ý (chiếm 55,00%)" in text
    assert "4 đại biểu phiếu trắng (chiếm 20,00%)" in text


def test_exactly_half_of_the_total_does_not_pass():
    assert not passes(ThresholdRule.MORE_THAN_HALF_TOTAL, Tally(52, 26, 0, 0))
    assert passes(ThresholdRule.MORE_THAN_HALF_TOTAL, Tally(52, 27, 0, 0))


def test_majority_is_of_the_total_not_of_those_present():
    # 30 of the 35 present approve: a majority of those present, not of the 62 seats.
    assert not passes(ThresholdRule.MORE_THAN_HALF_TOTAL, Tally(62, 30, 3, 2))
    assert passes(ThresholdRule.MORE_THAN_HALF_PRESENT, Tally(62, 30, 3, 2, present=35))


def test_two_thirds_of_the_total_includes_the_bound():
    assert passes(ThresholdRule.TWO_THIRDS_TOTAL, Tally(51, 34, 0, 0))
    assert not passes(ThresholdRule.TWO_THIRDS_TOTAL, Tally(51, 33, 0, 0))


def test_more_than_two_thirds_of_remaining_seats():
    tally = Tally(60, 26, 0, 0, seated_delegates=39)  # fewer than 2/3 of seats filled
    assert not passes(ThresholdRule.MORE_THAN_TWO_THIRDS_REMAINING, tally)  # 26 = 2/3 of 39
    assert passes(ThresholdRule.MORE_THAN_TWO_THIRDS_REMAINING, Tally(60, 27, 0, 0, seated_delegates=39))


def test_percent_rounds_half_up_with_a_decimal_comma():
    assert percent_vi(1, 8) == "12,50%"
    assert percent_vi(1, 3) == "33,33%"
    assert percent_vi(2, 3) == "66,67%"


@given(total=st.integers(1, 500), data=st.data())
def test_majority_rule_matches_exact_fractions(total, data):
    yes = data.draw(st.integers(0, total))
    from fractions import Fraction

    assert passes(ThresholdRule.MORE_THAN_HALF_TOTAL, Tally(total, yes, 0, 0)) == (
        Fraction(yes, total) > Fraction(1, 2))
    assert passes(ThresholdRule.TWO_THIRDS_TOTAL, Tally(total, yes, 0, 0)) == (
        Fraction(yes, total) >= Fraction(2, 3))
