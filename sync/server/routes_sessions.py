"""Sessions, their agenda, documents, participants and vote results."""
from __future__ import annotations

from fastapi import APIRouter

from app.services import meetings
from sync.server.deps import CurrentUser, Db, IdPath
from sync.server.schemas import (
    AgendaItemOut, DocumentOut, ErrorOut, ParticipantOut, SessionOut, VoteOut,
)

router = APIRouter(tags=["sessions"])


@router.get("/sessions", response_model=list[SessionOut])
def list_sessions(db: Db, user: CurrentUser):
    return meetings.list_sessions(db, user)


@router.get("/sessions/{session_id}", response_model=SessionOut)
def get_session(session_id: IdPath, db: Db, user: CurrentUser):
    for row in meetings.list_sessions(db, user):
        if row["id"] == session_id:
            return row
    raise meetings.NotFound()


@router.get("/sessions/{session_id}/agenda", response_model=list[AgendaItemOut])
def get_agenda(session_id: IdPath, db: Db, user: CurrentUser):
    return meetings.agenda_tree(db, user, session_id)


@router.get("/sessions/{session_id}/documents", response_model=list[DocumentOut])
def list_documents(session_id: IdPath, db: Db, user: CurrentUser):
    return meetings.session_documents(db, user, session_id)


@router.get("/sessions/{session_id}/participants", response_model=list[ParticipantOut],
            responses={403: {"model": ErrorOut, "description": "guests do not see the list"}})
def list_participants(session_id: IdPath, db: Db, user: CurrentUser):
    return meetings.participants(db, user, session_id)


@router.get("/sessions/{session_id}/votes", response_model=list[VoteOut])
def list_votes(session_id: IdPath, db: Db, user: CurrentUser):
    return meetings.vote_results(db, user, session_id)


@router.get("/documents/{document_id}", response_model=DocumentOut)
def get_document(document_id: IdPath, db: Db, user: CurrentUser):
    return meetings.get_document(db, user, document_id)
