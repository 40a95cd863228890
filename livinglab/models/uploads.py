"""Uploaded files: content-addressed blobs on disk, one row per upload with its metadata."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from livinglab.models.base import Base, UTCDateTime, utcnow


class Upload(Base):
    """Metadata of one upload; the bytes live at instance/uploads/<sha[:2]>/<sha>.

    The original file name is metadata only: it never becomes a path on disk.
    """

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
