"""Vote thresholds and the official announcement (GUIDE.md §2)."""
from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.models import ThresholdRule
from app.rules import (
    RULE_PHRASES,
    ConfidenceFlags,
    ConfidenceTally,
    ElectionResult,
    ElectionTally,
    Tally,
    announcement,
    check_tally,
    confidence_flags,
    confidence_sentence,
    count_report_data,
    election_result,
    election_sentence,
    passes,
    percent_vi,
    result_sentence,
)

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


# --- The official result sentence (announcement + verdict under the rule) ---------------------

HALF = ThresholdRule.MORE_THAN_HALF_TOTAL
TWO_THIRDS = ThresholdRule.TWO_THIRDS_TOTAL
REMAINING = ThresholdRule.MORE_THAN_TWO_THIRDS_REMAINING
PRESENT = ThresholdRule.MORE_THAN_HALF_PRESENT
ZERO_OF_52 = (
    "Có 0/52 đại biểu tham gia biểu quyết (chiếm 0,00% tổng số đại biểu); "
    "0 đại biểu tán thành (chiếm 0,00%), 0 đại biểu không tán thành (chiếm 0,00%), "
    "0 đại biểu không biểu quyết (chiếm 0,00%)."
)


def test_each_rule_has_its_legal_phrase():
    assert RULE_PHRASES == {
        HALF: "quá nửa tổng số đại biểu",
        TWO_THIRDS: "ít nhất hai phần ba tổng số đại biểu",
        REMAINING: "quá hai phần ba số đại biểu còn lại",
        PRESENT: "quá nửa số đại biểu có mặt",
    }


def test_the_guide_example_passes_with_its_verdict():
    assert result_sentence(Tally(52, 45, 2, 1), LABELS, HALF) == (
        "Có 48/52 đại biểu tham gia biểu quyết (chiếm 92,31% tổng số đại biểu); "
        "45 đại biểu tán thành (chiếm 86,54%), 2 đại biểu không tán thành (chiếm 3,85%), "
        "1 đại biểu không biểu quyết (chiếm 1,92%). "
        "Kết quả: thông qua (số đại biểu tán thành đạt quá nửa tổng số đại biểu)."
    )


def test_a_renamed_body_hears_its_own_yes_label_in_the_verdict():
    labels = ("Đồng ý", "Không đồng ý", "Phiếu trắng")
    assert result_sentence(Tally(20, 11, 5, 4), labels, HALF) == (
        "Có 20/20 đại biểu tham gia biểu quyết (chiếm 100,00% tổng số đại biểu); "
        "11 đại biểu đồng ý (chiếm 55,00%), 5 đại biểu không đồng ý (chiếm 25,00%), "
        "4 đại biểu phiếu trắng (chiếm 20,00%). "
        "Kết quả: thông qua (số đại biểu đồng ý đạt quá nửa tổng số đại biểu)."
    )


def test_more_than_half_of_the_total_fails_at_exactly_half():
    assert result_sentence(Tally(52, 26, 20, 6), LABELS, HALF) == (
        "Có 52/52 đại biểu tham gia biểu quyết (chiếm 100,00% tổng số đại biểu); "
        "26 đại biểu tán thành (chiếm 50,00%), 20 đại biểu không tán thành (chiếm 38,46%), "
        "6 đại biểu không biểu quyết (chiếm 11,54%). "
        "Kết quả: không thông qua (số đại biểu tán thành chưa đạt quá nửa tổng số đại biểu)."
    )
    assert result_sentence(Tally(52, 27, 19, 6), LABELS, HALF).endswith(
        " Kết quả: thông qua (số đại biểu tán thành đạt quá nửa tổng số đại biểu).")


