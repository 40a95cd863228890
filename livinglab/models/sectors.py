"""The public-service sector a region names for each of its sector indicators (SPBE 45–47)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice

SECTOR_LABEL_MAX = 80


class RegionSector(Base):
    __tablename__ = "region_sectors"
    __table_args__ = (UniqueConstraint("region_id", "practice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    label: Mapped[str] = mapped_column(String(SECTOR_LABEL_MAX))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    practice: Mapped[Practice] = relationship(lazy="joined")
