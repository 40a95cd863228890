"""User accounts, their browser sessions, API tokens and the login-failure ledger used for throttling."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from livinglab.models.base import Base, UTCDateTime, utcnow
from livinglab.models.regions import Agency, Region

ROLES = ("host_admin", "host_staff", "region_officer", "ministry_viewer")
HOST_ROLES = ("host_admin", "host_staff")
LOCALES = ("id", "en")


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    locale: Mapped[str] = mapped_column(String(5), default="id")
    # WIB/WITA/WIT chosen in the profile; None = the region's zone for officers, WIB for the others.
    timezone: Mapped[str | None] = mapped_column(String(4))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the latest home-page view, and the last one of the visit before (services.tasks.record_visit)
    last_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    previous_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Stored in every browser session at sign-in; raising it ends all of the user's sessions.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    region: Mapped[Region | None] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")

    @property
    def is_active(self):
        return self.active

    @property
    def is_host(self):
        return self.role in HOST_ROLES

    def __repr__(self):
        return f"<User {self.email} {self.role}>"


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class LoginSession(Base):
    """One signed-in browser; the cookie holds its key, the table its digest. Signing out deletes
    the row, so a copy of that cookie stops working while the user's other browsers stay signed in."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class LoginFailure(Base):
    """One failed login attempt; counted per email and per IP inside a time window."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    ip: Mapped[str] = mapped_column(String(45), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
