"""Official SPBE evaluation results: one row per region and evaluation year, with its levels.

The index and predicate are those KemenPAN-RB published (a Keputusan MenPAN-RB named in
`source`); levels per indicator are optional. Rows carried over from the old `baselines` table
(migration 0008) may have no year, no index and no source: only the levels were ever recorded.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.catalogue import Practice
from livinglab.models.regions import Region


class Evaluation(Base):
    __tablename__ = "evaluations"
    __table_args__ = (
        UniqueConstraint("region_id", "year"),
        CheckConstraint("spbe_index >= 0 AND spbe_index <= 5", name="index_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    year: Mapped[int | None] = mapped_column(Integer)  # None: a migrated baseline without a year
    spbe_index: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    predicate: Mapped[str | None] = mapped_column(String(40))  # from the index by the framework's bands
    source: Mapped[str | None] = mapped_column(String(200))  # e.g. "KepmenPANRB 13/2024"
    evaluated_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship(lazy="joined")
    levels: Mapped[list["EvaluationLevel"]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan", order_by="EvaluationLevel.practice_id"
    )

    def level_map(self):
        """Indicator code → level."""
        return {item.practice.code: item.level for item in self.levels}


class EvaluationLevel(Base):
    __tablename__ = "evaluation_levels"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "practice_id"),
        CheckConstraint("level >= 1 AND level <= 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"))
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    level: Mapped[int] = mapped_column(Integer)

    evaluation: Mapped[Evaluation] = relationship(back_populates="levels")
    practice: Mapped[Practice] = relationship(lazy="joined")
