"""Search during an engine outage (a script, not a test): the database fallback's speed.

Seeds (or reuses) N practices with the bulk seeder of tests/bench/search.py, starts
gunicorn with the production settings (3 workers x 8 threads, as tests/bench/load.py)
pointed at a search engine that does not answer, and measures:

1. the failure benchmark's visitors (tests/bench/failure.py: the load test's page mix,
   0.2-0.6 s think time) during the outage, per page type;
2. search alone: the search page and /api/search/ with no think time;

and, first, the search service called one query at a time in this process.

Every search is answered from PostgreSQL (search/fallback.py, full-text search on
PostgreSQL); the script checks that the API says so. Nothing is killed or restarted.

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/fallback.py [--practices 10000] [--users 10]
"""

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# A port nothing listens on: every engine call fails at once, as when the node is killed.
DEAD_ENGINE = "http://127.0.0.1:9"
os.environ["SEARCH_URL"] = DEAD_ENGINE
from tests.bench import load  # noqa: E402  (sets the bench environment)
from tests.bench import search as search_bench  # noqa: E402

SEARCH_MIX = {"search page": 50, "search API": 50}
TARGET_P95_MS = 500


def prepare(practices, sample):
    search_bench.setup_django()
    from django.core.management import call_command

    from goodpractice.practices.models import PracticePage

    originals = PracticePage.objects.filter(alias_of__isnull=True).count()
    if originals != practices:
        print(f"seeding {practices} practices (found {originals})", flush=True)
        search_bench.seed(practices)
    call_command("collectstatic", interactive=False, verbosity=0)
    return load._urls(sample)


def one_at_a_time(rounds=3):
    """The search service in this process, one query after another (after a first pass)."""
    from django.http import QueryDict

    from search import service
    from search.queries import SearchParams

    params = []
    for query in search_bench.QUERIES:
        data = QueryDict(query)
        params.append(SearchParams.from_query(data, data.get("lang") or "fi", page_size=20))
    for each in params:
        service.search(each)
    durations = []
    for _round in range(rounds):
        for each in params:
            started = time.perf_counter()
            result = service.search(each)
            durations.append((time.perf_counter() - started) * 1000)
            if result.backend != "database":
                raise SystemExit("expected answers from the database")
    durations.sort()
    p95 = durations[round(0.95 * (len(durations) - 1))]
    print(f"\none search at a time, in process: n {len(durations)}, ", end="")
    print(f"p50 {statistics.median(durations):.0f} ms, p95 {p95:.0f} ms", flush=True)


def check_backend(port, urls):
    path = urls["search API"][0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        data = json.load(response)
    if data.get("backend") != "database":
        raise SystemExit(f"expected answers from the database, got {data.get('backend')}")
    print(f"{path}: {data['count']} results from the database", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--search-users", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--port", type=int, default=8768)
    args = parser.parse_args()

    urls = prepare(args.practices, 200)
    one_at_a_time()
    site = load.start_site(args.port, 3, 8, 300)
    try:
        check_backend(args.port, urls)
        # Each worker loads a locale's page list once (search.fallback.locale_pages).
        for _round in range(3):
            load.warm(args.port, urls, ("search page", "search API"))
        mixed = load.run_step(args.port, urls, load.MIX, args.users, args.duration, (0.2, 0.6))
        load.print_step("engine down, the failure benchmark's visitors", args.users, mixed)
        alone = load.run_step(args.port, urls, SEARCH_MIX, args.search_users, args.duration, None)
        load.print_step("engine down, search only, no think time", args.search_users, alone)
    finally:
        load.stop_site(site)
    worst = max(mixed[kind]["p95"] for kind in SEARCH_MIX)
    verdict = "met" if worst < TARGET_P95_MS else "NOT met"
    print(f"\nsearch p95 during the outage {worst:.0f} ms (target < {TARGET_P95_MS} ms): {verdict}")


if __name__ == "__main__":
    main()
