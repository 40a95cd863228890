"""What the operations probes read: the scheduler's heartbeat."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from livinglab.models.base import Base, UTCDateTime, utcnow


class SchedulerHeartbeat(Base):
    """One row per scheduler name, touched every minute by the leader; `/readyz` reports its age."""

    __tablename__ = "scheduler_heartbeats"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
