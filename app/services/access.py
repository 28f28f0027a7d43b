"""Who may see what. Every server route asks here; nothing else decides."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

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


def roles_in_session(db: Session, user: User, session_id: int) -> frozenset[SessionRole]:
    rows = db.scalars(
        select(SessionRoleGrant.role).where(
            SessionRoleGrant.session_id == session_id, SessionRoleGrant.user_id == user.id
        )
    ).all()
    return frozenset(rows)


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
