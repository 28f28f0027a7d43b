"""Enumerations of the domain, stored as their string values (portable VARCHAR columns)."""
from __future__ import annotations

import enum


class StrEnum(str, enum.Enum):
    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class BodyKind(StrEnum):
    COUNCIL = "council"  # Hội đồng nhân dân
    COMMITTEE = "committee"  # Ủy ban nhân dân


class BodyLevel(StrEnum):
    PROVINCE = "province"
    COMMUNE = "commune"


class SessionStatus(StrEnum):
    DRAFT = "draft"  # being prepared by the secretary, invisible to delegates
    PUBLISHED = "published"  # upcoming, visible
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class SessionRole(StrEnum):
    DELEGATE = "delegate"
    CHAIR = "chair"
    SECRETARY = "secretary"
    CLERK = "clerk"
    GUEST = "guest"


class AgendaItemKind(StrEnum):
    PROCEDURE = "procedure"  # opening, closing, formalities
    REPORT = "report"  # báo cáo
    SUBMISSION = "submission"  # tờ trình
    DRAFT_RESOLUTION = "draft_resolution"  # dự thảo nghị quyết
    QUESTION_TIME = "question_time"  # chất vấn
    DISCUSSION = "discussion"
    ELECTION = "election"  # bầu cử, miễn nhiệm, bãi nhiệm


class DocumentKind(StrEnum):
    REPORT = "report"
    SUBMISSION = "submission"
    DRAFT_RESOLUTION = "draft_resolution"
    RESOLUTION = "resolution"
    PLAN = "plan"
    OTHER = "other"


class Confidentiality(StrEnum):
    PUBLIC = "public"  # guests may read
    INTERNAL = "internal"  # participants with a role other than guest
    CONFIDENTIAL = "confidential"  # "Mật": delegates, chair, secretary, clerk; watermarked later


class AttendanceStatus(StrEnum):
    PRESENT = "present"  # có mặt
    EXCUSED = "excused"  # vắng có lý do
    ABSENT = "absent"  # vắng


class SpeakerRequestKind(StrEnum):
    SPEECH = "speech"
    QUESTION = "question"


class SpeakerRequestStatus(StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    WITHDRAWN = "withdrawn"  # by the delegate, while waiting
    REMOVED = "removed"  # by the chair, from the queue


class VoteType(StrEnum):
    OPEN = "open"  # công khai
    NAMED = "named"  # ghi danh
    SECRET = "secret"  # bỏ phiếu kín
    CONFIDENCE = "confidence"  # lấy phiếu tín nhiệm (secret)
    ELECTION = "election"  # bầu cử (secret, candidate list)

    @property
    def is_secret(self) -> bool:
        return self in (VoteType.SECRET, VoteType.CONFIDENCE, VoteType.ELECTION)


class VoteStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class ThresholdRule(StrEnum):
    MORE_THAN_HALF_TOTAL = "more_than_half_total"
    TWO_THIRDS_TOTAL = "two_thirds_total"  # at least two thirds of all delegates
    MORE_THAN_TWO_THIRDS_REMAINING = "more_than_two_thirds_remaining"
    MORE_THAN_HALF_PRESENT = "more_than_half_present"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    ARCHIVED = "archived"
