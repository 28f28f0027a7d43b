"""Confidence votes (lấy phiếu tín nhiệm, NQ 96/2023/QH15): shares, flags, sentences."""
from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import (
    ConfidenceFlags,
    ConfidenceTally,
    confidence_flags,
    confidence_sentence,
)
from tests.app.test_rules import near_bounds

LABELS = ("Tán thành", "Không tán thành", "Không biểu quyết")



# --- Confidence votes (lấy phiếu tín nhiệm) ----------------------------------------------------

def test_confidence_sentence_without_consequence():
    t = ConfidenceTally(52, high=40, trust=10, low=2)
    assert confidence_flags(t) == ConfidenceFlags(low_more_than_half=False,
                                                  low_two_thirds_or_more=False)
    assert confidence_sentence("Nguyễn Văn A", "Chủ tịch Ủy ban nhân dân tỉnh", t) == (
        "Nguyễn Văn A, Chủ tịch Ủy ban nhân dân tỉnh: 40 phiếu tín nhiệm cao (chiếm 76,92% tổng số "
        "đại biểu), 10 phiếu tín nhiệm (chiếm 19,23%), 2 phiếu tín nhiệm thấp (chiếm 3,85%)."
    )


def test_confidence_sentence_without_a_position():
    assert confidence_sentence("Trần Thị B", "", ConfidenceTally(52, 40, 10, 2)) == (
        "Trần Thị B: 40 phiếu tín nhiệm cao (chiếm 76,92% tổng số đại biểu), 10 phiếu tín nhiệm "
        "(chiếm 19,23%), 2 phiếu tín nhiệm thấp (chiếm 3,85%)."
    )


@pytest.mark.parametrize("low, more_than_half, two_thirds", [
    (0, False, False),
    (26, False, False),  # 50,00%: exactly half is not more than half
    (27, True, False),  # 51,92%
    (34, True, False),  # 65,38%: still under two thirds (34,67 delegates)
    (35, False, True),  # 67,31%
    (52, False, True),
])
def test_confidence_flags_around_their_boundaries_for_52_delegates(low, more_than_half, two_thirds):
    t = ConfidenceTally(52, high=52 - low, trust=0, low=low)
    assert confidence_flags(t) == ConfidenceFlags(more_than_half, two_thirds)


def test_two_thirds_of_the_total_is_itself_the_second_flag():
    assert confidence_flags(ConfidenceTally(51, 17, 0, 34)) == ConfidenceFlags(False, True)
    assert confidence_flags(ConfidenceTally(51, 18, 0, 33)) == ConfidenceFlags(True, False)
    assert confidence_flags(ConfidenceTally(51, 25, 0, 26)) == ConfidenceFlags(True, False)
    assert confidence_flags(ConfidenceTally(51, 26, 0, 25)) == ConfidenceFlags(False, False)


def test_confidence_sentence_names_the_first_consequence():
    t = ConfidenceTally(52, high=15, trust=10, low=27)
    assert confidence_sentence("Lê Văn C", "Giám đốc Sở Tài chính", t) == (
        "Lê Văn C, Giám đốc Sở Tài chính: 15 phiếu tín nhiệm cao (chiếm 28,85% tổng số đại biểu), "
        "10 phiếu tín nhiệm (chiếm 19,23%), 27 phiếu tín nhiệm thấp (chiếm 51,92%). "
        "Có quá nửa tổng số đại biểu đánh giá tín nhiệm thấp."
    )
    at_34 = confidence_sentence("Lê Văn C", "", ConfidenceTally(52, 8, 10, 34))
    assert at_34.endswith("34 phiếu tín nhiệm thấp (chiếm 65,38%). "
                          "Có quá nửa tổng số đại biểu đánh giá tín nhiệm thấp.")


def test_confidence_sentence_names_the_second_consequence_only():
    t = ConfidenceTally(52, high=5, trust=10, low=35)
    assert confidence_sentence("Lê Văn C", "Giám đốc Sở Tài chính", t) == (
        "Lê Văn C, Giám đốc Sở Tài chính: 5 phiếu tín nhiệm cao (chiếm 9,62% tổng số đại biểu), "
        "10 phiếu tín nhiệm (chiếm 19,23%), 35 phiếu tín nhiệm thấp (chiếm 67,31%). "
        "Có từ hai phần ba tổng số đại biểu trở lên đánh giá tín nhiệm thấp."
    )


def test_confidence_shares_are_of_the_total_not_of_the_ballots():
    # 40 of 52 voted; 21 "thấp" is a majority of the ballots but not of the 52 delegates.
    t = ConfidenceTally(52, high=5, trust=14, low=21)
    assert confidence_flags(t) == ConfidenceFlags(False, False)
    assert confidence_sentence("Phạm D", "", t).endswith(
        "21 phiếu tín nhiệm thấp (chiếm 40,38%).")


@pytest.mark.parametrize("args, error, message", [
    ((0, 0, 0, 0), ValueError, "total_delegates must be at least 1"),
    ((52, -1, 0, 0), ValueError, "high cannot be negative"),
    ((52, 0, -1, 0), ValueError, "trust cannot be negative"),
    ((52, 0, 0, -1), ValueError, "low cannot be negative"),
    ((52, 30, 20, 3), ValueError, r"\(53\) cannot exceed total_delegates \(52\)"),
    ((52, 1.0, 0, 0), TypeError, "high must be an integer"),
])
def test_impossible_confidence_tallies_are_refused(args, error, message):
    with pytest.raises(error, match=message):
        ConfidenceTally(*args)


def test_a_confidence_sentence_needs_a_name_and_the_tally_is_frozen():
    with pytest.raises(ValueError, match="name"):
        confidence_sentence("  ", "Chủ tịch", ConfidenceTally(52, 40, 10, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ConfidenceTally(52, 40, 10, 2).low = 40


def test_confidence_flags_match_exact_fractions_for_every_small_body():
    for total in range(1, 151):
        for low in range(total + 1):
            flags = confidence_flags(ConfidenceTally(total, total - low, 0, low))
            share = Fraction(low, total)
            assert flags.low_more_than_half == (Fraction(1, 2) < share < Fraction(2, 3))
            assert flags.low_two_thirds_or_more == (share >= Fraction(2, 3))


@given(total=st.integers(1, 500), data=st.data())
def test_confidence_flags_match_exact_fractions(total, data):
    low = data.draw(near_bounds(total))
    high = data.draw(st.integers(0, total - low))
    t = ConfidenceTally(total, high, total - low - high, low)
    share = Fraction(low, total)
    flags = confidence_flags(t)
    assert flags.low_more_than_half == (Fraction(1, 2) < share < Fraction(2, 3))
    assert flags.low_two_thirds_or_more == (share >= Fraction(2, 3))
    sentence = confidence_sentence("Nguyễn Văn A", "", t)
    assert sentence.endswith("Có quá nửa tổng số đại biểu đánh giá tín nhiệm thấp.") == (
        flags.low_more_than_half)
    assert sentence.endswith("trở lên đánh giá tín nhiệm thấp.") == flags.low_two_thirds_or_more
