"""Official regions (Kemendagri codes) and central agencies."""

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base

REGION_KINDS = ("province", "regency", "city")
TIMEZONES = ("WIB", "WITA", "WIT")


class Region(Base):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    timezone: Mapped[str] = mapped_column(String(4))
    administrative: Mapped[bool] = mapped_column(Boolean, default=False)

    parent: Mapped["Region | None"] = relationship(remote_side=[id], lazy="joined")

    @property
    def parent_code(self):
        return self.parent.code if self.parent else None

    def __repr__(self):
        return f"<Region {self.code} {self.name}>"


class Agency(Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    full_name: Mapped[str] = mapped_column(String(200))

    def __repr__(self):
        return f"<Agency {self.code}>"
