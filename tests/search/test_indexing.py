"""Rebuild with alias swap, outage and catch-up, and the Elasticsearch path."""

import threading
import time

import pytest
from django.http import QueryDict

from goodpractice.practices.models import PracticePage
from search import connection, rebuild, service
from search.documents import alias_name
from search.models import PendingIndexUpdate
from search.queries import SearchParams, build_search
from tests.factories import make_practice

from .conftest import refresh


def _search(query, locale="fi"):
    return service.search(SearchParams.from_query(QueryDict(query), locale))


def test_rebuild_swaps_the_alias_and_search_never_goes_empty(engine, monkeypatch):
    for number in range(3):
        make_practice(title=f"Perhekeskus {number}")
    refresh(engine)
    old_indices = engine.alias_targets(alias_name())
    body = build_search(SearchParams(q="perhekeskus", facets=False)).to_dict()

    # Slow the bulk down so searches really run while the new index fills.
    documents = rebuild._documents

    def slow_documents(*args):
        for action in documents(*args):
            time.sleep(0.1)
            yield action

    monkeypatch.setattr(rebuild, "_documents", slow_documents)
    counts, stop = [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            counts.append(engine.search(alias_name(), body)["hits"]["total"]["value"])
            time.sleep(0.01)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        report = rebuild.rebuild(stream=None)
    finally:
        stop.set()
        searcher.join()

    assert report["documents"] == 9  # three practices in three locales
    assert len(counts) > 20
    assert set(counts) == {3}
    assert engine.alias_targets(alias_name()) == [report["index"]]
    for name in old_indices:
        assert not engine.index_exists(name)
    assert _search("q=perhekeskus").count == 3


def test_rebuild_command(engine, capsys):
    from django.core.management import call_command

    make_practice(title="Perhekeskus Tuikku")
    call_command("rebuild_search_index")
    captured = capsys.readouterr()
    assert "Indexed 3 documents" in captured.out
    assert "3/3" in captured.err  # the progress bar
    assert _search("q=tuikku").count == 1


def test_outage_then_catch_up_without_a_command(engine, settings, client):
    from search.engine import launcher

    from .conftest import MANAGED

    if not MANAGED["opensearch"]:
        pytest.skip("the running OpenSearch node is not tracked by the launcher")

    make_practice(title="Perhekeskus Tuikku")
    refresh(engine)
    # Back on the same port: later tests keep the session's engine URL.
    port = launcher.status("opensearch")["port"]
    launcher.stop("opensearch")
    try:
        practice = make_practice(title="Jälkihuollon tukiasunnot", themes=("aftercare",))
        assert PendingIndexUpdate.objects.filter(page_id=practice.pk).exists()
        # Meanwhile search answers from the database.
        data = client.get("/api/search/", {"q": "tukiasunnot"}).json()
        assert (data["backend"], data["count"]) == ("database", 1)
    finally:
        settings.SEARCH_URL = launcher.start("opensearch", port=port)

    data = client.get("/api/search/", {"q": "tukiasunnot"}).json()
    assert (data["backend"], data["count"]) == ("engine", 1)
    assert not PendingIndexUpdate.objects.exists()
    assert client.get("/api/search/", {"q": "tukiasunnot", "lang": "sv"}).json()["count"] == 1


def test_elasticsearch_compatibility(es_engine, client):
    """The whole path against a real Elasticsearch 9 with the "standard" analysis."""
    assert es_engine.kind == "elasticsearch"
    assert es_engine.alias_targets(alias_name())  # created with its alias
    centre = make_practice(
        title="Perhekeskus Tuikku",
        summary="Perhekeskus ja neuvola samassa talossa.",
        themes=("family-centre",),
        organisations=("853",),
    )
    school = make_practice(title="Koulutuki", themes=("school-support",), organisations=("837",))
    refresh(es_engine)

    result = _search("q=perhekeskus&county=VS&theme=family-centre")
    assert result.backend == "engine"
    assert [item["title"] for item in result.results] == ["Perhekeskus Tuikku"]
    assert "<mark>Perhekeskus</mark>" in result.results[0]["title_html"]
    facets = {v["value"]: v["count"] for v in _search("theme=school-support").facets["theme"]}
    assert facets == {"family-centre": 1, "school-support": 1}
    assert [item["title"] for item in service.autocomplete("perhek", "fi")] == [
        "Perhekeskus Tuikku"
    ]

    # Update: a new revision is published.
    centre.title = "Perhekeskus Pilke"
    centre.save_revision().publish()
    refresh(es_engine)
    assert [item["title"] for item in _search("q=pilke").results] == ["Perhekeskus Pilke"]
    assert _search("q=tuikku").count == 0

    # Delete.
    PracticePage.objects.get(pk=school.pk).delete()
    refresh(es_engine)
    assert _search("q=koulutuki").count == 0

    # Bulk rebuild and alias swap.
    report = rebuild.rebuild(stream=None)
    assert report["documents"] == 3
    assert es_engine.alias_targets(alias_name()) == [report["index"]]
    data = client.get("/api/search/", {"q": "pilke"}).json()
    assert (data["backend"], data["count"]) == ("engine", 1)
    assert connection.get_engine().kind == "elasticsearch"


def test_a_new_revision_updates_every_language_site(engine):
    practice = make_practice(title="Perhekeskus Tuikku")
    refresh(engine)
    practice.title = "Perhekeskus Pilke"
    practice.save_revision().publish()
    refresh(engine)

    for locale in ("fi", "sv", "en"):
        assert [r["title"] for r in _search("q=pilke", locale).results] == ["Perhekeskus Pilke"]
        assert _search("q=tuikku", locale).count == 0

    practice.unpublish()
    refresh(engine)
    assert all(_search("q=pilke", locale).count == 0 for locale in ("fi", "sv", "en"))
