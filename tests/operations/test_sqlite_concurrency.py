"""Development uses SQLite: saving a page while the task worker writes must not fail.

Before the development settings configured SQLite for concurrent writers, one save in
two answered 500 "database is locked" (after the page had in fact been saved).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("sqlite_page_writer.py")


def _env(database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="goodpractice.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        # An engine that refuses connections at once: the worker's index updates fail,
        # record their result and schedule retries, i.e. they write.
        SEARCH_URL="http://127.0.0.1:9",
    )
    return env


def test_pages_save_while_the_worker_writes(tmp_path):
    env = _env(tmp_path / "db.sqlite3")
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    worker = subprocess.Popen(
        [*manage, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.05", "-v0"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2)  # the worker is polling
        writers = [
            subprocess.Popen(
                [sys.executable, str(WRITER), "25"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [writer.communicate(timeout=300) for writer in writers]
    finally:
        worker.terminate()
        _out, worker_errors = worker.communicate(timeout=30)

    for writer, (out, errors) in zip(writers, results, strict=True):
        assert writer.returncode == 0, errors
        assert "saved 25" in out
    assert "database is locked" not in worker_errors
