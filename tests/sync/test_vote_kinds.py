"""Confidence votes (lấy phiếu tín nhiệm) and elections (bầu cử) through the real server: the
ballot's form, its refusals, and the announced result per official and per candidate."""
from __future__ import annotations

from tests.sync.sitting_helpers import applied, refused, seat_delegates

OFFICIALS = [{"name": "Nguyễn Văn An", "detail": "Chủ tịch Ủy ban nhân dân tỉnh"},
             {"name": "Trần Thị Bình", "detail": ""}]
CANDIDATES = [{"name": "Lê Văn Cường"}, {"name": "Phạm Thị Dung"}, {"name": "Hoàng Văn Em"}]


def test_a_confidence_vote_rates_each_official_and_flags_the_consequences(world):
    room = seat_delegates(world, 6)
    room.check_in_all()
    vote_id = room.create(title="Lấy phiếu tín nhiệm", vote_type="confidence", subjects=OFFICIALS)
    opened = room.open(vote_id)
    assert [c["label"] for c in opened["choices"]] == ["Tín nhiệm cao", "Tín nhiệm",
                                                      "Tín nhiệm thấp"]
    assert [o["label"] for o in opened["options"]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert refused(room.cast(0, vote_id, choices={"s1": "high"})) == "incomplete_ballot"
    assert refused(room.cast(0, vote_id, choices={"s1": "high", "s2": "great"})) == "unknown_option"
    assert refused(room.cast(0, vote_id, option="yes")) == "unknown_option"
    # the first official: 4 of 6 rate "thấp" (two thirds: dismissal is proposed); the second: 1
    ratings = [("low", "high"), ("low", "trust"), ("low", "high"), ("low", "high"),
               ("trust", "low"), ("high", "high")]
    for index, (first, second) in enumerate(ratings):
        answer = applied(room.cast(index, vote_id, choices={"s1": first, "s2": second}))
        assert answer["tracker"]  # a secret ballot
    result = room.close(vote_id)["result"]
    an, binh = result["subjects"]
    assert [(c["key"], c["count"]) for c in an["counts"]] == [("high", 1), ("trust", 1), ("low", 4)]
    assert (an["low_more_than_half"], an["low_two_thirds_or_more"]) == (False, True)
    assert an["sentence"] == (
        "Nguyễn Văn An, Chủ tịch Ủy ban nhân dân tỉnh: 1 phiếu tín nhiệm cao (chiếm 16,67% tổng "
        "số đại biểu), 1 phiếu tín nhiệm (chiếm 16,67%), 4 phiếu tín nhiệm thấp (chiếm 66,67%). "
        "Có từ hai phần ba tổng số đại biểu trở lên đánh giá tín nhiệm thấp.")
    assert binh["sentence"] == (
        "Trần Thị Bình: 4 phiếu tín nhiệm cao (chiếm 66,67% tổng số đại biểu), 1 phiếu tín nhiệm "
        "(chiếm 16,67%), 1 phiếu tín nhiệm thấp (chiếm 16,67%).")
    assert not binh["low_more_than_half"] and not binh["low_two_thirds_or_more"]
    assert (result["voters"], result["ballots"], room.ballot_box(vote_id)["codes"]) == (6, 6, 6)


def test_an_election_elects_at_most_its_seats_with_more_than_half_of_the_total(world):
    room = seat_delegates(world, 5)
    room.check_in_all()
    creator_refusal = room.change(room.delegates[0], "vote.create", title="x", vote_type="election",
                                  subjects=CANDIDATES, seats=2)
    assert refused(creator_refusal) == "officers_only"
    vote_id = room.create(title="Bầu Ủy viên Ủy ban nhân dân tỉnh", vote_type="election",
                          subjects=CANDIDATES, seats=2)
    room.open(vote_id)
    assert refused(room.cast(0, vote_id, choices={"s1": "agree", "s2": "agree",
                                                  "s3": "agree"})) == "too_many_chosen"
    ballots = [("agree", "agree", "disagree"), ("agree", "disagree", "agree"),
               ("agree", "agree", "disagree"), ("disagree", "agree", "agree"),
               ("agree", "disagree", "disagree")]
    for index, (a, b, c) in enumerate(ballots):
        applied(room.cast(index, vote_id, choices={"s1": a, "s2": b, "s3": c}))
    closed = room.close(vote_id)
    result = closed["result"]
    assert [(s["name"], s["agree"], s["elected"]) for s in result["subjects"]] == [
        ("Lê Văn Cường", 4, True), ("Phạm Thị Dung", 3, True), ("Hoàng Văn Em", 2, False)]
    assert closed["announcement"] == (
        "Lê Văn Cường: 4 phiếu đồng ý (chiếm 80,00% tổng số đại biểu); Phạm Thị Dung: 3 phiếu "
        "đồng ý (chiếm 60,00% tổng số đại biểu); Hoàng Văn Em: 2 phiếu đồng ý (chiếm 40,00% tổng "
        "số đại biểu). Các ứng cử viên trúng cử: Lê Văn Cường, Phạm Thị Dung.")
    report = result["count_report"]
    assert (report["total_delegates"], report["valid_ballots"], report["invalid_ballots"]) == (5, 5, 0)
    assert report["elected_names"] == ["Lê Văn Cường", "Phạm Thị Dung"]


def test_an_election_needs_its_candidates_and_seats(world):
    room = seat_delegates(world, 2)
    assert refused(room.change(room.world_secretary(), "vote.create", title="Bầu",
                               vote_type="election", subjects=CANDIDATES)) == "invalid"
    assert refused(room.change(room.world_secretary(), "vote.create", title="Bầu",
                               vote_type="election", subjects=CANDIDATES, seats=4)) == "invalid"
    assert refused(room.change(room.world_secretary(), "vote.create", title="Tín nhiệm",
                               vote_type="confidence")) == "invalid"
    assert refused(room.change(room.world_secretary(), "vote.create", title="Biểu quyết",
                               vote_type="open", subjects=CANDIDATES)) == "invalid"
