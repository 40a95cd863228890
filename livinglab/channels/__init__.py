"""Delivery channels chosen by URL scheme; each `send` delivers or raises `ChannelError`."""

from urllib.parse import urlsplit

from livinglab.channels import file_outbox, smtp, webhook
from livinglab.config import masked_url


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
    raise ValueError(f"MAIL_URL must start with smtp://, smtps:// or file:, got {scheme or masked_url(mail_url)!r}")


def webhook_channel(config):
    """Signed with WEBHOOK_SECRET alone: the gateway that verifies it never learns SECRET_KEY
    (`config.finalize` refuses a WEBHOOK_URL without its own secret)."""
    return webhook.WebhookChannel(config.get("WEBHOOK_URL", ""), config.get("WEBHOOK_SECRET", ""))


def check_mail_url(mail_url):
    """Raise ValueError with a clear message when MAIL_URL cannot be used (checked at start)."""
    if not mail_url or mail_url.startswith("file:"):
        return
    parts = urlsplit(mail_url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"MAIL_URL must start with smtp://, smtps:// or file:, got {masked_url(mail_url)!r}")
    if not parts.hostname:
        raise ValueError(f"MAIL_URL has no host: {masked_url(mail_url)!r}")
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        raise ValueError(f"MAIL_URL has an invalid port: {masked_url(mail_url)!r}") from None
