"""Reading sessions, agendas, documents and results, filtered by what the user may see."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    AgendaItem,
    Body,
    Document,
    MeetingSession,
    SessionRoleGrant,
    Term,
    User,
    Vote,
    VoteStatus,
)
from app.models.base import iso_utc
from app.services import access
from app.services.vote_views import ballot_box_dict, vote_dict


class NotFound(Exception):
    pass


class Forbidden(Exception):
    pass


def visible_session(db: Session, user: User, session_id: int,
                    known: MeetingSession | None = None) -> tuple[MeetingSession, frozenset]:
    """The session (`known`: already read in this transaction) and the user's roles in it;
    NotFound when it does not exist or the user may not see it (an outsider learns nothing
    about its existence)."""
    session = known if known is not None else db.get(MeetingSession, session_id)
    if session is None:
        raise NotFound()
    roles = access.roles_in_session(db, user, session_id)
    if not access.can_see_session(user, session, roles):
        raise NotFound()
    return session, roles


def list_sessions(db: Session, user: User) -> list[dict[str, Any]]:
    grants: dict[int, set[str]] = defaultdict(set)
    for session_id, role in db.execute(
        select(SessionRoleGrant.session_id, SessionRoleGrant.role).where(
            SessionRoleGrant.user_id == user.id
        )
    ):
        grants[session_id].add(role.value)
    query = (
        select(MeetingSession, Term, Body)
        .join(Term, Term.id == MeetingSession.term_id)
        .join(Body, Body.id == Term.body_id)
        .order_by(MeetingSession.starts_at.desc())
    )
    if not user.is_admin:
        query = query.where(MeetingSession.id.in_(list(grants)))
    result = []
    for session, term, body in db.execute(query):
        roles = frozenset(access.SessionRole(r) for r in grants.get(session.id, ()))
        if not access.can_see_session(user, session, roles):
            continue
        result.append({
            "id": session.id, "title": session.title, "body_name": body.name,
            "term_name": term.name, "status": session.status.value, "location": session.location,
            "starts_at": iso_utc(session.starts_at),  # aware ISO 8601 on every database
            "ends_at": iso_utc(session.ends_at),
            "my_roles": sorted(grants.get(session.id, ())),
        })
    return result


def document_dict(document: Document) -> dict[str, Any]:
    version = document.current_version
    return {
        "id": document.id, "title": document.title, "number": document.number or "",
        "kind": document.kind.value, "confidentiality": document.confidentiality.value,
        "agenda_item_id": document.agenda_item_id, "position": document.position,
        "version": version.version, "sha256": version.file_sha256, "size": version.file.size,
        "page_count": version.page_count or 0, "filename": version.filename,
        "earlier": [{"version": v.version, "sha256": v.file_sha256, "size": v.file.size,
                     "page_count": v.page_count or 0} for v in document.versions[:-1]],
    }


def agenda_tree(db: Session, user: User, session_id: int) -> list[dict[str, Any]]:
    _session, roles = visible_session(db, user, session_id)
    items = db.scalars(
        select(AgendaItem).where(AgendaItem.session_id == session_id).order_by(AgendaItem.position)
    ).all()
    documents = db.scalars(
        select(Document)
        .where(Document.session_id == session_id)
        .options(selectinload(Document.versions))
        .order_by(Document.position, Document.id)
    ).all()
    docs_by_item: dict[int | None, list[dict]] = defaultdict(list)
    for document in documents:
        if document.current_version and access.can_read_document(user, document, roles):
            docs_by_item[document.agenda_item_id].append(document_dict(document))
    nodes = {
        item.id: {
            "id": item.id, "parent_id": item.parent_id, "position": item.position,
            "label": item.label, "title": item.title, "kind": item.kind.value,
            "presenter": item.presenter or "", "description": item.description,
            "planned_minutes": item.planned_minutes,
            "threshold_rule": item.threshold_rule.value if item.threshold_rule else None,
            "documents": docs_by_item.get(item.id, []), "children": [],
        }
        for item in items
    }
    roots = []
    for item in items:
        node = nodes[item.id]
        parent = nodes.get(item.parent_id) if item.parent_id else None
        (parent["children"] if parent else roots).append(node)
    return roots


def session_documents(db: Session, user: User, session_id: int) -> list[dict[str, Any]]:
    _session, roles = visible_session(db, user, session_id)
    documents = db.scalars(
        select(Document).where(Document.session_id == session_id)
        .options(selectinload(Document.versions)).order_by(Document.position, Document.id)
    ).all()
    return [document_dict(d) for d in documents
            if d.current_version and access.can_read_document(user, d, roles)]


def get_document(db: Session, user: User, document_id: int) -> dict[str, Any]:
    document = db.get(Document, document_id)
    if document is None or document.current_version is None:
        raise NotFound()
    _session, roles = visible_session(db, user, document.session_id)
    if not access.can_read_document(user, document, roles):
        raise NotFound()  # the same answer as "no such document": nothing leaks
    return document_dict(document)


def participants(db: Session, user: User, session_id: int) -> list[dict[str, Any]]:
    _session, roles = visible_session(db, user, session_id)
    if not access.can_see_participants(user, roles):
        raise Forbidden()
    rows = db.execute(
        select(SessionRoleGrant, User).join(User, User.id == SessionRoleGrant.user_id)
        .where(SessionRoleGrant.session_id == session_id).order_by(User.full_name)
    ).all()
    return [{"user_id": u.id, "full_name": u.full_name, "title": u.title or "",
             "role": g.role.value, "seat": g.seat} for g, u in rows]


def vote_results(db: Session, user: User, session_id: int) -> list[dict[str, Any]]:
    visible_session(db, user, session_id)
    votes = db.scalars(select(Vote).where(Vote.session_id == session_id).order_by(Vote.id)).all()
    return [vote_dict(db, v) for v in votes]


def ballot_boxes(db: Session, session_id: int) -> list[dict[str, Any]]:
    """The published ballot boxes of the session's closed secret votes."""
    votes = db.scalars(select(Vote).where(Vote.session_id == session_id,
                                          Vote.status == VoteStatus.CLOSED).order_by(Vote.id))
    return [box for box in map(ballot_box_dict, votes) if box is not None]
