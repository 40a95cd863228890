"""In-app notifications: a small inbox per user (returned milestones, new submissions)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.milestones import Milestone


class InboxItem(Base):
    __tablename__ = "inbox_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # milestone_returned, milestone_submitted, …
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"), index=True)
    message: Mapped[str | None] = mapped_column(Text)  # plain text (e.g. the host's comment)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # what the item announces has been acted on (by anyone): it no longer needs its reader
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    milestone: Mapped[Milestone | None] = relationship()