def test_two_thirds_of_the_total_passes_at_the_bound_and_fails_below():
    assert result_sentence(Tally(51, 34, 10, 2), LABELS, TWO_THIRDS) == (
        "Có 46/51 đại biểu tham gia biểu quyết (chiếm 90,20% tổng số đại biểu); "
        "34 đại biểu tán thành (chiếm 66,67%), 10 đại biểu không tán thành (chiếm 19,61%), "
        "2 đại biểu không biểu quyết (chiếm 3,92%). "
        "Kết quả: thông qua (số đại biểu tán thành đạt ít nhất hai phần ba tổng số đại biểu)."
    )
    assert result_sentence(Tally(51, 33, 10, 2), LABELS, TWO_THIRDS) == (
        "Có 45/51 đại biểu tham gia biểu quyết (chiếm 88,24% tổng số đại biểu); "
        "33 đại biểu tán thành (chiếm 64,71%), 10 đại biểu không tán thành (chiếm 19,61%), "
        "2 đại biểu không biểu quyết (chiếm 3,92%). "
        "Kết quả: không thông qua (số đại biểu tán thành chưa đạt ít nhất hai phần ba tổng số đại biểu)."
    )


def test_vacant_seats_remaining_rule_with_shares_still_of_the_total():
    # 60 seats, 21 vacant: 39 remain. 27 > 2/3 of 39 = 26, although 27 is only 45% of the 60.
    passed = Tally(60, 27, 5, 3, seated_delegates=39)
    assert result_sentence(passed, LABELS, REMAINING) == (
        "Có 35/60 đại biểu tham gia biểu quyết (chiếm 58,33% tổng số đại biểu); "
        "27 đại biểu tán thành (chiếm 45,00%), 5 đại biểu không tán thành (chiếm 8,33%), "
        "3 đại biểu không biểu quyết (chiếm 5,00%). "
        "Kết quả: thông qua (số đại biểu tán thành đạt quá hai phần ba số đại biểu còn lại)."
    )
    assert result_sentence(Tally(60, 26, 5, 3, seated_delegates=39), LABELS, REMAINING) == (
        "Có 34/60 đại biểu tham gia biểu quyết (chiếm 56,67% tổng số đại biểu); "
        "26 đại biểu tán thành (chiếm 43,33%), 5 đại biểu không tán thành (chiếm 8,33%), "
        "3 đại biểu không biểu quyết (chiếm 5,00%). "
        "Kết quả: không thông qua (số đại biểu tán thành chưa đạt quá hai phần ba số đại biểu còn lại)."
    )
    # The same votes under the ordinary rule do not pass: the rule, not the tally, decides.
    assert "Kết quả: không thông qua" in result_sentence(passed, LABELS, HALF)


def test_excused_delegates_present_rule_with_shares_still_of_the_total():
    # 62 seats, 35 present (the others excused): 30 > 35/2, although 30 is 48,39% of the 62.
    tally = Tally(62, 30, 3, 2, present=35)
    assert result_sentence(tally, LABELS, PRESENT) == (
        "Có 35/62 đại biểu tham gia biểu quyết (chiếm 56,45% tổng số đại biểu); "
        "30 đại biểu tán thành (chiếm 48,39%), 3 đại biểu không tán thành (chiếm 4,84%), "
        "2 đại biểu không biểu quyết (chiếm 3,23%). "
        "Kết quả: thông qua (số đại biểu tán thành đạt quá nửa số đại biểu có mặt)."
    )
    assert "Kết quả: không thông qua" in result_sentence(tally, LABELS, HALF)


def test_exactly_half_of_those_present_does_not_pass():
    # 40 present, 5 of them did not press any button: 20 is exactly half of the 40 present.
    assert result_sentence(Tally(62, 20, 10, 5, present=40), LABELS, PRESENT).endswith(
        " Kết quả: không thông qua (số đại biểu tán thành chưa đạt quá nửa số đại biểu có mặt).")
    assert result_sentence(Tally(62, 21, 10, 5, present=40), LABELS, PRESENT).endswith(
        " Kết quả: thông qua (số đại biểu tán thành đạt quá nửa số đại biểu có mặt).")


def test_abstentions_count_against_the_present_majority():
    # 19 present: 10 of them approve and pass; with 2 more present who abstain, 10 of 21 fails.
    assert "Kết quả: thông qua" in result_sentence(Tally(30, 10, 9, 0, present=19), LABELS, PRESENT)
    assert "Kết quả: không thông qua" in result_sentence(
        Tally(30, 10, 9, 2, present=21), LABELS, PRESENT)
    # Half approve and half abstain: not more than half of the total.
    assert "Kết quả: không thông qua" in result_sentence(Tally(52, 26, 0, 26), LABELS, HALF)


