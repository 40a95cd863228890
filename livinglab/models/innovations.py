"""Regional innovations (PP 38/2017) and their replication by adopting regions.

An innovation belongs to its originator (a region or an agency), not to the host. A replication is
an adopting region's commitment to one innovation, with its parties (originator, sponsor), its
stages (each verified by the originator, the sponsor or the host) and the outcomes it reports.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.accounts import User
from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice
from livinglab.models.regions import Agency, Region
from livinglab.models.uploads import Upload

INNOVATION_TYPES = ("governance", "public_service", "other")  # PP 38/2017 art. 3
PARTY_ROLES = ("originator", "sponsor", "partner")


class Innovation(Base):
    __tablename__ = "innovations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # e.g. "BDG-ESKM"
    name: Mapped[str] = mapped_column(String(200))
    originator_region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    originator_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    first_year: Mapped[int | None] = mapped_column(Integer)
    links: Mapped[str | None] = mapped_column(Text)  # one URL per line
    source: Mapped[str | None] = mapped_column(String(300))
    stages: Mapped[str | None] = mapped_column(Text)  # one stage per line; empty: the default template
    practice_id: Mapped[int | None] = mapped_column(ForeignKey("practices.id"))  # the retired catalogue row
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    originator_region: Mapped[Region | None] = relationship(foreign_keys=[originator_region_id], lazy="joined")
    originator_agency: Mapped[Agency | None] = relationship(foreign_keys=[originator_agency_id], lazy="joined")
    practice: Mapped[Practice | None] = relationship()
    measures: Mapped[list["OutcomeMeasure"]] = relationship(
        back_populates="innovation", order_by="OutcomeMeasure.id", cascade="all, delete-orphan"
    )
    replications: Mapped[list["Replication"]] = relationship(back_populates="innovation", order_by="Replication.id")

    @property
    def link_list(self):
        return [line.strip() for line in (self.links or "").splitlines() if line.strip()]


class OutcomeMeasure(Base):
    """What adopters report periodically, e.g. e-SKM responses per month."""

    __tablename__ = "outcome_measures"
    __table_args__ = (UniqueConstraint("innovation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(60))

    innovation: Mapped[Innovation] = relationship(back_populates="measures")


class Replication(Base):
    __tablename__ = "replications"
    __table_args__ = (UniqueConstraint("innovation_id", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    innovation_id: Mapped[int] = mapped_column(ForeignKey("innovations.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    signed_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    innovation: Mapped[Innovation] = relationship(back_populates="replications", lazy="joined")
    region: Mapped[Region] = relationship(lazy="joined")
    parties: Mapped[list["ReplicationParty"]] = relationship(
        back_populates="replication", order_by="ReplicationParty.id", cascade="all, delete-orphan"
    )
    stages: Mapped[list["ReplicationStage"]] = relationship(
        back_populates="replication", order_by="ReplicationStage.position", cascade="all, delete-orphan"
    )
    outcomes: Mapped[list["OutcomeReport"]] = relationship(
        back_populates="replication", order_by="OutcomeReport.period", cascade="all, delete-orphan"
    )


class ReplicationParty(Base):
    """A party to a replication besides the adopter: a region or an agency (with its unit)."""

    __tablename__ = "replication_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    replication_id: Mapped[int] = mapped_column(ForeignKey("replications.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit: Mapped[str | None] = mapped_column(String(120))  # e.g. "Balitbang"

    replication: Mapped[Replication] = relationship(back_populates="parties")
    region: Mapped[Region | None] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")


class ReplicationStage(Base):
    """One stage of a replication, moved through the milestone states (`domain.milestone_states`)."""

    __tablename__ = "replication_stages"
    __table_args__ = (UniqueConstraint("replication_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    replication_id: Mapped[int] = mapped_column(ForeignKey("replications.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="not_started", index=True)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    replication: Mapped[Replication] = relationship(back_populates="stages")
    verified_by: Mapped[User | None] = relationship()
    updates: Mapped[list["StageUpdate"]] = relationship(
        back_populates="stage", order_by="StageUpdate.id", cascade="all, delete-orphan"
    )
    evidence: Mapped[list["StageEvidence"]] = relationship(
        back_populates="stage", order_by="StageEvidence.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class StageUpdate(Base):
    """Append-only history of a stage: moves, verifications and comments."""

    __tablename__ = "replication_stage_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("replication_stages.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)

    stage: Mapped[ReplicationStage] = relationship(back_populates="updates")
    actor: Mapped[User | None] = relationship(lazy="joined")


class StageEvidence(Base):
    __tablename__ = "replication_stage_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    stage_id: Mapped[int] = mapped_column(ForeignKey("replication_stages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    stage: Mapped[ReplicationStage] = relationship(back_populates="evidence")
    upload: Mapped[Upload | None] = relationship(lazy="joined")


class OutcomeReport(Base):
    """An adopter's value of one outcome measure for one period ("2021-03" or "2021")."""

    __tablename__ = "outcome_reports"
    __table_args__ = (UniqueConstraint("replication_id", "measure_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    replication_id: Mapped[int] = mapped_column(ForeignKey("replications.id"), index=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("outcome_measures.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    replication: Mapped[Replication] = relationship(back_populates="outcomes")
    measure: Mapped[OutcomeMeasure] = relationship(lazy="joined")
