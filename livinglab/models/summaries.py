"""Maintained national figures: one row per commitment, rewritten in the transaction of every
write that changes its inputs (services.summaries), so the national pages never recompute a
country's milestones. Day-dependent figures (overdue, stalled, waiting days) are not stored: the
row keeps the dates they come from and the pages derive them on the day they are read."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from livinglab.models.base import Base, UTCDateTime, utcnow


class CommitmentSummary(Base):
    __tablename__ = "commitment_summaries"

    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    figures: Mapped[dict] = mapped_column(JSON)  # see services.summaries.snapshot
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 on every rewrite: readers' caches follow it
    refreshed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
