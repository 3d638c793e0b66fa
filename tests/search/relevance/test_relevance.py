"""The project's graded relevance set, run through the site's search service on real engines.

Fails when nDCG@5 falls below the floors, or when a query with a relevant practice finds
nothing, unless that query is a known gap. The floors and gaps are today's measurements
(tests/bench/relevance.py prints them); raise the floors and shorten the gap lists as
the analysis improves: the test names every known gap that has started to find results.
"""

import json
import warnings

import pytest

from . import harness

# OpenSearch, SEARCH_ANALYSIS=language. Measured (Snowball analysis): all 0.663, fi 0.656,
# sv 0.790, en 0.479.
NDCG_FLOOR = 0.65
NDCG_FLOOR_BY_LANGUAGE = {"fi": 0.64, "sv": 0.78, "en": 0.47}
# Queries with a relevant practice that today's analysis answers with nothing.
KNOWN_GAPS = {
    # inflected forms and compounds Snowball does not join
    "fi-01",  # masentuneet äidit
    "fi-04",  # synnytyksen jälkeinen masennus
    "fi-05",  # tiimityö
    "fi-06",  # sijoitettu lapsi koulussa
    "fi-26",  # perhehoito
    "fi-32",  # huoltoriita
    "fi-35",  # päiväkoti
    "fi-53",  # mielenterveyspalvelut nuorille
    "sv-01",  # säkerhetsplanen
    "sv-08",  # boende för unga
    # misspellings
    "fi-42",  # sijaishuoto
    "fi-43",  # lastensuojlu ilmoitus
    "fi-44",  # vanhemuus
    "sv-26",  # barnskydsanmälan
    "sv-27",  # säkerhetplan
    "en-17",  # domestc violence
    # long natural-language questions (every word must match)
    "fi-45",
    "fi-46",
    "fi-47",
    "fi-48",
    "sv-28",
    "sv-29",
    "en-18",
    # English words for Finnish and Swedish practices
    "en-09",  # peer support for fathers
    "en-11",  # substance abuse young people
    "en-12",  # postnatal depression
    "en-13",  # induction of new social workers
    "en-19",  # video calls with families
}

# Elasticsearch 9 integration-test distribution, SEARCH_ANALYSIS=standard: no stemming,
# so inflected forms find nothing. Measured: all 0.537, fi 0.482, sv 0.675, en 0.474.
ES_NDCG_FLOOR = 0.53
ES_KNOWN_GAPS = (KNOWN_GAPS - {"sv-08", "en-19"}) | {
    "fi-10",  # väkivalta
    "fi-23",  # kotikäynnit
    "fi-29",  # päihteet nuoret
    "fi-38",  # maahanmuuttajaperheet tulkki
    "fi-41",  # perehdytyss
    "fi-49",  # harrastukset sijoitetuille lapsille
    "fi-51",  # asiakassuunnitelma
    "sv-15",  # familjecentret
    "sv-19",  # hembesöken
    "sv-25",  # skilsmässa
    "en-10",  # school support for children in care
}


@pytest.fixture
def relevance_set(site):
    return harness.load_queries(), harness.import_set()


def _check(measurement, queries, floor, by_language, known_gaps):
    report = {"nDCG@5": round(measurement.overall.ndcg, 3)} | {
        language: round(scores.ndcg, 3) for language, scores in measurement.by_language.items()
    }
    empty = set(measurement.empty(queries))
    answered = sorted(known_gaps - empty)
    if answered:
        warnings.warn(f"known gaps now answered, remove them: {answered}", stacklevel=2)
    assert sorted(empty - known_gaps) == [], f"queries that found nothing: {report}"
    assert measurement.overall.ndcg >= floor, json.dumps(report)
    for language, language_floor in by_language.items():
        assert measurement.by_language[language].ndcg >= language_floor, json.dumps(report)


def test_relevance_set_on_opensearch(relevance_set, opensearch_url):
    queries, page_keys = relevance_set
    with harness.index_set(opensearch_url, "opensearch", "language"):
        measurement = harness.measure(queries, page_keys)
    _check(measurement, queries, NDCG_FLOOR, NDCG_FLOOR_BY_LANGUAGE, KNOWN_GAPS)


def test_relevance_set_on_elasticsearch_standard_profile(relevance_set, elasticsearch_url):
    queries, page_keys = relevance_set
    with harness.index_set(elasticsearch_url, "elasticsearch", "standard"):
        measurement = harness.measure(queries, page_keys)
    _check(measurement, queries, ES_NDCG_FLOOR, {}, ES_KNOWN_GAPS)


def test_the_set_is_complete_and_consistent():
    queries = harness.load_queries()
    with harness.PRACTICES.open(encoding="utf-8") as handle:
        practices = [json.loads(line) for line in handle if line.strip()]
    ids = {p["external_id"] for p in practices}
    languages = [p["language"] for p in practices]
    assert len(ids) == len(practices) >= 40
    assert {"fi", "sv", "en"} <= set(languages)
    counts = {lang: sum(q["language"] == lang for q in queries) for lang in ("fi", "sv", "en")}
    assert counts["fi"] >= 40 and counts["sv"] >= 25 and counts["en"] >= 15
    assert len({q["id"] for q in queries}) == len(queries)
    for query in queries:
        assert query["relevant"], query["id"]
        assert set(query["relevant"]) <= ids, query["id"]
        assert set(query["relevant"].values()) <= {1, 2, 3}, query["id"]
    assert set(KNOWN_GAPS) <= {q["id"] for q in queries}


def test_ndcg_and_reciprocal_rank():
    grades = {"a": 3, "b": 1}
    assert harness.ndcg(["a", "b"], grades) == 1.0
    assert harness.ndcg(["x", "a"], grades) < harness.ndcg(["a", "x"], grades)
    assert harness.ndcg([], grades) == 0.0
    assert harness.reciprocal_rank(["b", "x", "a"], grades) == pytest.approx(1 / 3)
