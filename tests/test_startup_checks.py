"""Weak secrets and broken URLs stop the app, gunicorn and the scheduler with one clear line that
never shows a password; the files the operator's commands create are readable by the owner only."""

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

from livinglab import create_app
from livinglab.config import PROJECT_ROOT, ConfigError, masked_url

BIN = Path(sys.executable).parent
STRONG = "0123456789abcdef" * 4
PASSWORD = "Pa55-w0rd-do-not-print"
EXAMPLE = dotenv_values(PROJECT_ROOT / "deploy" / "livinglab.env.example")


def _env(tmp_path, **settings):
    base = {"SECRET_KEY": STRONG, "DATABASE_URL": f"sqlite:///{tmp_path / 'start.db'}", "MAIL_URL": ""}
    base.update(WEBHOOK_URL="", WEBHOOK_SECRET="", RATELIMIT_STORAGE_URI="memory://")
    return {**os.environ, **base, **settings}


def _one_line_refusal(result, says):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and PASSWORD not in result.stderr + result.stdout
    assert len(lines) == 1 and says in lines[0], result.stderr
    return lines[0]


def _cli(tmp_path, **settings):
    command = [str(BIN / "livinglab"), "routes"]
    return subprocess.run(command, env=_env(tmp_path, **settings), capture_output=True, text=True, timeout=120)


WEAK_KEYS = {
    "deploy-example": EXAMPLE["SECRET_KEY"],
    "one-character": "k",
    "31-characters": "a1b2c3d4e5" * 3 + "f",
    "change-me": "CHANGE-ME-" + "x" * 40,
}


@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_a_placeholder_or_short_secret_key_is_refused_with_one_line(tmp_path, key):
    _one_line_refusal(_cli(tmp_path, SECRET_KEY=key), "SECRET_KEY")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": key, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_weak_webhook_secret_is_refused_outside_testing(tmp_path):
    hook = {"WEBHOOK_URL": "https://gateway.example.go.id/hook"}
    for secret in ("replace-with-a-second-secret-of-64-hex-digits", "short"):
        _one_line_refusal(_cli(tmp_path, **hook, WEBHOOK_SECRET=secret), "WEBHOOK_SECRET")
    assert _cli(tmp_path, **hook, WEBHOOK_SECRET="f" * 32).returncode == 0


URLS = {
    "MAIL_URL": f"smtp://livinglab:{PASSWORD}@mail.example.go.id:notaport",
    "DATABASE_URL": f"postgresql+psycopg//livinglab:{PASSWORD}@db.example.go.id/livinglab",
    "WEBHOOK_URL": f"ftp://gateway:{PASSWORD}@gateway.example.go.id/hook?token={PASSWORD}",
    "RATELIMIT_STORAGE_URI": f"rediss-typo://:{PASSWORD}@cache.example.go.id:6380/0",
}


@pytest.mark.parametrize("name", URLS)
def test_a_broken_url_is_named_without_its_password(tmp_path, name):
    line = _one_line_refusal(_cli(tmp_path, **{name: URLS[name], "WEBHOOK_SECRET": "w" * 32}), name)
    assert "***" in line


def test_masking_keeps_what_helps_and_hides_what_does_not():
    assert (
        masked_url(f"smtp://user:{PASSWORD}@mail.example:587?starttls=1")
        == "smtp://user:***@mail.example:587?starttls=1"
    )
    assert masked_url(f"redis://:{PASSWORD}@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0"
    assert masked_url(f"https://gw.example/hook?key={PASSWORD}&to=1") == "https://gw.example/hook?key=***&to=1"
    assert masked_url(f"postgresql://u:{PASSWORD}/with@odd@db/x") == "postgresql://u:***@db/x"
    assert masked_url(f"postgresql+psycopg//u:{PASSWORD}@db/x") == "postgresql+psycopg//u:***@db/x"
    assert masked_url(f"smtp:u:{PASSWORD}@mail.example") == "smtp:***@mail.example"
    assert masked_url("sqlite:////srv/livinglab.db") == "sqlite:////srv/livinglab.db"
    assert masked_url("file:/tmp/outbox") == "file:/tmp/outbox"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"SECRET_KEY": WEAK_KEYS["deploy-example"]}, "SECRET_KEY is a placeholder"),
        ({"WEBHOOK_URL": "https://gateway.example.go.id/hook", "WEBHOOK_SECRET": ""}, "WEBHOOK_URL is set but"),
    ],
    ids=["placeholder-key", "webhook-without-secret"],
)
def test_gunicorn_stops_with_one_line_instead_of_serving(tmp_path, settings, says):
    command = [str(BIN / "gunicorn"), "--no-control-socket", "-w", "2", "-b", f"127.0.0.1:{_free_port()}", "wsgi:app"]
    result = subprocess.run(
        command, env=_env(tmp_path, **settings), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    refusals = [line for line in result.stderr.splitlines() if line.startswith("Living Lab cannot start: ")]
    assert len(refusals) == 1 and says in refusals[0], result.stderr
    assert "Booting worker" not in result.stderr, "checked in the master, before any worker"


def test_make_env_writes_a_file_only_its_owner_can_read(tmp_path):
    make = shutil.which("make")
    assert make, "make is not installed"
    subprocess.run([make, "-s", "-C", str(tmp_path), "-f", str(PROJECT_ROOT / "Makefile"), ".env"], check=True)
    created = tmp_path / ".env"
    assert stat.S_IMODE(created.stat().st_mode) == 0o600
    assert len(dotenv_values(created)["SECRET_KEY"]) >= 32