def test_a_body_of_one_delegate():
    assert result_sentence(Tally(1, 1, 0, 0), LABELS, HALF) == (
        "Có 1/1 đại biểu tham gia biểu quyết (chiếm 100,00% tổng số đại biểu); "
        "1 đại biểu tán thành (chiếm 100,00%), 0 đại biểu không tán thành (chiếm 0,00%), "
        "0 đại biểu không biểu quyết (chiếm 0,00%). "
        "Kết quả: thông qua (số đại biểu tán thành đạt quá nửa tổng số đại biểu)."
    )
    for rule in ThresholdRule:
        assert "Kết quả: thông qua" in result_sentence(Tally(1, 1, 0, 0), LABELS, rule)
        assert "Kết quả: không thông qua" in result_sentence(Tally(1, 0, 1, 0), LABELS, rule)
        assert "Kết quả: không thông qua" in result_sentence(Tally(1, 0, 0, 1), LABELS, rule)


def test_zero_participants_never_pass():
    assert result_sentence(Tally(52, 0, 0, 0), LABELS, HALF) == ZERO_OF_52 + (
        " Kết quả: không thông qua (số đại biểu tán thành chưa đạt quá nửa tổng số đại biểu).")
    for rule in ThresholdRule:
        sentence = result_sentence(Tally(52, 0, 0, 0, seated_delegates=52, present=0), LABELS, rule)
        assert sentence.startswith(ZERO_OF_52)
        assert sentence.endswith(f" Kết quả: không thông qua (số đại biểu tán thành chưa đạt "
                                 f"{RULE_PHRASES[rule]}).")


def test_nobody_present_never_passes_and_a_vote_without_presence_is_impossible():
    assert "không thông qua" in result_sentence(Tally(52, 0, 0, 0, present=0), LABELS, PRESENT)
    with pytest.raises(ValueError, match="participants"):
        result_sentence(Tally(52, 1, 0, 0, present=0), LABELS, PRESENT)


def test_the_rule_may_be_given_as_its_stored_value():
    assert result_sentence(Tally(52, 45, 2, 1), LABELS, "more_than_half_total") == (
        result_sentence(Tally(52, 45, 2, 1), LABELS, HALF))
    with pytest.raises(ValueError, match="unknown rule"):
        result_sentence(Tally(52, 45, 2, 1), LABELS, "most_votes")


@pytest.mark.parametrize("tally, message", [
    (Tally(0, 0, 0, 0), "total_delegates must be at least 1"),
    (Tally(-3, 0, 0, 0), "total_delegates cannot be negative"),
    (Tally(52, -1, 0, 0), "approvals cannot be negative"),
    (Tally(52, 0, -1, 0), "rejections cannot be negative"),
    (Tally(52, 0, 0, -1), "abstentions cannot be negative"),
    (Tally(52, 30, 20, 3), r"participants \(53\) cannot exceed total_delegates \(52\)"),
    (Tally(52, 0, 0, 0, seated_delegates=53), r"seated_delegates \(53\) cannot exceed total"),
    (Tally(52, 0, 0, 0, seated_delegates=-1), "seated_delegates cannot be negative"),
    (Tally(52, 0, 0, 0, present=53), r"present \(53\) cannot exceed total_delegates"),
    (Tally(52, 0, 0, 0, present=-1), "present cannot be negative"),
    (Tally(52, 20, 9, 1, seated_delegates=29), r"participants \(30\) cannot exceed seated"),
    (Tally(52, 20, 9, 1, present=29), r"participants \(30\) cannot exceed present \(29\)"),
    (Tally(52, 0, 0, 0, seated_delegates=30, present=31), r"present \(31\) cannot exceed seated"),
])
def test_impossible_tallies_are_refused_with_a_clear_message(tally, message):
    with pytest.raises(ValueError, match=message):
        check_tally(tally)
    with pytest.raises(ValueError, match=message):
        result_sentence(tally, LABELS, HALF)


def test_counts_must_be_integers():
    for tally in (Tally(52, 1.5, 0, 0), Tally(52, True, 0, 0), Tally("52", 0, 0, 0),
                  Tally(52, 0, 0, 0, present=3.0)):
        with pytest.raises(TypeError, match="must be an integer"):
            result_sentence(tally, LABELS, HALF)


