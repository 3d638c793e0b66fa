"""Page cost benchmark (a script, not a test): does a page's cost grow with the catalogue?

Seeds one PostgreSQL database per catalogue size (the bulk seeder of tests/bench/search.py;
a database that already has exactly that many practices is reused), indexes it under its
own SEARCH_INDEX_PREFIX, starts one gunicorn per size (production settings, one sync
worker, page cache off) and requests each page type sequentially, the sizes interleaved
request by request so that a busy moment of the shared machine hits all of them alike.
Round 0 warms up (and, as any first view does, stores the related practices of pages the
indexing task has not seen: the bulk seeder bypasses it).
Printed: p50 and p95 per page type and size, and each p50's growth against the smallest
size; then, per size, the time a publish takes to become visible (page cache on, the
background worker running) and whether an unrelated practice's cached page survived it.

    .venv/bin/python tests/bench/pages.py [--sizes 100,1000,10000] [--rounds 5]

DATABASE_URL names the server; the databases are <name>_<size> (default gp_pages_100...).
SEARCH_URL defaults to http://127.0.0.1:9200.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_DB = "postgres://goodpractice@127.0.0.1:54329/gp_pages"
PAGE_TYPES = [
    "practice",
    "practice (signed in)",
    "home",
    "listing",
    "listing, filtered",
    "theme",
    "organisation",
    "map",
    "search page",
    "/api/practices/",
]
SAMPLE = 8  # URLs per page type (fewer where the site has fewer)
MARK = "X-Bench-Size"


def size_env(base_url, size, prefix):
    return dict(
        os.environ,
        DATABASE_URL=f"{base_url}_{size}",
        SEARCH_INDEX_PREFIX=f"{prefix}{size}-",
        DJANGO_SETTINGS_MODULE="goodpractice.settings.production",
        SECRET_KEY="bench-only",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SEARCH_URL=os.environ.get("SEARCH_URL", "http://127.0.0.1:9200"),
        LOG_LEVEL="WARNING",
    )


# In a child process, with one size's environment: prepare the database and pick URLs.


def prepare(size):
    sys.path.insert(0, str(ROOT))
    os.environ["SEARCH_TIMEOUT"] = "60"
    from tests.bench import search as search_bench

    search_bench.setup_django()
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from goodpractice.practices.models import PracticePage
    from tests.bench.load import _indexed_documents

    if PracticePage.objects.filter(alias_of__isnull=True).count() != size:
        print(f"seeding {size} practices", file=sys.stderr, flush=True)
        search_bench.seed(size)
        call_command("rebuild_search_index", verbosity=0)
    elif _indexed_documents() != PracticePage.objects.live().count():
        call_command("rebuild_search_index", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    urls = pick_urls()
    urls["cookie"] = contributor_session(Group)
    print(json.dumps(urls))


def pick_urls():
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from goodpractice.organisations.models import Organisation
    from goodpractice.practices.models import PracticeIndexPage, PracticePage, Theme
    from home.models import HomePage

    rng = random.Random(14)
    fi = Locale.objects.get(language_code="fi")
    ids = sorted(PracticePage.objects.live().filter(locale=fi).values_list("pk", flat=True))
    practices = [PracticePage.objects.get(pk=pk).url for pk in rng.sample(ids, SAMPLE)]
    index = PracticeIndexPage.objects.get(locale=fi).url
    themes = list(Theme.objects.order_by("pk"))
    organisations = list(
        Organisation.objects.filter(practices__isnull=False).distinct().order_by("pk")
    )
    regions = [o for o in organisations if o.is_region] or organisations
    with translation.override("fi"):
        return {
            "practice": practices,
            # One URL alone would give too few samples: the home page of each language, twice.
            "home": [page.url for page in HomePage.objects.order_by("pk")] * 2,
            "listing": [index, f"{index}?page=2", f"{index}?sort=title"],
            "listing, filtered": [
                f"{index}?{urlencode(q)}"
                for q in (
                    {"theme": themes[0].slug},
                    {"theme": themes[1].slug, "status": "in_use"},
                    {"county": regions[0].code, "page": 2},
                    {"theme": themes[2].slug, "county": regions[1 % len(regions)].code},
                )
            ],
            "theme": [t.get_absolute_url() for t in rng.sample(themes, min(SAMPLE, len(themes)))],
            "organisation": [o.get_absolute_url() for o in regions[:4]]
            + [
                o.get_absolute_url()
                for o in rng.sample(
                    [o for o in organisations if not o.is_region],
                    min(4, len(organisations) - len(regions)),
                )
            ],
            "map": [map_url(code) for code in ("fi", "sv", "en")] * 2,
            "search page": [
                f"{reverse('search')}?{urlencode({'q': word})}"
                for word in ("perhekeskus", "jälkihuolto", "kotikäynnit", "osallisuus")
            ],
            "/api/practices/": ["/api/practices/", f"/api/practices/?theme={themes[0].slug}"],
        }


def map_url(language):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("practice_map")


def contributor_session(Group):
    """A signed-in contributor of an organisation that runs none of the sampled practices
    (so the page offers "We use this too"); returns the session cookie."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from goodpractice.organisations.models import Membership, Organisation

    user, _created = get_user_model().objects.get_or_create(
        username="bench-contributor", defaults={"email": "bench@example.invalid"}
    )
    user.groups.add(Group.objects.get(name="Contributors"))
    organisation = Organisation.objects.filter(kind="other").order_by("pk").first()
    organisation = organisation or Organisation.objects.order_by("-pk").first()
    Membership.objects.get_or_create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def publish_visibility(port):
    """Publish a title change with the page cache on and the worker running; report how
    long until the practice page and the search page show it, and whether an unrelated
    practice's cached page survived."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import requests
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Locale

    from goodpractice.practices.models import PracticePage

    # Let the worker finish what earlier steps queued, so it is idle when we publish.
    deadline = time.monotonic() + 120
    while DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists():
        if time.monotonic() > deadline:
            raise SystemExit("the worker did not empty its queue")
        time.sleep(0.5)
    fi = Locale.objects.get(language_code="fi")
    pages = list(PracticePage.objects.live().filter(locale=fi, alias_of__isnull=True)[:2])
    page, unrelated = pages
    site = f"http://127.0.0.1:{port}"
    search_url = f"{site}/fi/haku/"
    word = f"benchmark{int(time.time())}"
    for url in (page.url, unrelated.url, page.url, unrelated.url):
        requests.get(site + url, timeout=30)
    before = requests.get(site + unrelated.url, timeout=30).headers.get("X-Page-Cache")
    started = time.perf_counter()
    page.title = f"{page.title.split(' benchmark')[0]} {word}"
    page.save_revision().publish()
    published = time.perf_counter()
    seen = {}
    deadline = started + 60
    while len(seen) < 2 and time.perf_counter() < deadline:
        if "practice page" not in seen and word in requests.get(site + page.url, timeout=30).text:
            seen["practice page"] = time.perf_counter() - started
        if "search page" not in seen:
            answer = requests.get(search_url, params={"q": word}, timeout=30).text
            if page.url in answer:
                seen["search page"] = time.perf_counter() - started
        time.sleep(0.05)
    after = requests.get(site + unrelated.url, timeout=30).headers.get("X-Page-Cache")
    print(
        json.dumps(
            {
                "publish (save and publish)": published - started,
                **seen,
                "unrelated page cached before/after": f"{before}/{after}",
            }
        )
    )


# The orchestrating process.


def start_site(env, port, cache_seconds):
    env = dict(env, PAGE_CACHE_SECONDS=str(cache_seconds), SEARCH_TIMEOUT="2")
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "goodpractice.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--worker-class=sync",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health/", timeout=5).ok:
                return process
        except requests.RequestException:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def get(session, port, url, cookie=None):
    headers = {"Cookie": cookie} if cookie else {}
    started = time.perf_counter()
    response = session.get(f"http://127.0.0.1:{port}{url}", headers=headers, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    if cookie and 'class="button" href="/fi/kaytamme-tata-myos/' not in response.text:
        # The signed-in page links to the adoption form ("We use this too").
        raise SystemExit(f"{url}: not the signed-in page")
    return elapsed


def measure(sites, rounds):
    """Each URL position is requested from every size in turn (the first size rotating
    by round), so that the sizes see the same moments of a busy machine."""
    import requests

    samples = {(size, kind): [] for size in sites for kind in PAGE_TYPES}
    session = requests.Session()
    sizes = list(sites)
    for number in range(rounds + 1):  # round 0 warms up
        order = sizes[number % len(sizes) :] + sizes[: number % len(sizes)]
        for kind in PAGE_TYPES:
            source = "practice" if kind == "practice (signed in)" else kind
            cookie_kind = kind == "practice (signed in)"
            positions = max(len(sites[size][1][source]) for size in sizes)
            for position in range(positions):
                for size in order:
                    port, urls = sites[size]
                    if position >= len(urls[source]):
                        continue
                    cookie = urls["cookie"] if cookie_kind else None
                    elapsed = get(session, port, urls[source][position], cookie)
                    if number:
                        samples[size, kind].append(elapsed)
        print(f"round {number} done", file=sys.stderr, flush=True)
    return samples


def percentiles(values):
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def report(samples, sizes):
    smallest, largest = sizes[0], sizes[-1]
    head = "".join(f"{f'{s} p50':>10}{f'{s} p95':>10}" for s in sizes)
    print(f"\n{'page (ms)':<22}{head}{'growth':>9}")
    for kind in PAGE_TYPES:
        row = [percentiles(samples[size, kind]) for size in sizes]
        cells = "".join(f"{p50:>10.1f}{p95:>10.1f}" for p50, p95 in row)
        print(f"{kind:<22}{cells}{row[-1][0] / row[0][0]:>8.2f}×")
    anonymous = percentiles(samples[largest, "practice"])[0]
    signed_in = percentiles(samples[largest, "practice (signed in)"])[0]
    print(
        f"\nsigned-in practice page at {largest}: {signed_in / anonymous:.2f}× the anonymous "
        f"page (growth of each against {smallest}: the last column)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=8840)
    parser.add_argument("--index-prefix", default="bench-pages-")
    parser.add_argument("--no-publish", action="store_true")
    parser.add_argument("--child", choices=["prepare", "publish"])
    parser.add_argument("--size", type=int)
    args = parser.parse_args()
    if args.child == "prepare":
        return prepare(args.size)
    if args.child == "publish":
        return publish_visibility(args.port)

    base = os.environ.get("DATABASE_URL", DEFAULT_DB)
    sizes = [int(s) for s in args.sizes.split(",")]
    sites, processes = {}, []
    try:
        for offset, size in enumerate(sizes):
            env = size_env(base, size, args.index_prefix)
            output = subprocess.run(
                [PYTHON, __file__, "--child=prepare", f"--size={size}"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            urls = json.loads(output.stdout.strip().splitlines()[-1])
            processes.append(start_site(env, args.port + offset, 0))
            sites[size] = (args.port + offset, urls)
        samples = measure(sites, args.rounds)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    print(f"sequential requests, one sync worker, page cache off, {args.rounds} rounds")
    report(samples, sizes)
    if args.no_publish:
        return
    print("\npublish → visible (page cache on, worker running), seconds")
    for size in sizes:
        env = size_env(base, size, args.index_prefix)
        port = args.port + 50
        site = start_site(env, port, 300)
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            output = subprocess.run(
                [PYTHON, __file__, "--child=publish", f"--port={port}"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            for process in (worker, site):
                process.terminate()
                process.wait(timeout=30)
        found = json.loads(output.stdout.strip().splitlines()[-1])
        cells = ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in found.items()
        )
        print(f"{size:>6}: {cells}")


if __name__ == "__main__":
    main()
