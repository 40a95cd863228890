"""A region's recorded starting level on an indicator (e.g. from its last official evaluation)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice


class Baseline(Base):
    __tablename__ = "baselines"
    __table_args__ = (UniqueConstraint("region_id", "practice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    level: Mapped[int] = mapped_column(Integer)
    year: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    practice: Mapped[Practice] = relationship(lazy="joined")
