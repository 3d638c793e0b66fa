"""The relevance set and its measurement, shared by the test and tests/bench/relevance.py.

practices.jsonl holds the set's practices in the exchange format (docs/practice-format.md);
queries.jsonl one graded query a line: {id, language, kind, q, relevant: {external_id:
grade}}, grades 3 (exactly about it), 2 (clearly relevant), 1 (partly relevant). A query is
run on its language's site through search.service.search, the function behind the public
search page and /api/search/, against an index built for the analysis being measured.

editors_concepts.csv holds thesaurus concepts beyond the shipped glossary, added the way an
editor adds them in the admin (Taxonomy → Thesaurus): the set exercises that path too.
"""

import csv
import io
import json
import math
import statistics
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.test import override_settings

HERE = Path(__file__).resolve().parent
PRACTICES = HERE / "practices.jsonl"
QUERIES = HERE / "queries.jsonl"
EDITORS_CONCEPTS = HERE / "editors_concepts.csv"
LANGUAGES = ("fi", "sv", "en")
CUTOFF = 5
# A result counts as found (for MRR) from this grade up.
RELEVANT_GRADE = 2


def load_queries():
    with QUERIES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def add_editors_concepts():
    from goodpractice.practices.models import ThesaurusConcept

    with EDITORS_CONCEPTS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ThesaurusConcept.objects.update_or_create(
                slug=row["concept"],
                defaults={f"terms_{lang}": row[lang] for lang in LANGUAGES},
            )


def import_set():
    """Import the set's practices (each in its language's site, aliases in the others).

    Returns {page id: external_id} for every page, so that a hit in any site names its
    practice. Imported with the engine switched off; index_set() indexes them.
    """
    from goodpractice.practices.exchange import import_practices
    from goodpractice.practices.models import PracticePage

    with override_settings(SEARCH_URL=""), PRACTICES.open("rb") as handle:
        report = import_practices(handle)
    if report.failed:
        raise RuntimeError(f"the relevance set did not import: {report.errors}")
    add_editors_concepts()
    originals = dict(
        PracticePage.objects.filter(external_id__startswith="relevance-").values_list(
            "translation_key", "external_id"
        )
    )
    return {
        page_id: originals[key]
        for page_id, key in PracticePage.objects.filter(translation_key__in=originals).values_list(
            "pk", "translation_key"
        )
    }


@contextmanager
def index_set(url, engine="opensearch", analysis="language"):
    """Settings that search an index of the database's practices, built for this analysis.

    The index gets a prefix of its own (deleted afterwards); the analysis is chosen the
    way the site chooses it, by SEARCH_ENGINE and SEARCH_ANALYSIS.
    """
    from search import connection
    from search.rebuild import rebuild
    from search.testing import drop_indices, reset_process_state, unique_prefix

    prefix = f"relevance-{unique_prefix()}"
    with override_settings(
        SEARCH_URL=url, SEARCH_ENGINE=engine, SEARCH_ANALYSIS=analysis, SEARCH_INDEX_PREFIX=prefix
    ):
        reset_process_state()
        try:
            rebuild(stream=io.StringIO())
            connection.get_engine().refresh(f"{prefix}practices")
            yield
        finally:
            drop_indices(prefix)


def rank(queries, page_keys, size=10):
    """{query id: [external_id of each hit, best first]} from the site's search service."""
    from search import service
    from search.queries import SearchParams

    rankings = {}
    for query in queries:
        params = SearchParams(q=query["q"], locale=query["language"], page_size=size, facets=False)
        result = service.search(params)
        if result.backend != "engine":
            raise RuntimeError(f"{query['id']} was answered by the {result.backend}")
        rankings[query["id"]] = [page_keys.get(hit["page_id"], "?") for hit in result.results]
    return rankings


def ndcg(ranked, grades, cutoff=CUTOFF):
    def dcg(gains):
        return sum((2**gain - 1) / math.log2(position + 2) for position, gain in enumerate(gains))

    ideal = dcg(sorted(grades.values(), reverse=True)[:cutoff])
    return dcg([grades.get(key, 0) for key in ranked[:cutoff]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked, grades):
    for position, key in enumerate(ranked, start=1):
        if grades.get(key, 0) >= RELEVANT_GRADE:
            return 1 / position
    return 0.0


@dataclass
class Scores:
    ndcg: float
    mrr: float
    zero_rate: float
    count: int


@dataclass
class Measurement:
    rankings: dict
    by_language: dict = field(default_factory=dict)  # language -> Scores
    overall: Scores | None = None
    per_query: dict = field(default_factory=dict)  # id -> nDCG@5

    def empty(self, queries):
        """Ids of the queries that have a relevant practice but found nothing."""
        return [q["id"] for q in queries if q["relevant"] and not self.rankings[q["id"]]]


def _scores(queries, rankings):
    ndcgs = [ndcg(rankings[q["id"]], q["relevant"]) for q in queries]
    rrs = [reciprocal_rank(rankings[q["id"]], q["relevant"]) for q in queries]
    zeros = sum(1 for q in queries if not rankings[q["id"]])
    count = len(queries)
    return Scores(statistics.fmean(ndcgs), statistics.fmean(rrs), zeros / count, count)


def measure(queries, page_keys):
    rankings = rank(queries, page_keys)
    result = Measurement(rankings)
    for language in LANGUAGES:
        subset = [q for q in queries if q["language"] == language]
        if subset:
            result.by_language[language] = _scores(subset, rankings)
    result.overall = _scores(queries, rankings)
    result.per_query = {q["id"]: ndcg(rankings[q["id"]], q["relevant"]) for q in queries}
    return result


def table(measurements):
    """Text table: one row per language (and all), columns per measured profile."""
    names = list(measurements)
    header = f"{'language':<10}{'queries':>8}  " + "  ".join(
        f"{name + ' nDCG@5':>24} {'MRR':>6} {'zero':>6}" for name in names
    )
    lines = [header]
    for language in (*LANGUAGES, "all"):
        cells = []
        count = None
        for name in names:
            m = measurements[name]
            scores = m.overall if language == "all" else m.by_language.get(language)
            if scores is None:
                cells.append(f"{'-':>24} {'-':>6} {'-':>6}")
                continue
            count = scores.count
            cells.append(f"{scores.ndcg:>24.3f} {scores.mrr:>6.3f} {scores.zero_rate:>6.1%}")
        lines.append(f"{language:<10}{count or 0:>8}  " + "  ".join(cells))
    return "\n".join(lines)