def test_labels_must_be_three_texts():
    with pytest.raises(ValueError, match="labels"):
        result_sentence(Tally(52, 45, 2, 1), ("", "Không tán thành", "Không biểu quyết"), HALF)
    with pytest.raises(ValueError, match="labels"):
        result_sentence(Tally(52, 45, 2, 1), ("Tán thành", "Không tán thành"), HALF)


@st.composite
def possible_tallies(draw):
    total = draw(st.integers(1, 300))
    seated = draw(st.none() | near_bounds(total))
    present = draw(st.none() | near_bounds(total if seated is None else seated))
    room = min(x for x in (total, seated, present) if x is not None)
    yes = draw(near_bounds(room))
    no = draw(st.integers(0, room - yes))
    abstain = draw(st.integers(0, room - yes - no))
    return Tally(total, yes, no, abstain, seated_delegates=seated, present=present)


def exact_threshold(rule, tally):
    yes = Fraction(tally.approvals)
    if rule is HALF:
        return yes > Fraction(tally.total_delegates, 2)
    if rule is TWO_THIRDS:
        return yes >= Fraction(2, 3) * tally.total_delegates
    if rule is REMAINING:
        base = tally.total_delegates if tally.seated_delegates is None else tally.seated_delegates
        return yes > Fraction(2, 3) * base
    base = tally.participants if tally.present is None else tally.present
    return yes > Fraction(base, 2)


@given(tally=possible_tallies(), rule=st.sampled_from(list(ThresholdRule)))
def test_every_rule_matches_exact_fractions(tally, rule):
    expected = exact_threshold(rule, tally)
    assert passes(rule, tally) == expected
    sentence = result_sentence(tally, LABELS, rule)
    verdict = (f"thông qua (số đại biểu tán thành đạt {RULE_PHRASES[rule]})" if expected else
               f"không thông qua (số đại biểu tán thành chưa đạt {RULE_PHRASES[rule]})")
    assert sentence == f"{announcement(tally, LABELS)} Kết quả: {verdict}."


def test_every_rule_matches_exact_fractions_for_every_small_body():
    for total in range(1, 21):
        for base in range(total + 1):  # seated or present delegates
            for yes in range(base + 1):
                for tally in (Tally(total, yes, base - yes, 0, seated_delegates=base),
                              Tally(total, yes, 0, base - yes, present=base),
                              Tally(total, yes, base - yes, 0)):
                    for rule in ThresholdRule:
                        expected = exact_threshold(rule, tally)
                        verdict = ("thông qua (số đại biểu tán thành đạt" if expected else
                                   "không thông qua (số đại biểu tán thành chưa đạt")
                        assert passes(rule, tally) == expected, (rule, tally)
                        assert result_sentence(tally, LABELS, rule).endswith(
                            f" Kết quả: {verdict} {RULE_PHRASES[rule]}).")


@given(total=st.integers(1, 300), yes=st.integers(0, 300), no=st.integers(0, 300),
       abstain=st.integers(0, 300))
def test_more_voters_than_delegates_is_always_refused(total, yes, no, abstain):
    assume(yes + no + abstain > total)
    with pytest.raises(ValueError, match="cannot exceed total_delegates"):
        result_sentence(Tally(total, yes, no, abstain), LABELS, HALF)


def exact_percent(part, whole):
    hundredths = int(Fraction(part * 10_000, whole) + Fraction(1, 2))  # floor(x + 1/2)
    return f"{hundredths // 100},{hundredths % 100:02d}%"


def test_a_share_ending_in_exactly_half_a_hundredth_rounds_up():
    assert percent_vi(1, 32) == "3,13%"  # 3,125 %
    assert percent_vi(1, 800) == "0,13%"  # 0,125 %
    for whole in range(1, 201):
        for part in range(whole + 1):
            assert percent_vi(part, whole) == exact_percent(part, whole), (part, whole)


@given(whole=st.integers(1, 10_000), data=st.data())
def test_every_share_is_rounded_half_up_exactly(whole, data):
    part = data.draw(st.integers(0, whole))
    assert percent_vi(part, whole) == exact_percent(part, whole)


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


