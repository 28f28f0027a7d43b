"""A closed named vote on the chair's screen: under the official sentence, each option with the
names of those who chose it, from the user ids of the result and the names of the roster."""
from __future__ import annotations

from ui.chair_votes import VotesPage
from ui.sitting_state import sitting_from_view

ROSTER = {"total_delegates": 4, "seated_delegates": 4, "quorum_needed": 3, "delegates": [
    {"user_id": 7, "full_name": "Nguyễn Văn An", "seated": True},
    {"user_id": 3, "full_name": "Trần Thị Bình", "seated": True},
    {"user_id": 9, "full_name": "Lê Văn Cường", "seated": True},
    {"user_id": 4, "full_name": "Phạm Thị Dung", "seated": True}]}
OPTIONS = [{"key": "yes", "label": "Tán thành"}, {"key": "no", "label": "Không tán thành"},
           {"key": "abstain", "label": "Không biểu quyết"}]


def _closed_named_vote(named: dict) -> dict:
    return {"id": 5, "title": "Biểu quyết ghi danh", "vote_type": "named", "secret": False,
            "status": "closed", "options": OPTIONS, "eligible_count": 4, "ballots": 3,
            "passed": True, "announcement": "Có 3/4 đại biểu tham gia biểu quyết …",
            "result": {"kind": "simple", "named": named}}


def test_the_chair_reads_who_chose_what_in_a_named_vote(qtbot, vietnamese):
    view = {("roster", "delegates"): ROSTER,
            ("vote", "5"): _closed_named_vote({"yes": [7, 9], "no": [3], "abstain": []})}
    page = VotesPage()
    qtbot.addWidget(page)
    page.set_state(1, sitting_from_view(view), True, None, "")
    text = page.detail_label.text()
    assert "Tán thành (2): Nguyễn Văn An, Lê Văn Cường" in text
    assert "Không tán thành (1): Trần Thị Bình" in text
    assert "Không biểu quyết (0): —" in text
    assert "Phạm Thị Dung" not in text  # did not vote


def test_a_voter_missing_from_the_roster_is_shown_by_number_and_an_open_vote_lists_nobody(
        qtbot, vietnamese):
    vote = _closed_named_vote({"yes": [12], "no": [], "abstain": []})
    sitting = sitting_from_view({("roster", "delegates"): ROSTER, ("vote", "5"): vote})
    assert sitting.named_choices(sitting.votes[0])[0] == ("Tán thành", ["#12"])
    plain = dict(vote, vote_type="open", result={"kind": "simple", "counts": []})
    sitting = sitting_from_view({("roster", "delegates"): ROSTER, ("vote", "5"): plain})
    assert sitting.named_choices(sitting.votes[0]) == []
