"""Structured logs: one JSON object per line on stderr, each request's lines under one request id.

`LOG_FORMAT=text` gives plain lines for a terminal. The request id comes from the reverse proxy's
`X-Request-ID` when it is a sane token, else a fresh one; it is sent back in the response header so
a user's report ("request id …") leads straight to the log lines.
"""

import json
import logging
import re
import time
import uuid

from flask import g, has_request_context, request

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", "-") != "-":
            entry["request_id"] = record.request_id
        entry.update({key: value for key, value in vars(record).items() if key not in RESERVED})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


JsonFormatter.converter = time.gmtime


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = (g.get("request_id") if has_request_context() else None) or "-"
        return True


NOISY_LOGGERS = ("weasyprint.progress",)  # one INFO line per layout step and page of every PDF


def configure(log_format="json", level=logging.INFO):
    """Send every `livinglab` (and root) log line to stderr in the chosen format; idempotent."""
    root = logging.getLogger()
    if any(getattr(handler, "livinglab", False) for handler in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.livinglab = True
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


access_log = logging.getLogger("livinglab.access")


def _start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if request.endpoint != "static":
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000, 1),
                "remote": request.remote_addr,
            },
        )
    return response


def register(app):
    """Request ids and one access line per request; the handler itself is set up by `configure`."""
    if not app.testing:
        configure(app.config.get("LOG_FORMAT", "json"))
    app.before_request(_start_request)
    app.after_request(_finish_request)
