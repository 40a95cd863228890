"""Reminder recipients, the outbox, and the archive of every report that went out."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.library import Opd
from livinglab.models.regions import Region

CHANNELS = ("email", "webhook", "whatsapp_group")
CONTACT_ROLES = ("officer", "head_of_agency", "sekda", "head_of_region")
# overdue_escalation is no longer sent (folded into the weekly digest); its old rows stay listed.
KINDS = (
    "weekly_digest",
    "escalation_letter",
    "monthly_summary",
    "review_backlog",
    "overdue_escalation",
    "password_reset",
    "account_invitation",
)
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
    channel: Mapped[str] = mapped_column(String(20), default="email")
    locale: Mapped[str] = mapped_column(String(5), default="id")
    role: Mapped[str] = mapped_column(String(20), default="officer", server_default="officer")
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
    channel: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(5), default="id")
    cc: Mapped[list] = mapped_column(JSON, default=list)
    period_key: Mapped[str] = mapped_column(String(20))
    content_date: Mapped[date | None] = mapped_column(Date)  # the recipient's local day the content is for
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("sent_reports.id"))
    # what the recipient hears about, fixed when planned: the milestones of these OPDs (None: the
    # whole region); a Sekda letter may also carry the week's digest (one message a week)
    opd_ids: Mapped[list | None] = mapped_column(JSON)
    with_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    report: Mapped[SentReport | None] = relationship()

    @property
    def key(self):
        return f"{self.kind}:{self.scope}:{self.recipient}:{self.period_key}"


class EscalationLetter(Base):
    """The number and date of the formal letter to a region's Sekda for one period.

    Numbers run per year and are never reused: (year, sequence) is unique, and the row stays once
    written, so a re-run or a second scheduler finds the same number.
    """

    __tablename__ = "escalation_letters"
    __table_args__ = (UniqueConstraint("scope", "period_key"), UniqueConstraint("year", "sequence"))

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))  # region code
    period_key: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    dated_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
