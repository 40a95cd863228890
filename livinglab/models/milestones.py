"""Milestones: one practice of one commitment, with its maturity levels and state."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.accounts import User
from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice
from livinglab.models.commitments import Commitment
from livinglab.models.library import Document, Opd
from livinglab.models.uploads import Upload

MILESTONE_STATUSES = ("not_started", "in_progress", "submitted", "returned", "verified", "blocked")


class Milestone(Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("commitment_id", "practice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    target_level: Mapped[int] = mapped_column(Integer, default=3)
    level: Mapped[int | None] = mapped_column(Integer)  # self-assessed by the region
    verified_level: Mapped[int | None] = mapped_column(Integer)  # set by the host
    status: Mapped[str] = mapped_column(String(20), default="not_started", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opds.id"), index=True)  # the responsible OPD

    commitment: Mapped[Commitment] = relationship(back_populates="milestones")
    practice: Mapped[Practice] = relationship(lazy="joined")
    updated_by: Mapped[User | None] = relationship()
    opd: Mapped[Opd | None] = relationship(lazy="joined")
    updates: Mapped[list["MilestoneUpdate"]] = relationship(
        back_populates="milestone", order_by="MilestoneUpdate.id", cascade="all, delete-orphan"
    )
    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="milestone", order_by="Evidence.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def has_progress(self):
        """Work has been recorded: a status beyond not_started or any level."""
        return self.status != "not_started" or self.level is not None or self.verified_level is not None


EVIDENCE_KINDS = ("regulation", "decree", "circular", "sop", "minutes", "report", "url", "video", "other")


class MilestoneUpdate(Base):
    """Append-only history of a milestone: one row per change, never edited."""

    __tablename__ = "milestone_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(20))  # start, submit, verify, return, reopen, block, update, …
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    level: Mapped[int | None] = mapped_column(Integer)  # self-assessed level after this update
    verified_level: Mapped[int | None] = mapped_column(Integer)  # verified level after this update
    note: Mapped[str | None] = mapped_column(Text)  # plain text; always rendered escaped
    version: Mapped[int] = mapped_column(Integer)  # the milestone's version after this update
    # re-planning and extensions: the due date before, and after (for an extension request or a
    # refusal: the date asked for, the due date itself unchanged)
    from_due_date: Mapped[date | None] = mapped_column(Date)
    to_due_date: Mapped[date | None] = mapped_column(Date)

    milestone: Mapped[Milestone] = relationship(back_populates="updates")
    actor: Mapped[User | None] = relationship(lazy="joined")
    evidence: Mapped[list["Evidence"]] = relationship(back_populates="update", order_by="Evidence.id")


class Evidence(Base):
    """Data dukung: a file (through the upload store) or a URL, attached with an update."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"), index=True)
    update_id: Mapped[int | None] = mapped_column(ForeignKey("milestone_updates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    document_number: Mapped[str | None] = mapped_column(String(120))
    enacted_on: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(String(2000))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Linked from the region's library: kind, title, number, date, URL and file are the document's.
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)

    milestone: Mapped[Milestone] = relationship(back_populates="evidence")
    update: Mapped[MilestoneUpdate | None] = relationship(back_populates="evidence")
    upload: Mapped[Upload | None] = relationship(lazy="joined")
    document: Mapped[Document | None] = relationship()
