"""Settings read from the environment (and a `.env` file), with safe defaults."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_PATH = PROJECT_ROOT / "instance"
DEFAULT_SECRET_KEY = "dev-insecure-change-me"
MIN_SECRET_LENGTH = 32
# A secret containing one of these is a documented placeholder (deploy/livinglab.env.example, the
# README) or the built-in development key, never a generated one.
PLACEHOLDER_MARKERS = ("change-me", "changeme", "replace-with", "placeholder", "dev-insecure")
GENERATE_HINT = "generate one with: python3 -c 'import secrets; print(secrets.token_hex(32))'"
_SECRET_QUERY_NAME = re.compile(r"pass|pwd|secret|token|key|auth|sig", re.IGNORECASE)


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to change."""


def masked_url(url):
    """`url` fit for a message or a log: the password of its user part and the values of query
    parameters named like secrets become `***`. Works on URLs too broken to parse: when unsure
    what is the password, more is hidden, never less."""
    text = str(url or "")
    head, at, tail = text.rpartition("@")
    if at and "//" in head:
        start = head.index("//") + 2
        user, colon, _password = head[start:].partition(":")
        text = f"{head[:start]}{user}{':***' if colon else ''}@{tail}"
    elif at and ":" in head:
        text = f"{head.partition(':')[0]}:***@{tail}"
    base, question, query = text.partition("?")
    if question:
        pairs = (pair.partition("=") for pair in query.split("&"))
        query = "&".join(
            f"{name}{equals}{'***' if equals and _SECRET_QUERY_NAME.search(name) else value}"
            for name, equals, value in pairs
        )
    return f"{base}{question}{query}"


def _int(name, default):
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _bool(name, default=False):
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def from_environment():
    """Build the config mapping from the environment (a `.env` file in the checkout is read)."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_PATH / 'livinglab.db'}"
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or DEFAULT_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_URL": os.environ.get("MAIL_URL", ""),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Living Lab <no-reply@livinglab.localhost>"),
        "WEBHOOK_URL": os.environ.get("WEBHOOK_URL", ""),
        "WEBHOOK_SECRET": os.environ.get("WEBHOOK_SECRET", ""),
        "ESCALATION_DAYS": _int("ESCALATION_DAYS", 30),
        "LETTER_NUMBER_FORMAT": os.environ.get("LETTER_NUMBER_FORMAT", "005/{sequence:03d}/Diskominfo/{year}"),
        "HOST_SEKDA_NAME": os.environ.get("HOST_SEKDA_NAME", ""),
        "REMINDER_MAX_ATTEMPTS": _int("REMINDER_MAX_ATTEMPTS", 5),
        "REMINDER_SENDING_TIMEOUT": _int("REMINDER_SENDING_TIMEOUT", 600),
        "HOST_REGION_CODE": os.environ.get("HOST_REGION_CODE", "32.11"),
        "UPLOAD_MAX_MB": _int("UPLOAD_MAX_MB", 20),
        "UPLOAD_ALLOWED_TYPES": os.environ.get("UPLOAD_ALLOWED_TYPES", "pdf,png,jpeg,docx,xlsx,odt"),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or str(INSTANCE_PATH / "uploads"),
        "ARCHIVE_MAX_MEMBERS": _int("ARCHIVE_MAX_MEMBERS", 1000),
        "ARCHIVE_MAX_MEMBER_MB": _int("ARCHIVE_MAX_MEMBER_MB", 50),
        "ARCHIVE_MAX_TOTAL_MB": _int("ARCHIVE_MAX_TOTAL_MB", 100),
        "ARCHIVE_MAX_RATIO": _int("ARCHIVE_MAX_RATIO", 100),
        "IMPORT_MAX_ROWS": _int("IMPORT_MAX_ROWS", 2000),
        "STALLED_DAYS": _int("STALLED_DAYS", 45),
        "VERIFY_SLA_DAYS": _int("VERIFY_SLA_DAYS", 14),
        "STALE_UPDATE_DAYS": _int("STALE_UPDATE_DAYS", 30),
        "INDEX_MIN_COVERAGE": os.environ.get("INDEX_MIN_COVERAGE", "0.6"),
        "PUBLIC_BOARD": _bool("PUBLIC_BOARD", True),
        "BABEL_DEFAULT_LOCALE": os.environ.get("BABEL_DEFAULT_LOCALE", "id"),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:8000"),
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE"),
        "LOGIN_MAX_FAILURES": _int("LOGIN_MAX_FAILURES", 5),
        "LOGIN_THROTTLE_MINUTES": _int("LOGIN_THROTTLE_MINUTES", 15),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "PASSWORD_RESET_RATE_LIMIT": os.environ.get("PASSWORD_RESET_RATE_LIMIT", "10 per hour"),
        "API_RATE_LIMIT_PER_TOKEN": os.environ.get("API_RATE_LIMIT_PER_TOKEN", "600 per minute"),
        "API_RATE_LIMIT_PER_ADDRESS": os.environ.get("API_RATE_LIMIT_PER_ADDRESS", "1200 per minute"),
        "PROXY_COUNT": _int("PROXY_COUNT", 0),
        "SCHEDULER_STALE_SECONDS": _int("SCHEDULER_STALE_SECONDS", 300),
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json"),
        "SQLITE_BUSY_SECONDS": _int("SQLITE_BUSY_SECONDS", 10),
    }


DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "livinglab" / "translations"),
    "LANGUAGES": ("id", "en"),
    "PASSWORD_HASH_METHOD": "scrypt",
    "PASSWORD_RESET_MAX_AGE": 3600,  # a reset link works once, for one hour from the request
    "API_TITLE": "Living Lab API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_MAX_PER_PAGE": 500,
    # A shared rate-limit store (redis) that goes away: each worker counts in memory meanwhile,
    # instead of every limited request failing with a 500.
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
}


def check_environment():
    """Raise ConfigError if the environment (and `.env`) cannot start the app; builds nothing."""
    finalize({**DEFAULTS, **from_environment()})


def finalize(config):
    """Derive dependent settings and refuse unsafe ones. `config` is the Flask config."""
    config["MAX_CONTENT_LENGTH"] = config["UPLOAD_MAX_MB"] * 1024 * 1024
    if str(config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        options = config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
        connect_args = {**options.get("connect_args", {}), "timeout": config["SQLITE_BUSY_SECONDS"]}
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    config["SESSION_COOKIE_SECURE"] = bool(config.get("SESSION_COOKIE_SECURE"))
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    _check_urls(config)
    _check_min_coverage(config)
    _check_secrets(config, relaxed=bool(config.get("DEBUG") or config.get("TESTING")))


def _check_min_coverage(config):
    """INDEX_MIN_COVERAGE is a share from 0 to 1 (default 0.6), kept as a Decimal."""
    from decimal import Decimal, InvalidOperation

    raw = config.get("INDEX_MIN_COVERAGE", "0.6")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= 1:
        raise ConfigError(f"INDEX_MIN_COVERAGE must be a share from 0 to 1 (e.g. 0.6), got {raw!r}")
    config["INDEX_MIN_COVERAGE"] = value


def _check_urls(config):
    """Every URL setting is checked at start; a message shows it only through `masked_url`."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from livinglab.channels import check_mail_url

    try:
        check_mail_url(config.get("MAIL_URL", ""))
    except ValueError as error:
        raise ConfigError(str(error)) from None
    database_url = str(config["SQLALCHEMY_DATABASE_URI"])
    try:
        make_url(database_url)
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL is not a database URL: {masked_url(database_url)!r}") from None
    webhook_url = config.get("WEBHOOK_URL") or ""
    if webhook_url:
        parts = urlsplit(webhook_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"WEBHOOK_URL must be an http:// or https:// address, got {masked_url(webhook_url)!r}")
    storage = config.get("RATELIMIT_STORAGE_URI") or "memory://"
    from limits.storage import SCHEMES

    if urlsplit(storage).scheme not in SCHEMES:
        raise ConfigError(
            f"RATELIMIT_STORAGE_URI must be memory://, redis://, redis+unix:// or memcached://, "
            f"got {masked_url(storage)!r}"
        )


