"""Milestones: one practice of one commitment, with its maturity levels and state."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.accounts import User
from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice
from livinglab.models.commitments import Commitment

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

    commitment: Mapped[Commitment] = relationship(back_populates="milestones")
    practice: Mapped[Practice] = relationship(lazy="joined")
    updated_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def has_progress(self):
        """Work has been recorded: a status beyond not_started or any level."""
        return self.status != "not_started" or self.level is not None or self.verified_level is not None
