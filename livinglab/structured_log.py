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
# A URL variable with one of these in its name carries a secret (a reset link's token, a signature):
# such a request is logged by its route's rule, never by its path.
SECRET_URL_VARIABLE = re.compile(r"token|secret|signature|nonce|key|password", re.IGNORECASE)
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


NOISY_LOGGERS = (
    "weasyprint.progress",  # one INFO line per layout step and page of every PDF
    "alembic",  # a line per plugin and migration on every `db upgrade`; failures still show
    "apscheduler",  # two lines per job run, the account-mail job every five seconds; misses still show
)


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


def loggable_path():
    """The request's path, or for a route with a secret in its URL the route's rule
    (`/reset-password/<token>`)."""
    rule = request.url_rule
    if rule is not None and any(SECRET_URL_VARIABLE.search(name) for name in rule.arguments):
        return rule.rule
    return request.path


def _finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if request.endpoint != "static":
        path = loggable_path()
        access_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000, 1),
                "remote": request.remote_addr,
            },
        )
    return response


def _not_a_dev_server_request_line(record):
    """werkzeug's development server (`livinglab run`) logs every request line with its raw path,
    secrets included; the access line above already covers each request, without them."""
    return not (isinstance(record.msg, str) and record.msg.endswith('"%s" %s %s'))


def register(app):
    """Request ids and one access line per request; the handler itself is set up by `configure`."""
    if not app.testing:
        configure(app.config.get("LOG_FORMAT", "json"))
    logging.getLogger("werkzeug").addFilter(_not_a_dev_server_request_line)  # once: same function
    app.before_request(_start_request)
    app.after_request(_finish_request)
