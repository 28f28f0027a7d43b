"""Casting a ballot: online only (the tablet never queues it), once per delegate and vote.
Opening and closing votes, thresholds and announcements come with the voting issue."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import protocol as p
from app.models import Ballot, Vote, VoteOption, VoteParticipation, VoteStatus
from app.models.base import utcnow
from app.protocol import mutations as m
from app.services.meetings import vote_dict
from app.services.mutations import MutationContext, Rejected, handler


@handler(m.BallotCast)
def cast_ballot(ctx: MutationContext, args: m.BallotCast) -> dict:
    vote = ctx.db.get(Vote, args.vote_id)
    if vote is None or vote.session_id != ctx.session.id:
        raise Rejected("not_found", "no such vote in this session")
    if vote.status is not VoteStatus.OPEN:
        raise Rejected("vote_closed", "this vote is not open")
    option = ctx.db.scalar(select(VoteOption).where(VoteOption.vote_id == vote.id,
                                                    VoteOption.key == args.option))
    if option is None:
        raise Rejected("invalid", "no such option in this vote")
    try:
        with ctx.db.begin_nested():
            ctx.db.add(VoteParticipation(vote_id=vote.id, user_id=ctx.user.id))
    except IntegrityError:
        raise Rejected("already_voted", "you have already voted in this vote") from None
    secret = vote.vote_type.is_secret
    ctx.db.add(Ballot(id=secrets.randbelow(2 ** 31 - 2) + 1 if secret else None,
                      vote_id=vote.id, option_id=option.id,
                      voter_id=None if secret else ctx.user.id,
                      cast_at=None if secret else utcnow()))
    ctx.db.flush()
    state = vote_dict(ctx.db, vote)
    ctx.emit("vote.ballots", p.ENTITY_VOTE, vote.id, "upsert", state, p.AUDIENCE_ALL,
             anonymous=True)  # no origin: a tablet id must not tell who has just voted
    return {"vote_id": vote.id, "recorded": True}
