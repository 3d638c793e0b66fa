"""Real outages for the failure tests: a private search engine to kill, a PostgreSQL restart."""

import json
import os
import pwd
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PrivateEngine:
    """An OpenSearch node of its own (own folder, port and data), so killing it disturbs
    no other test. It reuses the jars the shared node's launcher has already fetched."""

    def __init__(self, name="failure-tests"):
        self.var = ROOT / "var" / f"search-{name}"
        self.url = None

    def _launcher(self, call):
        env = dict(os.environ, SEARCH_ENGINE_VAR_DIR=str(self.var))
        code = f"from search.engine import launcher; print(launcher.{call})"
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"launcher.{call} failed:\n{result.stderr[-2000:]}")
        return result.stdout.strip().splitlines()[-1]

    def start(self):
        self.var.mkdir(parents=True, exist_ok=True)
        shared_lib = ROOT / "var" / "search" / "lib-opensearch"
        lib = self.var / "lib-opensearch"
        if shared_lib.is_dir() and not lib.exists():
            lib.symlink_to(shared_lib)
        self.url = self._launcher("start('opensearch')")
        return self.url

    def kill(self):
        """SIGKILL, as a crash or the out-of-memory killer would: no clean shutdown."""
        state = json.loads((self.var / "opensearch.json").read_text())
        os.killpg(state["pid"], signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(state["pid"], 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        raise RuntimeError("the engine did not die")

    def stop(self):
        self._launcher("stop('opensearch')")


def postgres_restart_command():
    """pg_ctl restart for the cluster the tests use, run as the data folder's owner."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        data = Path(cursor.fetchone()[0])
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    pg_ctl = Path(f"/usr/lib/postgresql/{major}/bin/pg_ctl")
    if not pg_ctl.exists() or not data.is_dir():
        return None
    command = [str(pg_ctl), "-D", str(data), "-w", "-t", "60", "-m", "fast", "restart"]
    log = data.parent / "postgres.log"
    if log.exists():
        command[1:1] = ["-l", str(log)]
    owner = pwd.getpwuid(data.stat().st_uid).pw_name
    if os.geteuid() == 0 and owner != "root":
        command = ["runuser", "-u", owner, "--", *command]
    return command


def restart_postgres(command):
    started = time.monotonic()
    # The server inherits pg_ctl's output: don't pipe it, or this would wait for the server.
    subprocess.run(
        command, check=True, timeout=120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.monotonic() - started