def _weakness(secret):
    """Why `secret` is too weak to sign anything, or None."""
    if any(marker in secret.lower() for marker in PLACEHOLDER_MARKERS):
        return "is a placeholder"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"is shorter than {MIN_SECRET_LENGTH} characters"
    return None


def _check_secrets(config, relaxed):
    """Refuse weak keys outside debug/testing, and a webhook signed with the session key always.

    SECRET_KEY signs sessions and password-reset links; WEBHOOK_SECRET is given to the gateway
    that verifies webhook signatures, so it must never be the same key.
    """
    secret_key = config["SECRET_KEY"] or ""
    if not relaxed and secret_key == DEFAULT_SECRET_KEY:
        raise ConfigError(
            "SECRET_KEY is not set (the built-in development key is refused outside debug/testing); "
            f"set it in the environment or in .env, {GENERATE_HINT}"
        )
    if not relaxed and _weakness(secret_key):
        raise ConfigError(f"SECRET_KEY {_weakness(secret_key)}; {GENERATE_HINT}")
    if not config.get("WEBHOOK_URL"):
        return
    webhook_secret = config.get("WEBHOOK_SECRET") or ""
    if not webhook_secret:
        raise ConfigError(f"WEBHOOK_URL is set but WEBHOOK_SECRET is not; {GENERATE_HINT}")
    if webhook_secret == secret_key:
        raise ConfigError(f"WEBHOOK_SECRET must differ from SECRET_KEY (the gateway holds it); {GENERATE_HINT}")
    if not relaxed and _weakness(webhook_secret):
        raise ConfigError(f"WEBHOOK_SECRET {_weakness(webhook_secret)}; {GENERATE_HINT}")
