"""SMTP channel: smtp://user:pass@host:port?starttls=1 or smtps://user:pass@host:port."""

import smtplib
import ssl
from urllib.parse import parse_qs, unquote, urlsplit

from livinglab.config import masked_url


class SmtpChannel:
    def __init__(self, host, port, *, use_ssl=False, starttls=False, username=None, password=None, timeout=30):
        self.host, self.port = host, port
        self.use_ssl, self.starttls = use_ssl, starttls
        self.username, self.password = username, password
        self.timeout = timeout

    @classmethod
    def from_url(cls, url):
        parts = urlsplit(url)
        if not parts.hostname:
            raise ValueError(f"MAIL_URL has no host: {masked_url(url)!r}")
        query = parse_qs(parts.query)
        use_ssl = parts.scheme == "smtps"
        return cls(
            parts.hostname,
            parts.port or (465 if use_ssl else 25),
            use_ssl=use_ssl,
            starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
        )

    def send(self, message):
        from livinglab.channels import ChannelError

        # Loading the CA store costs more than sending to a local relay: only when TLS is used.
        context = ssl.create_default_context() if self.use_ssl or self.starttls else None
        try:
            if self.use_ssl:
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.starttls:
                    client.starttls(context=context)
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise ChannelError(f"SMTP {self.host}:{self.port}: {error}") from error
