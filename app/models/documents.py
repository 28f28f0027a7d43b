"""Documents: versioned, each version pointing to a content-addressed stored file."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, CreatedAt, enum_type, utcnow
from app.models.enums import Confidentiality, DocumentKind


class StoredFile(Base):
    """A file's bytes, named by their SHA-256 (hex). The bytes live in the server's data
    directory (files/ab/abcdef...); the same bytes are stored once whatever refers to them."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(CreatedAt, Base):
    """A document of a session (tờ trình, báo cáo, dự thảo nghị quyết...), usually attached
    to an agenda item. Its content is the latest of its versions."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(500))
    number: Mapped[Optional[str]] = mapped_column(String(60))  # "Số: 412/BC-UBND"
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    confidentiality: Mapped[Confidentiality] = mapped_column(
        enum_type(Confidentiality), default=Confidentiality.INTERNAL
    )

    agenda_item: Mapped[Optional["AgendaItem"]] = relationship(  # noqa: F821
        back_populates="documents"
    )
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.version", cascade="all, delete-orphan"
    )

    @property
    def current_version(self) -> Optional[DocumentVersion]:
        return self.versions[-1] if self.versions else None


class DocumentVersion(CreatedAt, Base):
    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int]
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_files.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    page_count: Mapped[Optional[int]]
    note: Mapped[str] = mapped_column(String(500), default="")
    uploaded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document: Mapped[Document] = relationship(back_populates="versions")
    file: Mapped[StoredFile] = relationship()
