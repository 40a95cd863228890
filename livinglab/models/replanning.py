"""Extension requests: a region officer asks the host for a later due date of a milestone."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.accounts import User
from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.milestones import Milestone

EXTENSION_STATUSES = ("pending", "approved", "refused")
PENDING_ONLY = text("status = 'pending'")


class ExtensionRequest(Base):
    """One request and the host's decision on it. At most one pending request per milestone (a
    partial unique index, so two requests sent at the same moment cannot both stay pending)."""

    __tablename__ = "extension_requests"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'refused')", name="status"),
        Index(
            "uq_extension_requests_pending_milestone",
            "milestone_id",
            unique=True,
            sqlite_where=PENDING_ONLY,
            postgresql_where=PENDING_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id", ondelete="CASCADE"), index=True)
    requested_due_date: Mapped[date] = mapped_column(Date)
    previous_due_date: Mapped[date | None] = mapped_column(Date)  # the due date when asked
    reason: Mapped[str] = mapped_column(Text)  # plain text; always rendered escaped
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_comment: Mapped[str | None] = mapped_column(Text)

    milestone: Mapped[Milestone] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
