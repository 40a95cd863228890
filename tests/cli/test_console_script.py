"""The installed `livinglab` console script, run as an operator would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "livinglab"


def _run(args, tmp_path, **env):
    environment = {**os.environ, "SECRET_KEY": "c" * 32, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", **env}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=environment, timeout=120)


def test_help_lists_the_groups(tmp_path):
    result = _run(["--help"], tmp_path)
    assert result.returncode == 0
    for group in ("seed", "users", "tokens", "db", "run"):
        assert f"  {group}" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["seed", "regions"],
        ["seed", "catalogue"],
        ["seed", "demo"],
        ["users", "create"],
        ["tokens", "create"],
        ["tokens", "list"],
        ["tokens", "revoke"],
        ["db", "upgrade"],
    ],
)
def test_every_command_has_help(tmp_path, command):
    result = _run([*command, "--help"], tmp_path)
    assert result.returncode == 0 and "Usage:" in result.stdout


def test_default_secret_key_is_refused_with_one_clear_line(tmp_path):
    result = _run(["seed", "regions"], tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and "Traceback" not in result.stderr


def test_rendering_a_report_logs_no_line_per_layout_step(tmp_path):
    """WeasyPrint logs every step of every render at INFO: a weekly run would write thousands of lines."""
    for command in (["db", "upgrade"], ["seed", "regions"]):
        assert _run(command, tmp_path).returncode == 0
    result = _run(["reports", "region", "32.04", "-o", str(tmp_path / "r.pdf")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "weasyprint.progress" not in result.stderr and "Creating layout" not in result.stderr