def near_bounds(total):
    """Any count up to total, often one at or next to half or two thirds of it."""
    bounds = {b + d for b in (total // 2, 2 * total // 3) for d in (-1, 0, 1, 2)}
    return st.integers(0, total) | st.sampled_from(sorted(b for b in bounds if 0 <= b <= total))


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


# --- Elections (bầu cử) ------------------------------------------------------------------------

NAMES = {"a": "Nguyễn Văn A", "b": "Trần Thị B", "c": "Lê Văn C"}


def test_a_single_seat_goes_to_the_candidate_over_half():
    t = ElectionTally(52, seats=1, ballots_cast=50, valid_ballots=50, agree={"a": 40, "b": 10})
    assert election_result(t) == ElectionResult(elected=("a",), tied=(), invalid_ballots=0,
                                                 open_seats=0)
    assert election_sentence({"a": "Nguyễn Văn A", "b": "Trần Thị B"}, t) == (
        "Nguyễn Văn A: 40 phiếu đồng ý (chiếm 76,92% tổng số đại biểu); "
        "Trần Thị B: 10 phiếu đồng ý (chiếm 19,23% tổng số đại biểu). "
        "Ứng cử viên trúng cử: Nguyễn Văn A."
    )


def test_when_more_qualify_than_seats_the_most_votes_win():
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 27, "b": 40, "c": 35})  # all three over half of 52
    assert election_result(t) == ElectionResult(elected=("b", "c"), tied=(), invalid_ballots=0,
                                                 open_seats=0)
    assert election_sentence(NAMES, t) == (
        "Nguyễn Văn A: 27 phiếu đồng ý (chiếm 51,92% tổng số đại biểu); "
        "Trần Thị B: 40 phiếu đồng ý (chiếm 76,92% tổng số đại biểu); "
        "Lê Văn C: 35 phiếu đồng ý (chiếm 67,31% tổng số đại biểu). "
        "Các ứng cử viên trúng cử: Trần Thị B, Lê Văn C."
    )


def test_a_tie_at_the_last_seat_goes_to_another_round():
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 40, "b": 30, "c": 30})
    assert election_result(t) == ElectionResult(elected=("a",), tied=("b", "c"), invalid_ballots=0,
                                                 open_seats=1)
    assert election_sentence(NAMES, t) == (
        "Nguyễn Văn A: 40 phiếu đồng ý (chiếm 76,92% tổng số đại biểu); "
        "Trần Thị B: 30 phiếu đồng ý (chiếm 57,69% tổng số đại biểu); "
        "Lê Văn C: 30 phiếu đồng ý (chiếm 57,69% tổng số đại biểu). "
        "Ứng cử viên trúng cử: Nguyễn Văn A. "
        "Bầu lại giữa những người có số phiếu bằng nhau: Trần Thị B, Lê Văn C."
    )


def test_a_tie_for_every_seat_elects_nobody_yet():
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 34, "b": 34, "c": 34})
    assert election_result(t) == ElectionResult(elected=(), tied=("a", "b", "c"),
                                                 invalid_ballots=0, open_seats=2)
    assert election_sentence(NAMES, t).endswith(
        "Không có ứng cử viên nào trúng cử. "
        "Bầu lại giữa những người có số phiếu bằng nhau: Nguyễn Văn A, Trần Thị B, Lê Văn C.")


def test_equal_votes_tie_only_at_the_boundary():
    # Two seats, two candidates level on 30 above a third: both fit, both are elected.
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 30, "b": 20, "c": 30})
    assert election_result(t) == ElectionResult(elected=("a", "c"), tied=(), invalid_ballots=0,
                                                 open_seats=0)
    # The level pair below a leader: one seat left for two, whatever the ballot order.
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 30, "b": 40, "c": 30})
    assert election_result(t) == ElectionResult(elected=("b",), tied=("a", "c"), invalid_ballots=0,
                                                 open_seats=1)


def test_nobody_over_half_of_the_total_is_elected():
    # 26 is exactly half of 52; 21 is more than half of the 38 valid ballots, not of the 52.
    t = ElectionTally(52, seats=2, ballots_cast=40, valid_ballots=38,
                      agree={"a": 26, "b": 21, "c": 5})
    assert election_result(t) == ElectionResult(elected=(), tied=(), invalid_ballots=2,
                                                 open_seats=2)
    assert election_sentence(NAMES, t) == (
        "Nguyễn Văn A: 26 phiếu đồng ý (chiếm 50,00% tổng số đại biểu); "
        "Trần Thị B: 21 phiếu đồng ý (chiếm 40,38% tổng số đại biểu); "
        "Lê Văn C: 5 phiếu đồng ý (chiếm 9,62% tổng số đại biểu). "
        "Không có ứng cử viên nào trúng cử."
    )


