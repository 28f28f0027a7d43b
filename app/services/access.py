"""Who may see what and who may do what. Every route, every mutation handler and the live
hub ask here; nothing else decides (docs/ARCHITECTURE.md)."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import protocol as p
from app.models import (
    Confidentiality,
    Document,
    DocumentVersion,
    MeetingSession,
    SessionRole,
    SessionRoleGrant,
    SessionStatus,
    User,
)
from app.protocol import mutations as m

# Roles that prepare a session and so may see it while it is still a draft.
PREPARING_ROLES = frozenset({SessionRole.SECRETARY, SessionRole.CHAIR})
# Roles that may read documents of each confidentiality level.
READERS = {
    Confidentiality.PUBLIC: frozenset(SessionRole),
    Confidentiality.INTERNAL: frozenset(SessionRole) - {SessionRole.GUEST},
    Confidentiality.CONFIDENTIAL: frozenset(
        {SessionRole.DELEGATE, SessionRole.CHAIR, SessionRole.SECRETARY, SessionRole.CLERK}
    ),
}
# Who receives an event about a document of each confidentiality.
AUDIENCE_OF = {
    Confidentiality.PUBLIC: p.AUDIENCE_ALL,
    Confidentiality.INTERNAL: p.AUDIENCE_MEMBERS,
    Confidentiality.CONFIDENTIAL: p.AUDIENCE_READERS,
}
_AUDIENCE_ROLES = {audience: READERS[level] for level, audience in AUDIENCE_OF.items()}

# Who may make each change (an admin may make every one of them but a ballot or a check-in).
CHAIRING = frozenset({SessionRole.CHAIR})
PRESENTING = frozenset({SessionRole.CHAIR, SessionRole.SECRETARY})
OFFICERS = PRESENTING  # prepare votes, keep attendance; see who has voted in an open vote
_AUDIENCE_ROLES[p.AUDIENCE_OFFICERS] = OFFICERS
SPEAKING = frozenset({SessionRole.DELEGATE, SessionRole.CHAIR})
VOTING = frozenset({SessionRole.DELEGATE})  # no admin bypass: only delegates vote
# Who may share an annotation with the session (a shared one reaches every tablet).
SHARING = frozenset({SessionRole.DELEGATE, SessionRole.CHAIR, SessionRole.SECRETARY,
                     SessionRole.CLERK})
# name -> (roles, refusal code, what it is). A refusal names the role that is missing.
_MUTATION_ROLES: dict[str, tuple[frozenset, str, str]] = {
    m.SetCurrentItem.name: (CHAIRING, "chair_only", "changing the current agenda item"),
    m.SetPresenter.name: (PRESENTING, "forbidden", "presenting"),
    m.SpeakerRequest.name: (SPEAKING, "forbidden", "asking for the floor"),
    **{cls.name: (CHAIRING, "chair_only", "managing the speakers") for cls in (
        m.SpeakerSetStatus, m.SpeakerGrant, m.SpeakerEnd, m.SpeakerMove, m.SpeakerRemove,
        m.SpeakerSetLimit)},
    **{cls.name: (CHAIRING, "chair_only", "opening and closing sittings")
       for cls in (m.SittingOpen, m.SittingClose)},
    m.AttendanceSet.name: (OFFICERS, "officers_only", "keeping the attendance"),
    m.VoteCreate.name: (OFFICERS, "officers_only", "preparing votes"),
    m.VoteCancel.name: (OFFICERS, "officers_only", "cancelling votes"),
    m.VoteOpen.name: (CHAIRING, "chair_only", "opening votes"),
    m.VoteClose.name: (CHAIRING, "chair_only", "closing votes"),
}
# Changes only a delegate makes, for themselves: no admin bypass.
_DELEGATES_ONLY = {m.BallotCast.name: "vote", m.AttendanceCheckIn.name: "check in"}
# Changes a closed session still takes: a delegate's own notes and private annotations (the
# record of the sitting is no longer touched, but nobody loses what they wrote offline).
_AFTER_CLOSE = frozenset({m.NotePut.name, m.NoteDelete.name, m.AnnotationDelete.name})


def roles_in_session(db: Session, user: User, session_id: int) -> frozenset[SessionRole]:
    return frozenset(db.scalars(_ROLES, {"session": session_id, "user": user.id}))


_GRANTS = SessionRoleGrant.__table__.c  # a plain statement: every change of a tablet asks it
_ROLES = select(_GRANTS.role).where(_GRANTS.session_id == bindparam("session"),
                                    _GRANTS.user_id == bindparam("user"))


def can_see_session(user: User, session: MeetingSession, roles: frozenset[SessionRole]) -> bool:
    if user.is_admin:
        return True
    if not roles:
        return False
    if session.status == SessionStatus.DRAFT:
        return bool(roles & PREPARING_ROLES)
    return True


def can_read_document(user: User, document: Document, roles: frozenset[SessionRole]) -> bool:
    if user.is_admin:
        return True
    return bool(roles & READERS[document.confidentiality])


def can_see_participants(user: User, roles: frozenset[SessionRole]) -> bool:
    return user.is_admin or bool(roles - {SessionRole.GUEST})


def can_download_file(db: Session, user: User, sha256: str) -> bool:
    """A file may be downloaded when it is a version of a document the user may read in a
    session the user may see."""
    rows = db.execute(
        select(Document, MeetingSession)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .join(MeetingSession, MeetingSession.id == Document.session_id)
        .where(DocumentVersion.file_sha256 == sha256)
    ).all()
    for document, session in rows:
        roles = roles_in_session(db, user, session.id)
        if can_see_session(user, session, roles) and can_read_document(user, document, roles):
            return True
    return False


def may_receive(audience: str, user_id: int, is_admin: bool, roles: frozenset[SessionRole]) -> bool:
    """May this user receive an event with this audience (docs/PROTOCOL.md)?"""
    if audience.startswith("user:"):
        return audience == p.user_audience(user_id)
    return is_admin or bool(roles & _AUDIENCE_ROLES.get(audience, frozenset()))


def owns(user: User, owner_id: int) -> bool:
    """Only its owner changes a private thing (a note, an annotation, a request to speak)."""
    return owner_id == user.id


def closed_refusal(session: MeetingSession, *, shared: bool) -> Optional[tuple[str, str]]:
    """A closed session keeps what was shared with it: a shared annotation is neither changed
    nor unshared nor deleted after the close (a private one still is)."""
    if session.status == SessionStatus.CLOSED and shared:
        return "session_closed", "the session is closed: what was shared with it stays"
    return None


def mutation_refusal(user: User, session: MeetingSession, roles: frozenset[SessionRole],
                     args: m.MutationArgs) -> Optional[tuple[str, str]]:
    """(code, message) when this user may not make this change in this session, else None.
    Checks of the change's own data (whose note, which document) come with the data."""
    if session.status == SessionStatus.CLOSED and args.name not in _AFTER_CLOSE and not (
            isinstance(args, m.AnnotationPut) and not args.shared):
        return "session_closed", "the session is closed: its record no longer changes"
    if args.name in _DELEGATES_ONLY:
        if not roles & VOTING:
            return "delegates_only", f"only the delegates of this session {_DELEGATES_ONLY[args.name]}"
        return None
    if isinstance(args, m.AnnotationPut) and args.shared and not (
            user.is_admin or roles & SHARING):
        return "forbidden", "your role in this session does not allow sharing annotations"
    needed = _MUTATION_ROLES.get(args.name)
    if needed is not None and not user.is_admin and not roles & needed[0]:
        return needed[1], f"your role in this session does not allow {needed[2]}"
    return None


def sees_voters(user: User, roles: frozenset[SessionRole]) -> bool:
    """May see who has (not yet) voted in an open or named vote (never in a secret one)."""
    return user.is_admin or bool(roles & OFFICERS)
