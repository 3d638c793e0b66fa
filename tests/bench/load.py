"""Load test (a script, not a test): the public site under growing numbers of visitors.

Prepares a PostgreSQL database with N practices (the bulk seeder of tests/bench/search.py;
an existing database with exactly N practices is reused), builds the search index in the
engine, starts gunicorn with the production settings (DEBUG off, WhiteNoise, the database
caches) and drives a mix of page types at each concurrency step:

    practice page 45 %, practice listing with facets 20 %, search page 10 %,
    search API 10 %, home page 15 %

Each virtual visitor waits a random think time between requests (--think, seconds,
"0" for none). Printed per step and page type: requests per second, p50, p95, errors.
Everything runs twice, page cache off, then on (warmed first); each time the cacheable
pages (practice, listing, home) are first driven without think time, to compare the
rates the server sustains, then the steps run.

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/load.py --practices 10000 --steps 1,10,25,50 --duration 20

Without SEARCH_URL the project's own engine is started (and left running).
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# The site keeps production's search timeout; this process builds the index and may wait.
SITE_SEARCH_TIMEOUT = os.environ.get("SEARCH_TIMEOUT", "2")
os.environ["SEARCH_TIMEOUT"] = "60"

from tests.bench import search as search_bench  # noqa: E402  (sets the bench environment)

MIX = {"practice": 45, "listing": 20, "search page": 10, "search API": 10, "home": 15}
CACHEABLE = ("practice", "listing", "home")
WORDS = ["lastensuojelun", "perhekeskus", "jälkihuolto", "kotikäynnit", "osallisuus", "nuorten"]
SV_WORDS = ["familjecenter", "eftervården", "barnskydd", "hembesök"]
TARGETS_MS = {"practice": 300, "search page": 300, "search API": 300}


def prepare(practices, sample):
    """The database with `practices` practices and an index of them; returns the URL set."""
    search_bench.setup_django()
    from django.core.management import call_command

    from goodpractice.practices.models import PracticePage

    originals = PracticePage.objects.filter(alias_of__isnull=True).count()
    if originals != practices:
        print(f"seeding {practices} practices (found {originals})", flush=True)
        search_bench.seed(practices)
    if _indexed_documents() != PracticePage.objects.live().count():
        print("building the search index", flush=True)
        search_bench.time_rebuild()
    call_command("collectstatic", interactive=False, verbosity=0)
    return _urls(sample)


def _indexed_documents():
    import requests

    from search.documents import alias_name

    try:
        response = requests.get(f"{os.environ['SEARCH_URL']}/{alias_name()}/_count", timeout=10)
        return response.json().get("count", -1)
    except (requests.RequestException, ValueError):
        return -1


def _urls(sample):
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page

    from goodpractice.practices.models import PracticeIndexPage, PracticePage, Theme
    from home.models import HomePage

    rng = random.Random(7)
    ids = list(PracticePage.objects.live().values_list("pk", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))
    practice_urls = [page.get_url() for page in Page.objects.filter(pk__in=chosen)]
    themes = list(Theme.objects.values_list("slug", flat=True))
    listings, search_pages, api = [], [], []
    for index in PracticeIndexPage.objects.all():
        for number in range(sample // 10):
            query = {"theme": rng.choice(themes)}
            if number % 3 == 0:
                query["status"] = "in_use"
            if number % 4 == 0:
                query["page"] = rng.randint(2, 5)
            listings.append(f"{index.get_url()}?{urlencode(query)}")
        listings.append(index.get_url())
    for language in ("fi", "sv"):
        words = WORDS if language == "fi" else SV_WORDS
        with translation.override(language):
            search_path = reverse("search")
        for word in words:
            search_pages.append(f"{search_path}?{urlencode({'q': word})}")
            api.append(f"/api/search/?{urlencode({'q': word, 'lang': language})}")
        for query in search_bench.QUERIES:
            api.append(f"/api/search/?{quote(query, safe='=&+')}")
    homes = [page.get_url() for page in HomePage.objects.all()]
    return {
        "practice": practice_urls,
        "listing": listings,
        "search page": search_pages,
        "search API": api,
        "home": homes,
    }


def start_site(port, workers, threads, page_cache_seconds):
    env = dict(
        os.environ,
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        SEARCH_TIMEOUT=SITE_SEARCH_TIMEOUT,
    )
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "goodpractice.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def stop_site(process):
    process.terminate()
    process.wait(timeout=30)


class Visitor(threading.Thread):
    """One virtual visitor: its own keep-alive connection, requests until the deadline."""

    def __init__(self, port, urls, mix, think, deadline, seed, record):
        super().__init__(daemon=True)
        self.port, self.urls, self.think, self.deadline = port, urls, think, deadline
        self.kinds, self.weights = zip(*mix.items(), strict=True)
        self.rng = random.Random(seed)
        self.record = record
        self.connection = None

    def get(self, path):
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.connection.request("GET", path, headers={"Accept-Language": "fi"})
            response = self.connection.getresponse()
            response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            return 0

    def run(self):
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(self.kinds, self.weights)[0]
            path = self.rng.choice(self.urls[kind])
            started = time.perf_counter()
            status = self.get(path)
            self.record(kind, (time.perf_counter() - started) * 1000, status == 200)
            if self.think:
                time.sleep(self.rng.uniform(*self.think))


def run_step(port, urls, mix, users, duration, think):
    samples = defaultdict(list)
    lock = threading.Lock()

    def record(kind, ms, ok):
        with lock:
            samples[kind].append((ms, ok))

    deadline = time.monotonic() + duration
    visitors = [Visitor(port, urls, mix, think, deadline, seed, record) for seed in range(users)]
    started = time.monotonic()
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()
    elapsed = time.monotonic() - started
    return {kind: _summary(rows, elapsed) for kind, rows in samples.items()}


def _summary(rows, elapsed):
    durations = sorted(ms for ms, _ok in rows)
    errors = sum(1 for _ms, ok in rows if not ok)
    p95 = durations[min(len(durations) - 1, round(0.95 * (len(durations) - 1)))]
    return {
        "n": len(rows),
        "rps": len(rows) / elapsed,
        "p50": statistics.median(durations),
        "p95": p95,
        "errors": errors,
    }


def warm(port, urls, kinds, concurrency=6):
    """Request every URL once (fills the page cache, warms the engine's caches)."""
    paths = [path for kind in kinds for path in urls[kind]]
    local = threading.local()

    def get(path):
        if not hasattr(local, "visitor"):
            local.visitor = Visitor(port, urls, MIX, None, 0, 0, lambda *a: None)
        local.visitor.get(path)

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, paths))


