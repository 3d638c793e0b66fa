"""Search benchmark (a script, not a test).

Seeds N realistic practices in Finnish and Swedish (default 10,000, each with its pages
in all three language sites, as the site has them), times a full `rebuild_search_index`
from the database, then measures /api/search/ (served by gunicorn) and the same queries
sent straight to the engine, at concurrency 8, and prints a table.

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/search.py [--practices 10000] [--requests 800]

The database named in DATABASE_URL is created if missing and its practices replaced.
Pages are created with bulk INSERTs (tree paths computed here) instead of one treebeard
save per page, which would take hours; the rows are the same as Wagtail writes for a
published page and its aliases.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench-")
os.environ.setdefault("DATABASE_URL", "postgres://goodpractice@127.0.0.1:54329/gp_bench")

FI = {
    "titles": [
        "Perhekeskuksen {x}",
        "Kotiin vietävä {x}",
        "Lastensuojelun {x}",
        "Sijaishuollon {x}",
        "Jälkihuollon {x}",
        "Monialainen {x}",
        "Matalan kynnyksen {x}",
        "Systeeminen {x}",
        "Koulunkäynnin tuki ja {x}",
        "Varhaiskasvatuksen {x}",
    ],
    "things": [
        "perhetyö",
        "tiimi",
        "toimintamalli",
        "vertaisryhmä",
        "kotikäynnit",
        "palveluohjaus",
        "arviointijakso",
        "verkostotapaaminen",
        "nuorten olohuone",
        "vanhempainryhmä",
        "kokemusasiantuntijatoiminta",
        "eroauttaminen",
    ],
    "sentences": [
        "Lastensuojelun sosiaalityöntekijä ja perhetyöntekijä tapaavat perheen kotona.",
        "Lapsen etu ja osallisuus ovat työn lähtökohta.",
        "Perhekeskuksessa neuvola, perheneuvola ja sosiaalipalvelut toimivat yhdessä.",
        "Nuori saa jälkihuollon tukea täysi-ikäistymisen jälkeen.",
        "Kokemusasiantuntijat osallistuvat toiminnan kehittämiseen.",
        "Matalan kynnyksen palveluihin pääsee ilman lähetettä.",
        "Monialainen tiimi arvioi palvelutarpeen yhdessä perheen kanssa.",
        "Sijaisperheet saavat koulutusta ja työnohjausta.",
        "Koulu ja lastensuojelu sopivat yhdessä lapsen tukitoimista.",
        "Vanhemmuuden tukea tarjotaan jo raskausaikana.",
        "Toiminnan tuloksia seurataan asiakaspalautteella ja mittareilla.",
        "Hyvinvointialue koordinoi työtä yhdessä kuntien kanssa.",
    ],
}
SV = {
    "titles": [
        "Familjecentrets {x}",
        "Hemservice och {x}",
        "Barnskyddets {x}",
        "Eftervård: {x}",
        "Vård utom hemmet och {x}",
        "Multiprofessionellt {x}",
        "Lågtröskel{x}",
        "Systemisk {x}",
    ],
    "things": [
        "familjearbete",
        "team",
        "verksamhetsmodell",
        "kamratgrupp",
        "hembesök",
        "servicehandledning",
        "nätverksmöte",
        "föräldragrupp",
        "erfarenhetsexperter",
        "samarbete",
    ],
    "sentences": [
        "Socialarbetaren inom barnskyddet och familjearbetaren träffar familjen hemma.",
        "Barnets bästa och delaktighet är utgångspunkten för arbetet.",
        "I familjecentret samarbetar rådgivningen och socialtjänsten.",
        "Den unga får stöd i eftervården efter att ha fyllt arton.",
        "Erfarenhetsexperter deltar i utvecklingen av verksamheten.",
        "Till lågtröskeltjänsterna kommer man utan remiss.",
        "Ett multiprofessionellt team bedömer servicebehovet tillsammans med familjen.",
        "Familjehemmen får utbildning och handledning.",
        "Skolan och barnskyddet kommer överens om stödåtgärder för barnet.",
        "Välfärdsområdet samordnar arbetet tillsammans med kommunerna.",
    ],
}
QUERIES = [
    "q=lastensuojelun",
    "q=perhekeskus",
    "q=kotikäynnit&theme=home-based-services",
    "q=jälkihuolto",
    "q=eftervården&lang=sv",
    "q=familjecenter&lang=sv",
    "q=osallisuus&county=VS",
    "q=monialainen+tiimi",
    "q=sijaishuolto&status=in_use",
    "q=vertaisryhmä&year=2020",
    "q=barnskydd&lang=sv&county=OP",
    "q=nuorten",
    "theme=family-centre",
    "county=PI&theme=aftercare",
    "q=kokemusasiantuntija",
    "q=perheneuvola&sort=newest",
    "q=koulu&target_group=school-age",
    "q=hembesök&lang=sv",
    "q=perhetyö&page=3",
    "q=palveluohjaus&evidence_level=evaluated",
]


def setup_django():
    import dj_database_url
    import psycopg

    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=url["HOST"],
        port=url["PORT"],
        user=url["USER"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("select 1 from pg_database where datname=%s", [url["NAME"]]).fetchone():
            conn.execute(f'create database "{url["NAME"]}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    from home.site_setup import ensure_site_structure

    ensure_site_structure()


def _text(bank, rng, sentences):
    return " ".join(rng.sample(bank["sentences"], sentences))


def seed(count):
    """Replace all practices with `count` new ones (half Finnish, half Swedish)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from goodpractice.organisations.models import Organisation
    from goodpractice.practices.models import (
        EvidenceLevel,
        PracticeIndexPage,
        PracticePage,
        TargetGroup,
        Theme,
    )

    rng = random.Random(42)
    started = time.monotonic()
    with transaction.atomic():
        # Deleting page rows directly: the benchmark database has nothing else to keep.
        ids = list(PracticePage.objects.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            for through in (
                PracticePage.themes.through,
                PracticePage.target_groups.through,
                PracticePage.organisations.through,
            ):
                cursor.execute(f"DELETE FROM {through._meta.db_table}")
            cursor.execute(f"DELETE FROM {PracticePage._meta.db_table}")
            cursor.execute("DELETE FROM wagtailcore_page WHERE id = ANY(%s)", [ids])
            cursor.execute(
                "UPDATE wagtailcore_page SET numchild = 0 WHERE content_type_id = %s",
                [ContentType.objects.get_for_model(PracticeIndexPage).pk],
            )

        content_type = ContentType.objects.get_for_model(PracticePage)
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        indexes = {
            code: PracticeIndexPage.objects.get(locale=locale) for code, locale in locales.items()
        }
        themes = list(Theme.objects.all())
        groups = list(TargetGroup.objects.all())
        levels = list(EvidenceLevel.objects.all())
        organisations = list(
            Organisation.objects.filter(kind__in=["municipality", "county"]).order_by("pk")
        )
        now = timezone.now()

        originals = []
        for number in range(count):
            language = "fi" if number % 2 == 0 else "sv"
            bank = FI if language == "fi" else SV
            title = rng.choice(bank["titles"]).format(x=rng.choice(bank["things"]))
            title = f"{title[0].upper()}{title[1:]} {number}"
            published = now - timezone.timedelta(days=rng.randint(0, 3650))
            originals.append(
                {
                    "language": language,
                    "title": title,
                    "slug": f"kaytanto-{number}",
                    "summary": _text(bank, rng, 2),
                    "description": "<p>" + _text(bank, rng, 4) + "</p>",
                    "need": "<p>" + _text(bank, rng, 2) + "</p>",
                    "results": "<p>" + _text(bank, rng, 2) + "</p>",
                    "published": published,
                    "translation_key": uuid.uuid4(),
                    "evidence_level": rng.choice(levels),
                    "status": rng.choice(["in_use", "in_use", "pilot", "ended"]),
                    "started_year": rng.randint(2005, 2024),
                    "themes": rng.sample(themes, rng.randint(1, 3)),
                    "groups": rng.sample(groups, rng.randint(0, 2)),
                    "organisations": rng.sample(organisations, rng.randint(1, 2)),
                }
            )

        # One page per locale for each practice: the original, then two aliases of it.
        per_parent = dict.fromkeys(indexes, 0)

        def page_row(practice, code, alias_of=None):
            parent = indexes[code]
            per_parent[code] += 1
            return Page(
                title=practice["title"],
                draft_title=practice["title"],
                slug=practice["slug"],
                content_type=content_type,
                locale=locales[code],
                translation_key=practice["translation_key"],
                alias_of_id=alias_of,
                live=True,
                has_unpublished_changes=False,
                path=Page._get_path(parent.path, parent.depth + 1, per_parent[code]),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{practice['slug']}/",
                first_published_at=practice["published"],
                last_published_at=practice["published"],
                latest_revision_created_at=practice["published"],
            )

        pages = Page.objects.bulk_create(
            [page_row(p, p["language"]) for p in originals], batch_size=2000
        )
        details = [(p, p["language"]) for p in originals]
        alias_details = [
            (p, code)
            for p, page in zip(originals, pages, strict=True)
            for code in ("fi", "sv", "en")
            if code != p["language"]
        ]
        original_pk = {
            p["translation_key"]: page.pk for p, page in zip(originals, pages, strict=True)
        }
        pages += Page.objects.bulk_create(
            [page_row(p, code, original_pk[p["translation_key"]]) for p, code in alias_details],
            batch_size=2000,
        )
        details += alias_details

        # The PracticePage rows under those Page rows (multi-table inheritance).
        rows = [
            PracticePage(
                page_ptr_id=page.pk,
                language=practice["language"],
                summary=practice["summary"],
                description=practice["description"],
                need=practice["need"],
                results=practice["results"],
                evidence_level=practice["evidence_level"],
                status=practice["status"],
                started_year=practice["started_year"],
                first_published_on=practice["published"],
            )
            for page, (practice, _code) in zip(pages, details, strict=True)
        ]
        fields = list(PracticePage._meta.local_concrete_fields)
        for start in range(0, len(rows), 2000):
            PracticePage._base_manager._insert(rows[start : start + 2000], fields=fields, raw=True)

        for through, key, attr in (
            (PracticePage.themes.through, "theme_id", "themes"),
            (PracticePage.target_groups.through, "targetgroup_id", "groups"),
            (PracticePage.organisations.through, "organisation_id", "organisations"),
        ):
            through.objects.bulk_create(
                [
                    through(practicepage_id=page.pk, **{key: item.pk})
                    for page, (practice, _code) in zip(pages, details, strict=True)
                    for item in practice[attr]
                ],
                batch_size=5000,
            )
        for code, parent in indexes.items():
            Page.objects.filter(pk=parent.pk).update(numchild=per_parent[code])
        # The bulk INSERTs sent no publish signals: the database search's documents.
        from search import fulltext

        fulltext.refresh_all()
    return len(originals), len(pages), time.monotonic() - started


def time_rebuild():
    from search.rebuild import rebuild

    report = rebuild(stream=sys.stderr)
    return report


def _percentiles(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95, len(samples)


def _run_concurrently(calls, concurrency):
    import requests

    local = threading.local()
    durations, failures = [], []

    def run(call):
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        started = time.perf_counter()
        response = call(session)
        durations.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            failures.append(response.status_code)
        return response

    with ThreadPoolExecutor(concurrency) as pool:
        responses = list(pool.map(run, calls))
    return durations, failures, responses


def measure(site_url, requests_count, concurrency):
    from django.conf import settings
    from django.http import QueryDict

    from search.documents import alias_name
    from search.queries import SearchParams, build_search

    queries = [QUERIES[i % len(QUERIES)] for i in range(requests_count)]

    def api_call(query):
        return lambda session: session.get(f"{site_url}/api/search/?{query}", timeout=10)

    def engine_call(query):
        data = QueryDict(query)
        params = SearchParams.from_query(data, data.get("lang") or "fi", page_size=20)
        body = build_search(params).to_dict()
        url = f"{settings.SEARCH_URL}/{alias_name()}/_search"
        return lambda session: session.post(url, json=body, timeout=10)

    # Warm up both paths (connections, caches, JIT).
    _run_concurrently([api_call(q) for q in QUERIES] * 2, concurrency)
    _run_concurrently([engine_call(q) for q in QUERIES] * 2, concurrency)

    # Each path runs in two halves, in the order engine, API, API, engine, so that caches
    # warming up over the run favour neither.
    paths = {"engine (direct)": engine_call, "/api/search/": api_call}
    samples = {name: ([], []) for name in paths}
    half = len(queries) // 2
    for name in ("engine (direct)", "/api/search/", "/api/search/", "engine (direct)"):
        batch = queries[:half] if not samples[name][0] else queries[half:]
        durations, failures, responses = _run_concurrently(
            [paths[name](q) for q in batch], concurrency
        )
        if name == "/api/search/":
            backends = {r.json()["backend"] for r in responses if r.status_code == 200}
            if backends != {"engine"}:
                raise SystemExit(f"the API answered from {backends}, not only the engine")
        samples[name][0].extend(durations)
        samples[name][1].extend(failures)
    return {
        name: (*_percentiles(durations), len(failures))
        for name, (durations, failures) in samples.items()
    }


def start_site(port, workers):
    env = dict(os.environ)
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "goodpractice.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        "--threads=2",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/search/?q=x", timeout=2).ok:
                return process
        except requests.RequestException:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()

    if not os.environ.get("SEARCH_URL"):
        from search.engine import launcher

        os.environ["SEARCH_URL"] = launcher.start("opensearch")
    setup_django()

    rows = []
    if not args.skip_seed:
        practices, pages, seconds = seed(args.practices)
        rows.append(("seed (bulk INSERT)", f"{practices} practices, {pages} pages", seconds))
    report = time_rebuild()
    rows.append(("rebuild from database", f"{report['documents']} documents", report["seconds"]))

    site = start_site(args.port, args.workers)
    try:
        latency = measure(f"http://127.0.0.1:{args.port}", args.requests, args.concurrency)
    finally:
        site.terminate()
        site.wait(timeout=30)

    print()
    print(f"{'step':<26} {'size':<32} {'seconds':>8}")
    for name, size, seconds in rows:
        print(f"{name:<26} {size:<32} {seconds:>8.1f}")
    print()
    print(f"concurrency {args.concurrency}, {args.requests} requests each, {len(QUERIES)} queries")
    print(f"{'target':<18} {'p50 ms':>8} {'p95 ms':>8} {'n':>6} {'errors':>7}")
    for name, (p50, p95, n, errors) in latency.items():
        print(f"{name:<18} {p50:>8.1f} {p95:>8.1f} {n:>6} {errors:>7}")
    engine_p95 = latency["engine (direct)"][1]
    api_p95 = latency["/api/search/"][1]
    limit = 2 * engine_p95 + 15
    verdict = "met" if api_p95 <= limit else "NOT met"
    print(
        f"endpoint p95 {api_p95:.1f} ms vs limit 2×{engine_p95:.1f}+15 = {limit:.1f} ms: {verdict}"
    )
    rebuild_verdict = "met" if report["seconds"] < 60 else "NOT met"
    print(f"rebuild {report['seconds']:.1f} s vs 60 s: {rebuild_verdict}")


if __name__ == "__main__":
    main()