def test_the_sentence_follows_the_order_of_names():
    t = ElectionTally(52, seats=1, ballots_cast=50, valid_ballots=50, agree={"a": 40, "b": 10})
    assert election_sentence({"b": "Trần Thị B", "a": "Nguyễn Văn A"}, t).startswith(
        "Trần Thị B: 10 phiếu đồng ý (chiếm 19,23% tổng số đại biểu); Nguyễn Văn A: 40")


def test_count_report_with_invalid_ballots():
    t = ElectionTally(52, seats=2, ballots_cast=50, valid_ballots=47, ballots_issued=51,
                      agree={"a": 40, "b": 30, "c": 20})
    assert election_result(t).invalid_ballots == 3
    assert count_report_data(t, NAMES) == {
        "total_delegates": 52,
        "seats": 2,
        "ballots_issued": 51,
        "ballots_cast": 50,
        "valid_ballots": 47,
        "invalid_ballots": 3,
        "candidates": [
            {"key": "a", "name": "Nguyễn Văn A", "agree": 40, "share": "76,92%",
             "elected": True, "tied": False},
            {"key": "b", "name": "Trần Thị B", "agree": 30, "share": "57,69%",
             "elected": True, "tied": False},
            {"key": "c", "name": "Lê Văn C", "agree": 20, "share": "38,46%",
             "elected": False, "tied": False},
        ],
        "elected": ["a", "b"],
        "elected_names": ["Nguyễn Văn A", "Trần Thị B"],
        "tied": [],
        "tied_names": [],
        "open_seats": 0,
        "sentence": (
            "Nguyễn Văn A: 40 phiếu đồng ý (chiếm 76,92% tổng số đại biểu); "
            "Trần Thị B: 30 phiếu đồng ý (chiếm 57,69% tổng số đại biểu); "
            "Lê Văn C: 20 phiếu đồng ý (chiếm 38,46% tổng số đại biểu). "
            "Các ứng cử viên trúng cử: Nguyễn Văn A, Trần Thị B."),
    }


def test_count_report_of_a_tie():
    t = ElectionTally(52, seats=2, ballots_cast=52, valid_ballots=52,
                      agree={"a": 40, "b": 30, "c": 30})
    report = count_report_data(t, NAMES)
    assert report["ballots_issued"] is None
    assert (report["elected"], report["tied"], report["open_seats"]) == (["a"], ["b", "c"], 1)
    assert report["tied_names"] == ["Trần Thị B", "Lê Văn C"]
    assert [c["tied"] for c in report["candidates"]] == [False, True, True]


@pytest.mark.parametrize("kwargs, message", [
    (dict(total_delegates=0), "total_delegates must be at least 1"),
    (dict(seats=0), "seats must be at least 1"),
    (dict(ballots_cast=53, valid_ballots=50), r"ballots_cast \(53\) cannot exceed total_delegates"),
    (dict(ballots_cast=-1), "ballots_cast cannot be negative"),
    (dict(valid_ballots=51), r"valid_ballots \(51\) cannot exceed ballots_cast \(50\)"),
    (dict(ballots_issued=49), r"ballots_cast \(50\) cannot exceed ballots_issued \(49\)"),
    (dict(ballots_issued=53), r"ballots_issued \(53\) cannot exceed total_delegates"),
    (dict(agree={"a": 51, "b": 0}), r"agree\['a'\] \(51\) cannot exceed valid_ballots \(50\)"),
    (dict(agree={"a": -1, "b": 0}), r"agree\['a'\] cannot be negative"),
    (dict(agree={"a": 30, "b": 21}), r"sum of agree counts \(51\) cannot exceed"),  # seats 1
    (dict(agree={}), "at least one candidate"),
    (dict(agree={"": 3}), "non-empty"),
])
def test_impossible_elections_are_refused(kwargs, message):
    args = dict(total_delegates=52, seats=1, ballots_cast=50, valid_ballots=50,
                agree={"a": 30, "b": 20}) | kwargs
    with pytest.raises(ValueError, match=message):
        ElectionTally(**args)


