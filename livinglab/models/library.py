"""A region's evidence library (documents uploaded once, linked to many milestones) and its OPDs."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.regions import Region
from livinglab.models.uploads import Upload

OPD_NAME_MAX = 120
OPD_SHORT_NAME_MAX = 30


class Opd(Base):
    """A perangkat daerah of one region (Diskominfo, Bappeda, …): who does the work of a milestone."""

    __tablename__ = "opds"
    __table_args__ = (UniqueConstraint("region_id", "short_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(String(OPD_NAME_MAX))
    short_name: Mapped[str] = mapped_column(String(OPD_SHORT_NAME_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()


class Document(Base):
    """One document of a region's library (a Perbup, an SK, an SOP, a review report…): a file or a
    URL, uploaded once and linked as evidence to any number of the region's milestones."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    number: Mapped[str | None] = mapped_column(String(120))
    enacted_on: Mapped[date | None] = mapped_column(Date)  # enactment, or the review's date
    url: Mapped[str | None] = mapped_column(String(2000))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship(lazy="joined")
    upload: Mapped[Upload | None] = relationship(lazy="joined")
