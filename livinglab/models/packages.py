"""Host-defined practice packages: a named set of practices to commit to in one word.

The packages derived from the catalogue (all SPBE indicators, each domain, each aspect) are not
stored; `services.practice_packages` lists them next to these.
"""

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice

practice_package_items = Table(
    "practice_package_items",
    Base.metadata,
    Column("package_id", ForeignKey("practice_packages.id", ondelete="CASCADE"), primary_key=True),
    Column("practice_id", ForeignKey("practices.id"), primary_key=True),
)


class PracticePackage(Base):
    __tablename__ = "practice_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    practices: Mapped[list[Practice]] = relationship(secondary=practice_package_items, order_by=Practice.position)

    def __repr__(self):
        return f"<PracticePackage {self.name}>"
