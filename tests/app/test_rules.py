"""Vote thresholds and the official announcement (GUIDE.md §2)."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.models import ThresholdRule
from app.rules import (
    RULE_PHRASES,
    Tally,
    announcement,
    check_tally,
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



def test_a_sitting_needs_two_thirds_of_the_total_present():
    from app.rules import quorum_needed

    assert [quorum_needed(n) for n in (52, 51, 3, 1, 0)] == [35, 34, 2, 1, 0]


def near_bounds(total):
    """Any count up to total, often one at or next to half or two thirds of it."""
    bounds = {b + d for b in (total // 2, 2 * total // 3) for d in (-1, 0, 1, 2)}
    return st.integers(0, total) | st.sampled_from(sorted(b for b in bounds if 0 <= b <= total))
