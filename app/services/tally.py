"""Counting a closed vote: the counts of its ballots, turned into the result that every screen
shows. The law (thresholds, shares, the official sentences) is `app.rules`, and only there."""
from __future__ import annotations

from collections import Counter
from typing import Any

from app import rules
from app.models import ThresholdRule, Vote, VoteType

SIMPLE_KEYS = ("yes", "no", "abstain")
# The answers of a confidence ballot (NQ 96/2023/QH15) and of an election ballot.
CONFIDENCE_CHOICES = (("high", "Tín nhiệm cao"), ("trust", "Tín nhiệm"), ("low", "Tín nhiệm thấp"))
ELECTION_CHOICES = (("agree", "Đồng ý"), ("disagree", "Không đồng ý"))


def choices_of(vote_type: VoteType) -> tuple[tuple[str, str], ...]:
    """The answers per subject of a ballot with subjects (none for a yes/no/abstain vote)."""
    if vote_type is VoteType.CONFIDENCE:
        return CONFIDENCE_CHOICES
    if vote_type is VoteType.ELECTION:
        return ELECTION_CHOICES
    return ()


def result_of(vote: Vote, ballots: list[dict[str, Any]], voters: int) -> dict[str, Any]:
    """The result of `vote` from its ballots ({"o": option key} or {"c": {subject: answer}}).
    `voters` is the number of "has voted" records; it always equals the number of ballots."""
    if len(ballots) != voters:
        raise RuntimeError(f"vote {vote.id}: {len(ballots)} ballots for {voters} voters")
    total = vote.eligible_count or 0
    base = {"total": total, "voters": voters, "ballots": len(ballots),
            "participation_share": rules.percent_vi(voters, total) if total else "0,00%"}
    if vote.vote_type is VoteType.CONFIDENCE:
        return {**base, "kind": "confidence", **_confidence(vote, ballots, total)}
    if vote.vote_type is VoteType.ELECTION:
        return {**base, "kind": "election", **_election(vote, ballots, total)}
    return {**base, "kind": "simple", **_simple(vote, ballots, total)}


def _simple(vote: Vote, ballots: list[dict], total: int) -> dict[str, Any]:
    counts = Counter(b["o"] for b in ballots)
    labels = tuple(o.label for o in vote.options)
    tally = rules.Tally(total_delegates=total, approvals=counts["yes"], rejections=counts["no"],
                        abstentions=counts["abstain"], seated_delegates=vote.seated_count,
                        present=vote.present_count)
    rule = vote.threshold_rule or ThresholdRule.MORE_THAN_HALF_TOTAL
    return {
        "counts": [{"key": o.key, "label": o.label, "count": counts[o.key],
                    "share": rules.percent_vi(counts[o.key], total)} for o in vote.options],
        "passed": rules.passes(rule, tally),
        "sentence": rules.result_sentence(tally, labels, rule),
    }


def _confidence(vote: Vote, ballots: list[dict], total: int) -> dict[str, Any]:
    subjects, sentences = [], []
    for option in vote.options:
        counts = Counter(b["c"].get(option.key) for b in ballots)
        tally = rules.ConfidenceTally(total_delegates=total, high=counts["high"],
                                      trust=counts["trust"], low=counts["low"])
        flags = rules.confidence_flags(tally)
        sentence = rules.confidence_sentence(option.label, option.detail, tally)
        sentences.append(sentence)
        subjects.append({
            "key": option.key, "name": option.label, "detail": option.detail,
            "counts": [{"key": k, "label": label, "count": counts[k],
                        "share": rules.percent_vi(counts[k], total)}
                       for k, label in CONFIDENCE_CHOICES],
            "low_more_than_half": flags.low_more_than_half,
            "low_two_thirds_or_more": flags.low_two_thirds_or_more,
            "sentence": sentence,
        })
    return {"subjects": subjects, "passed": None, "sentence": " ".join(sentences)}


def _election(vote: Vote, ballots: list[dict], total: int) -> dict[str, Any]:
    agree = {o.key: sum(1 for b in ballots if b["c"].get(o.key) == "agree") for o in vote.options}
    tally = rules.ElectionTally(total_delegates=total, seats=vote.seats or 1,
                                ballots_cast=len(ballots), valid_ballots=len(ballots),
                                agree=agree)
    outcome = rules.election_result(tally)
    names = {o.key: o.label for o in vote.options}
    return {
        "subjects": [{"key": o.key, "name": o.label, "detail": o.detail, "agree": agree[o.key],
                      "disagree": len(ballots) - agree[o.key],
                      "share": rules.percent_vi(agree[o.key], total),
                      "elected": o.key in outcome.elected, "tied": o.key in outcome.tied}
                     for o in vote.options],
        "elected": list(outcome.elected), "tied": list(outcome.tied), "seats": vote.seats,
        "passed": None, "sentence": rules.election_sentence(names, tally),
        "count_report": rules.count_report_data(tally, names),
    }
