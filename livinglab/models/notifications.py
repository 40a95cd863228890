"""Reminder recipients, the outbox, and the archive of every report that went out."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.library import Opd
from livinglab.models.regions import Region

CHANNELS = ("email", "webhook")
KINDS = ("weekly_digest", "overdue_escalation", "monthly_summary", "password_reset", "account_invitation")
# transactional mail about one account: sent within seconds, no report
ACCOUNT_KINDS = ("password_reset", "account_invitation")
NOTIFICATION_STATUSES = ("queued", "sending", "sent", "failed", "dropped")


class Contact(Base):
    """Someone in a region who receives the reminders, by email or through the webhook gateway."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10), default="email")
    locale: Mapped[str] = mapped_column(String(5), default="id")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opds.id"), index=True)  # reminders for its milestones only

    region: Mapped[Region] = relationship(lazy="joined")
    opd: Mapped[Opd | None] = relationship(lazy="joined")


class SentReport(Base):
    """A PDF exactly as it went out, kept by content hash for one kind, scope, period and language."""

    __tablename__ = "sent_reports"
    __table_args__ = (UniqueConstraint("kind", "scope", "period_key", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    scope: Mapped[str] = mapped_column(String(10), index=True)  # region code, or "national"
    period_key: Mapped[str] = mapped_column(String(20), index=True)
    locale: Mapped[str] = mapped_column(String(5))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """The outbox: one row per message; the unique key makes every re-run a no-op."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("kind", "scope", "recipient", "period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    scope: Mapped[str] = mapped_column(String(10), index=True)  # region code, "national" or "account"
    recipient: Mapped[str] = mapped_column(String(254))  # email address (also for webhook contacts)
    recipient_name: Mapped[str | None] = mapped_column(String(120))
    channel: Mapped[str] = mapped_column(String(10))
    locale: Mapped[str] = mapped_column(String(5), default="id")
    cc: Mapped[list] = mapped_column(JSON, default=list)
    period_key: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("sent_reports.id"))

    report: Mapped[SentReport | None] = relationship()

    @property
    def key(self):
        return f"{self.kind}:{self.scope}:{self.recipient}:{self.period_key}"