def print_step(title, users, results):
    print(f"\n{title}, {users} users")
    print(f"{'page type':<13} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'n':>6} {'errors':>7}")
    total = {"rps": 0.0, "n": 0, "errors": 0}
    for kind in MIX:
        if kind not in results:
            continue
        r = results[kind]
        for field in total:
            total[field] += r[field]
        print(
            f"{kind:<13} {r['rps']:>7.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['n']:>6} "
            f"{r['errors']:>7}"
        )
    rate = total["errors"] / total["n"] if total["n"] else 0
    print(f"{'all':<13} {total['rps']:>7.1f} {'':>8} {'':>8} {total['n']:>6} {rate:>6.1%}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--steps", default="1,10,25,50")
    parser.add_argument("--duration", type=float, default=20, help="seconds per step")
    parser.add_argument(
        "--think", default="0.5-1.5", help="seconds between a visitor's requests, or 0"
    )
    parser.add_argument("--sample", type=int, default=300, help="distinct practice pages requested")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument(
        "--compare-users", type=int, default=10, help="visitors in the cache comparison"
    )
    args = parser.parse_args()
    steps = [int(s) for s in args.steps.split(",")]
    think = None if args.think in ("0", "") else tuple(float(s) for s in args.think.split("-"))
    if think and len(think) == 1:
        think = (think[0], think[0])

    if not os.environ.get("SEARCH_URL"):
        from search.engine import launcher

        os.environ["SEARCH_URL"] = launcher.start("opensearch")
    urls = prepare(args.practices, args.sample)
    from django.db import connections

    connections.close_all()  # the site gets every connection slot it wants

    print(
        f"\n{args.practices} practices; gunicorn {args.workers} workers × {args.threads} "
        f"threads; think time {args.think} s; {args.duration:.0f} s per step"
    )
    verdicts = []
    compare = {}
    cacheable_mix = {kind: MIX[kind] for kind in CACHEABLE}
    for label, seconds in (("page cache off", 0), ("page cache on", 300)):
        site = start_site(args.port, args.workers, args.threads, seconds)
        try:
            warm(port=args.port, urls=urls, kinds=list(MIX) if seconds else ["search API"])
            # First, while no slow request from a busy step is still running: the rate the
            # server sustains for cacheable pages.
            results = run_step(
                args.port, urls, cacheable_mix, args.compare_users, args.duration, None
            )
            print_step(f"{label}, no think time, cacheable pages", args.compare_users, results)
            compare[label] = sum(r["rps"] for r in results.values())
            for users in steps:
                results = run_step(args.port, urls, MIX, users, args.duration, think)
                print_step(label, users, results)
                if users == max(steps):
                    for kind, limit in TARGETS_MS.items():
                        r = results.get(kind)
                        if r:
                            verdicts.append((label, kind, r["p95"], limit, r["errors"]))
        finally:
            stop_site(site)

    print(f"\ntargets at {max(steps)} users (p95 < limit, no errors):")
    for label, kind, p95, limit, errors in verdicts:
        verdict = "met" if p95 < limit and errors == 0 else "NOT met"
        print(f"  {label:<15} {kind:<12} p95 {p95:7.1f} ms, {errors} errors: {verdict}")
    ratio = compare["page cache on"] / compare["page cache off"]
    verdict = "met" if ratio >= 5 else "NOT met"
    print(
        f"cacheable pages: {compare['page cache off']:.1f} req/s uncached, "
        f"{compare['page cache on']:.1f} req/s cached = {ratio:.1f}× (target 5×): {verdict}"
    )


if __name__ == "__main__":
    main()
