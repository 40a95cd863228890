"""Issue 16, point 8: `make run` starts clean: no alembic INFO chatter, and the URL it prints is
the port it serves (the next free one when PORT is busy)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "livinglab"


def test_db_upgrade_on_a_fresh_database_prints_no_info_lines(tmp_path):
    environment = {**os.environ, "SECRET_KEY": "c" * 32, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    result = subprocess.run(
        [str(SCRIPT), "db", "upgrade"], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "fresh.db").stat().st_size > 0
    output = result.stdout + result.stderr
    assert "INFO" not in output and "Running upgrade" not in output, output


def _free_port(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "free_port.py"), *args], capture_output=True, text=True, timeout=30
    )


def test_a_busy_port_gives_the_next_free_one_and_says_so():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        result = _free_port("127.0.0.1", str(busy))
    assert result.returncode == 0
    chosen = int(result.stdout)
    assert chosen > busy and f"Port {busy} on 127.0.0.1 is busy; serving on {chosen} instead." in result.stderr


def test_a_free_port_is_kept():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _free_port("127.0.0.1", str(port))
    assert result.returncode == 0 and int(result.stdout) == port and not result.stderr
