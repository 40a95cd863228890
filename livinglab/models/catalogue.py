"""The practice catalogue as versioned data: framework → domain → aspect → practice.

Level labels and predicate bands belong to a framework too, so a new SPBE version is new rows,
never new code. Official frameworks are read-only in the UI.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow

LEVEL_SCALES = ("process", "service")


class Framework(Base):
    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # e.g. "spbe-2020", "host-practices"
    family: Mapped[str] = mapped_column(String(30), index=True)  # e.g. "spbe", "host"
    version: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(300))  # legal basis, e.g. PermenPANRB 59/2020
    official: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    domains: Mapped[list["Domain"]] = relationship(back_populates="framework", order_by="Domain.position")
    practices: Mapped[list["Practice"]] = relationship(back_populates="framework", order_by="Practice.position")
    levels: Mapped[list["LevelDefinition"]] = relationship(order_by="LevelDefinition.level")
    bands: Mapped[list["PredicateBand"]] = relationship(order_by="PredicateBand.min_score.desc()")


class Domain(Base):
    __tablename__ = "catalogue_domains"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 3), default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    framework: Mapped[Framework] = relationship(back_populates="domains")
    aspects: Mapped[list["Aspect"]] = relationship(back_populates="domain", order_by="Aspect.position")


class Aspect(Base):
    __tablename__ = "catalogue_aspects"
    __table_args__ = (UniqueConstraint("domain_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("catalogue_domains.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 3), default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    domain: Mapped[Domain] = relationship(back_populates="aspects", lazy="joined")
    practices: Mapped[list["Practice"]] = relationship(back_populates="aspect", order_by="Practice.position")


class Practice(Base):
    """An SPBE indicator or a replicable host practice that a region can commit to."""

    __tablename__ = "practices"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    aspect_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_aspects.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))  # "SPBE-01" … "SPBE-47", "HOST-EOFFICE"
    number: Mapped[int | None] = mapped_column(Integer)  # official indicator number
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    evidence_hint: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 3), default=0)
    level_scale: Mapped[str] = mapped_column(String(10), default="process")
    default_duration_days: Mapped[int] = mapped_column(Integer, default=365)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # An indicator whose subject each region names (SPBE 2020 indicators 45–47: a public-service sector).
    per_region_sector: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    framework: Mapped[Framework] = relationship(back_populates="practices", lazy="joined")
    aspect: Mapped[Aspect | None] = relationship(back_populates="practices", lazy="joined")
    supports: Mapped[list["PracticeSupport"]] = relationship(
        foreign_keys="PracticeSupport.practice_id", back_populates="practice", viewonly=True
    )

    @property
    def domain(self):
        return self.aspect.domain if self.aspect else None

    def __repr__(self):
        return f"<Practice {self.code}>"


class PracticeSupport(Base):
    """A host practice or innovation supports an SPBE indicator: verifying the practice suggests
    (never sets) a level on the indicator. Loaded from `seeds/host_practice_indicators.csv`."""

    __tablename__ = "practice_supports"
    __table_args__ = (UniqueConstraint("practice_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    rationale: Mapped[str | None] = mapped_column(Text)

    practice: Mapped[Practice] = relationship(foreign_keys=[practice_id], back_populates="supports")
    indicator: Mapped[Practice] = relationship(foreign_keys=[indicator_id], lazy="joined")


class LevelDefinition(Base):
    """The label and meaning of maturity level 1–5 on one scale of one framework."""

    __tablename__ = "level_definitions"
    __table_args__ = (UniqueConstraint("framework_id", "scale", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    scale: Mapped[str] = mapped_column(String(10))
    level: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(60))
    label_en: Mapped[str | None] = mapped_column(String(60))
    description: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)


class PredicateBand(Base):
    """Index ≥ min_score earns this predicate (e.g. Memuaskan ≥ 4.2)."""

    __tablename__ = "predicate_bands"
    __table_args__ = (UniqueConstraint("framework_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    min_score: Mapped[Decimal] = mapped_column(Numeric(4, 2))
    label: Mapped[str] = mapped_column(String(40))
    label_en: Mapped[str | None] = mapped_column(String(40))
