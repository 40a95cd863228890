"""Study visits, signing events and the commitments regions signed."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.accounts import User
from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice
from livinglab.models.regions import Agency, Region
from livinglab.models.uploads import Upload

COMMITMENT_STATUSES = ("draft", "signed", "active", "completed", "withdrawn")
COMMITMENT_FLAGS = ("host_region",)  # set by migration 0009 on commitments the admin must look at
SIGNATORY_TITLES = ("Bupati", "Wali Kota", "Gubernur", "Sekda")
VISITOR_KINDS = ("region", "agency", "organisation")
ORGANISATION_TYPES = ("ngo", "university", "private", "international")

study_visit_practices = Table(
    "study_visit_practices",
    Base.metadata,
    Column("study_visit_id", ForeignKey("study_visits.id", ondelete="CASCADE"), primary_key=True),
    Column("practice_id", ForeignKey("practices.id"), primary_key=True),
)

study_visit_attachments = Table(
    "study_visit_attachments",
    Base.metadata,
    Column("study_visit_id", ForeignKey("study_visits.id", ondelete="CASCADE"), primary_key=True),
    Column("upload_id", ForeignKey("uploads.id"), primary_key=True),
)


class StudyVisit(Base):
    """A visit to the host by a region, an agency (ministry or institution) or another organisation."""

    __tablename__ = "study_visits"
    __table_args__ = (
        CheckConstraint(
            "(visitor_kind = 'region' AND region_id IS NOT NULL AND agency_id IS NULL"
            " AND organisation_name IS NULL AND organisation_type IS NULL)"
            " OR (visitor_kind = 'agency' AND agency_id IS NOT NULL AND region_id IS NULL"
            " AND organisation_name IS NULL AND organisation_type IS NULL)"
            " OR (visitor_kind = 'organisation' AND region_id IS NULL AND agency_id IS NULL"
            " AND organisation_name IS NOT NULL"
            " AND organisation_type IN ('ngo', 'university', 'private', 'international'))",
            name="visitor",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    visitor_kind: Mapped[str] = mapped_column(String(20), default="region", server_default="region", index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    organisation_name: Mapped[str | None] = mapped_column(String(200))
    organisation_type: Mapped[str | None] = mapped_column(String(20))  # one of ORGANISATION_TYPES
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    head_of_delegation: Mapped[str] = mapped_column(String(200))
    delegation_size: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    region: Mapped[Region | None] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
    practices: Mapped[list[Practice]] = relationship(secondary=study_visit_practices, order_by=Practice.code)
    attachments: Mapped[list[Upload]] = relationship(secondary=study_visit_attachments, order_by=Upload.id)
    created_by: Mapped[User | None] = relationship()

    @property
    def visitor_name(self):
        if self.visitor_kind == "region":
            return self.region.name
        if self.visitor_kind == "agency":
            return self.agency.full_name
        return self.organisation_name


class SigningEvent(Base):
    __tablename__ = "signing_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    # the Indeks SPBE its signatories aim at, and by when; new commitments take it as their default
    target_index: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    target_year: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    commitments: Mapped[list["Commitment"]] = relationship(back_populates="signing_event")


class Commitment(Base):
    """A region's signed commitment; its milestones are generated from the chosen practices."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("region_id", "signing_event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    signing_event_id: Mapped[int | None] = mapped_column(ForeignKey("signing_events.id"), index=True)
    study_visit_id: Mapped[int | None] = mapped_column(ForeignKey("study_visits.id"), index=True)
    signatory_name: Mapped[str] = mapped_column(String(200))
    signatory_title: Mapped[str] = mapped_column(String(40))
    signed_on: Mapped[date | None] = mapped_column(Date)
    target_date: Mapped[date | None] = mapped_column(Date)
    target_index: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))  # Indeks SPBE aimed at (default: event's)
    target_year: Mapped[int | None] = mapped_column(Integer)  # by the official result of this year
    document_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    flag: Mapped[str | None] = mapped_column(String(40))  # one of COMMITMENT_FLAGS, for the host admin
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    region: Mapped[Region] = relationship(lazy="joined")
    signing_event: Mapped[SigningEvent | None] = relationship(back_populates="commitments")
    study_visit: Mapped[StudyVisit | None] = relationship()
    document: Mapped[Upload | None] = relationship()
    milestones: Mapped[list["Milestone"]] = relationship(  # noqa: F821
        back_populates="commitment", order_by="Milestone.id", cascade="all, delete-orphan"
    )