def test_election_counts_must_be_integers():
    with pytest.raises(TypeError, match="must be an integer"):
        ElectionTally(52, 1, 50, 50, {"a": 30.0})


def test_names_must_match_the_candidates():
    t = ElectionTally(52, seats=1, ballots_cast=50, valid_ballots=50, agree={"a": 40, "b": 10})
    with pytest.raises(ValueError, match=r"missing \['b'\], extra \['c'\]"):
        election_sentence({"a": "A", "c": "C"}, t)
    with pytest.raises(ValueError, match="no name"):
        count_report_data(t, {"a": "A", "b": " "})


@st.composite
def elections(draw):
    total = draw(st.integers(1, 40))
    seats = draw(st.integers(1, 4))
    keys = [f"k{i}" for i in range(draw(st.integers(1, 6)))]
    # Each valid ballot agrees with at most `seats` candidates; small counts make ties common.
    ballots = draw(st.lists(st.sets(st.sampled_from(keys), max_size=seats), max_size=total))
    cast = draw(st.integers(len(ballots), total))
    agree = {key: sum(key in ballot for ballot in ballots) for key in keys}
    return ElectionTally(total, seats, cast, len(ballots), agree)


@st.composite
def close_elections(draw):
    """Counts drawn from two shared values, one of them just over half of the total: more
    candidates qualify than there are seats and ties at the last seat are common."""
    total = draw(st.integers(4, 60))
    seats = draw(st.integers(2, 4))
    cast = draw(st.just(total) | st.integers(total * 3 // 4, total))
    valid = draw(st.just(cast) | st.integers(0, cast))
    pool = [draw(st.integers(total // 2 + 1, total // 2 + 3)),
            draw(st.integers(total // 2 + 1, total) | st.integers(0, total))]
    n = draw(st.integers(seats + 1, seats + 3))
    agree = {f"k{i}": min(valid, draw(st.sampled_from(pool))) for i in range(n)}
    assume(sum(agree.values()) <= valid * seats)
    return ElectionTally(total, seats, cast, valid, agree)


def exact_outcome(t):
    """The law, restated per candidate: elected when more than half of the total agree and no
    more than `seats` qualified candidates have at least as many votes; tied when fewer than
    `seats` have more votes but more than `seats` have at least as many."""
    votes = t.agree
    qualified = [k for k in votes if Fraction(votes[k], t.total_delegates) > Fraction(1, 2)]
    better = {k: sum(votes[q] > votes[k] for q in qualified) for k in qualified}
    at_least = {k: sum(votes[q] >= votes[k] for q in qualified) for k in qualified}
    elected = {k for k in qualified if at_least[k] <= t.seats}
    tied = {k for k in qualified if better[k] < t.seats < at_least[k]}
    return elected, tied


def check_outcome(t):
    elected, tied = exact_outcome(t)
    result = election_result(t)
    assert set(result.elected) == elected
    assert set(result.tied) == tied
    votes = t.agree
    assert [votes[k] for k in result.elected] == sorted((votes[k] for k in elected), reverse=True)
    assert result.invalid_ballots == t.ballots_cast - t.valid_ballots
    assert result.open_seats == t.seats - len(elected)
    assert len(result.elected) <= t.seats
    if tied:
        assert len(result.elected) < t.seats < len(result.elected) + len(result.tied)
    return result


@given(t=elections() | close_elections())
def test_election_outcome_matches_exact_fractions(t):
    check_outcome(t)


def test_every_small_election_matches_exact_fractions():
    ties = 0
    for total in range(1, 9):
        for valid in (total, total - 1):
            for seats in (1, 2, 3):
                for counts in itertools.product(range(valid + 1), repeat=4):
                    if sum(counts) <= valid * seats:
                        agree = dict(zip("abcd", counts))
                        result = check_outcome(ElectionTally(total, seats, total, valid, agree))
                        ties += bool(result.tied and result.elected)
    assert ties > 100, ties  # the boundary cases were really exercised


def test_a_sitting_needs_two_thirds_of_the_total_present():
    from app.rules import quorum_needed

    assert [quorum_needed(n) for n in (52, 51, 3, 1, 0)] == [35, 34, 2, 1, 0]
