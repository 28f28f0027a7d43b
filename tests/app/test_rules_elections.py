"""Elections (bầu cử): who is elected, ties, the sentence and the count report."""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.rules import (
    ElectionResult,
    ElectionTally,
    count_report_data,
    election_result,
    election_sentence,
)

LABELS = ("Tán thành", "Không tán thành", "Không biểu quyết")



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
