"""bin/ensure-postgres: a busy port or a closed folder gets a way out, never a broken URL.

Each test runs a copy of the script in a checkout-like folder of its own, so the cluster it
may start is a new one, stopped at the end; the shared cluster is never touched.
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bin" / "ensure-postgres"
DEFAULT_PORT = 54329
pytestmark = pytest.mark.skipif(
    shutil.which("runuser") is None or os.geteuid() != 0,
    reason="the script runs PostgreSQL as the postgres user when started as root",
)


def checkout(parent):
    """A folder with bin/ensure-postgres, as a clone has it."""
    root = Path(tempfile.mkdtemp(dir=parent))
    (root / "bin").mkdir()
    shutil.copy(SCRIPT, root / "bin" / "ensure-postgres")
    return root


def run(root, **env):
    return subprocess.run(
        [str(root / "bin" / "ensure-postgres")],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=180,
        check=False,
    )


def listening_socket(port=0):
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen()
    return sock


def stop_cluster(data):
    if (data / "PG_VERSION").exists():
        pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(pg_ctl), "-D", str(data), "-m", "immediate",
             "stop"],
            capture_output=True,
            check=False,
        )  # fmt: skip


def test_a_busy_port_chosen_explicitly_is_refused_with_the_reason_and_the_fix():
    root = checkout("/var/tmp")
    root.chmod(0o755)  # open to postgres, so nothing is created outside it
    busy = listening_socket()
    port = busy.getsockname()[1]
    try:
        result = run(root, PGPORT_GOODPRACTICE=str(port))
    finally:
        busy.close()
        shutil.rmtree(root)
    assert result.returncode == 1
    assert f"port {port} (PGPORT_GOODPRACTICE) is already in use" in result.stderr
    assert "Fix:" in result.stderr and "PGPORT_GOODPRACTICE=" in result.stderr
    assert "postgres://" not in result.stdout


def test_a_busy_default_port_and_a_folder_closed_to_postgres_are_worked_around(tmp_path):
    tmp_path.chmod(0o700)  # closed to other users, as a private clone's folder can be
    root = checkout(tmp_path)
    try:
        default = listening_socket(DEFAULT_PORT)
    except OSError:
        default = None  # another cluster holds it already, as on a developer's machine
    base = None
    try:
        result = run(root)
        moved = re.search(r"cluster lives in (\S+)\.", result.stderr)
        base = Path(moved.group(1)) if moved else root / "var" / "postgres"
        assert result.returncode == 0, result.stderr
        url = result.stdout.strip().splitlines()[-1]
        port = int(re.fullmatch(r"postgres://goodpractice@127\.0\.0\.1:(\d+)/goodpractice", url)[1])
        assert DEFAULT_PORT < port <= DEFAULT_PORT + 10
        assert f"port {DEFAULT_PORT} is in use" in result.stderr
        assert moved and str(base).startswith("/var/tmp/goodpractice-postgres-")
        # The cluster answers there, and a second run finds it running on the same port.
        assert socket.create_connection(("127.0.0.1", port), timeout=5)
        again = run(root)
        assert again.returncode == 0 and again.stdout.strip().endswith(f":{port}/goodpractice")
    finally:
        if default is not None:
            default.close()
        if base is not None:
            stop_cluster(base / "data")
            shutil.rmtree(base, ignore_errors=True)
