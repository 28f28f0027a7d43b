"""The domain model (SQLAlchemy 2 typed mappings).

One module per area; every table is created and changed only through Alembic migrations
(`app/migrations`). Later issues add columns and tables through new revisions.
"""
from app.models.base import Base
from app.models.enums import (
    AgendaItemKind,
    AttendanceStatus,
    BodyKind,
    BodyLevel,
    Confidentiality,
    DocumentKind,
    MinutesStatus,
    SessionRole,
    SessionStatus,
    SpeakerRequestKind,
    SpeakerRequestStatus,
    ThresholdRule,
    VoteStatus,
    VoteType,
)
from app.models.organisation import Body, Term, TermMember, User
from app.models.meeting import AgendaItem, MeetingSession, SessionRoleGrant, Sitting
from app.models.documents import Document, DocumentVersion, StoredFile
from app.models.proceedings import Annotation, AttendanceRecord, SpeakerRequest
from app.models.voting import (
    Ballot, PublishedTracker, SealedBallot, Vote, VoteOption, VoteParticipation,
)
from app.models.record import AuditEvent, AuthToken, Minutes
from app.models.sync import (
    AppliedMutation,
    LiveState,
    PersonalNote,
    RateBucket,
    ServerMeta,
    SessionCursor,
    SyncClient,
    SyncEvent,
)

__all__ = [
    "AgendaItem", "AgendaItemKind", "Annotation", "AttendanceRecord", "AttendanceStatus",
    "AuditEvent", "AuthToken", "Ballot", "Base", "Body", "BodyKind", "BodyLevel",
    "Confidentiality", "Document", "DocumentKind", "DocumentVersion", "MeetingSession",
    "Minutes", "MinutesStatus", "PublishedTracker", "SealedBallot", "SessionRole", "SessionRoleGrant", "SessionStatus", "Sitting",
    "SpeakerRequest", "SpeakerRequestKind", "SpeakerRequestStatus", "StoredFile", "Term",
    "TermMember", "ThresholdRule", "User", "Vote", "VoteOption", "VoteParticipation",
    "VoteStatus", "VoteType", "AppliedMutation", "LiveState", "PersonalNote",
    "RateBucket", "ServerMeta", "SessionCursor",
    "SyncClient", "SyncEvent",
]
