"""Relevance benchmark (a script, not a test): nDCG@5, MRR and zero results per language.

Imports the graded set of tests/search/relevance/ into a database of its own (the test
database of DATABASE_URL's database, suffixed "_relevance", kept between runs), then for
each analysis indexes it into a fresh index and runs every query through the site's search
service, as the public search page and /api/search/ do:

- language:  SEARCH_ANALYSIS=language, the current best analysis (OpenSearch, SEARCH_URL)
- snowball:  SEARCH_ANALYSIS=snowball, plain Snowball stemming (OpenSearch, SEARCH_URL)
- es9 standard: SEARCH_ENGINE=elasticsearch, SEARCH_ANALYSIS=standard (ELASTICSEARCH_URL,
  default http://127.0.0.1:9201; skipped when it does not answer)

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/relevance.py [--queries] [--only language]

--queries also lists, per profile, each query that ranks no relevant practice first.
"""

import argparse
import os
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodpractice.settings.test")

PROFILES = {
    "language": ("opensearch", "language"),
    "snowball": ("opensearch", "snowball"),
    "es9 standard": ("elasticsearch", "standard"),
}


def _answers(url):
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=3):
            return True
    except OSError:
        return False


def setup():
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_relevance"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)

    from goodpractice.organisations.reference import load_organisations
    from goodpractice.practices.reference import load_taxonomy
    from home.site_setup import ensure_site_structure

    load_organisations()
    load_taxonomy()
    ensure_site_structure()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="store_true", help="list the weak queries")
    parser.add_argument("--only", choices=PROFILES, action="append")
    args = parser.parse_args()

    urls = {
        "opensearch": os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200",
        "elasticsearch": os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9201"),
    }
    setup()
    from tests.search.relevance import harness

    queries = harness.load_queries()
    page_keys = harness.import_set()
    measurements = {}
    for name in args.only or PROFILES:
        engine, analysis = PROFILES[name]
        if not _answers(urls[engine]):
            print(f"{name}: {urls[engine]} does not answer, skipped", file=sys.stderr)
            continue
        with harness.index_set(urls[engine], engine, analysis):
            measurements[name] = harness.measure(queries, page_keys)

    practices = len(set(page_keys.values()))
    cutoff = harness.CUTOFF
    print(f"\n{practices} practices, {len(queries)} queries: nDCG@{cutoff}, MRR, zero results")
    print(harness.table(measurements))
    for name, measurement in measurements.items():
        empty = measurement.empty(queries)
        print(f"\n{name}: {len(empty)} queries with a relevant practice found nothing: {empty}")
        if args.queries:
            for query in queries:
                score = measurement.per_query[query["id"]]
                if score < 1:
                    top = measurement.rankings[query["id"]][:3]
                    print(f"  {query['id']} {score:.2f} {query['q']!r} -> {top}")


if __name__ == "__main__":
    main()
