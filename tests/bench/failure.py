"""Failure benchmark (a script, not a test): outages under load, with figures.

Uses the load test's database (tests/bench/load.py prepares it) and gunicorn with the
production settings, a task worker, and a private search engine of its own (so killing it
disturbs no other engine). Visitors browse and search throughout; then:

1. the engine is killed (SIGKILL); a practice is published during the outage; the engine
   is started again. Printed: requests answered during the outage, errors, p95, and the
   seconds until the published change is found through the engine again;
2. PostgreSQL is restarted (pg_ctl restart -m fast). Printed: requests during the restart,
   how many were refused with 503, other errors, and the seconds until all answer again.

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/failure.py [--users 10]
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

os.environ["SEARCH_TIMEOUT"] = "60"  # this process's index rebuild may wait
from tests.bench import load  # noqa: E402  (sets the bench environment)
from tests.operations.outages import (  # noqa: E402
    PrivateEngine,
    postgres_restart_command,
    restart_postgres,
)


class Recorder:
    def __init__(self):
        self.rows, self.lock = [], threading.Lock()

    def __call__(self, kind, ms, ok):
        with self.lock:
            self.rows.append((time.monotonic(), kind, ms, ok))

    def between(self, start, end):
        return [row for row in self.rows if start <= row[0] < end]


def drive(port, urls, users, stop_at, record):
    visitors = [
        load.Visitor(port, urls, load.MIX, (0.2, 0.6), stop_at, seed, record)
        for seed in range(users)
    ]
    for visitor in visitors:
        visitor.start()
    return visitors


def _p95(rows):
    durations = sorted(row[2] for row in rows)
    return durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))] if rows else 0


def _api(port, query):
    url = f"http://127.0.0.1:{port}/api/search/?{query}"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.load(response)
    except OSError:
        return {}


def engine_outage(port, urls, users, engine):
    from django.utils.crypto import get_random_string

    from goodpractice.practices.models import PracticePage

    record = Recorder()
    visitors = drive(port, urls, users, time.monotonic() + 600, record)
    time.sleep(5)
    killed = time.monotonic()
    engine.kill()
    word = "katkos" + get_random_string(6, "abcdefghijklmnopqrstuvwxyz")
    page = PracticePage.objects.live().filter(locale__language_code="fi").first()
    page.title = f"{page.title.split(' katkos')[0]} {word}"
    page.save_revision().publish()  # the worker's index update meets the dead engine
    time.sleep(10)
    restarted = time.monotonic()
    engine.start()
    back = time.monotonic()
    caught_up = None
    while time.monotonic() < back + 120:
        data = _api(port, f"q={word}")
        if data.get("backend") == "engine" and data.get("count", 0) >= 1:
            caught_up = time.monotonic()
            break
        time.sleep(0.5)
    for visitor in visitors:
        visitor.deadline = 0
    for visitor in visitors:
        visitor.join()
    during = record.between(killed, restarted)
    errors = sum(1 for row in during if not row[3])
    print("\nsearch engine killed under load")
    print(f"  outage {restarted - killed:.1f} s, engine back after {back - restarted:.1f} s")
    print(f"  requests during the outage {len(during)}, errors {errors}, p95 {_p95(during):.0f} ms")
    if caught_up:
        print(f"  change published during the outage found via the engine {caught_up - back:.1f} s")
    else:
        print("  change published during the outage NOT found via the engine within 120 s")
    return errors


def postgres_restart(port, urls, users):
    command = postgres_restart_command()
    if command is None:
        print("\nPostgreSQL restart skipped: the cluster can't be restarted from here")
        return 0
    from django.db import connections

    connections.close_all()
    record = Recorder()
    visitors = drive(port, urls, users, time.monotonic() + 600, record)
    time.sleep(5)
    started = time.monotonic()
    downtime = restart_postgres(command)
    ended = time.monotonic()
    time.sleep(10)
    for visitor in visitors:
        visitor.deadline = 0
    for visitor in visitors:
        visitor.join()
    connections.close_all()
    after = record.between(ended, ended + 60)
    failed_after = [row for row in after if not row[3]]
    recovered = (failed_after[-1][0] - ended) if failed_after else 0.0
    during = record.between(started, ended + recovered)
    refused = sum(1 for row in during if not row[3])
    print("\nPostgreSQL restarted under load")
    print(f"  restart took {downtime:.1f} s; all requests answered again {recovered:.1f} s later")
    print(f"  requests during the restart {len(during)}, not answered 200: {refused}")
    return refused


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()

    engine = PrivateEngine("bench-failure")
    os.environ["SEARCH_URL"] = engine.start()
    urls = load.prepare(args.practices, 200)
    env = dict(os.environ, SEARCH_TIMEOUT=load.SITE_SEARCH_TIMEOUT)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "-v0"], cwd=ROOT, env=env
    )
    site = load.start_site(args.port, 3, 8, 300)
    try:
        engine_outage(args.port, urls, args.users, engine)
        postgres_restart(args.port, urls, args.users)
    finally:
        load.stop_site(site)
        worker.terminate()
        worker.wait(timeout=30)
        engine.stop()


if __name__ == "__main__":
    main()
