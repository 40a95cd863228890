"""Delivery channels chosen by URL scheme; each `send` delivers or raises `ChannelError`."""

from urllib.parse import urlsplit

from livinglab.channels import file_outbox, smtp


class ChannelError(Exception):
    """Delivery failed; the message says why (kept as the outbox row's last error)."""


def mail_channel(mail_url, instance_path):
    """The email channel for `MAIL_URL`: smtp(s):// or, when empty, the file outbox."""
    if not mail_url or mail_url.startswith("file:"):
        path = urlsplit(mail_url).path if mail_url else ""
        return file_outbox.FileOutbox(path or f"{instance_path}/outbox")
    scheme = urlsplit(mail_url).scheme
    if scheme in ("smtp", "smtps"):
        return smtp.SmtpChannel.from_url(mail_url)
    raise ValueError(f"MAIL_URL must start with smtp://, smtps:// or file:, got {scheme or mail_url!r}")
