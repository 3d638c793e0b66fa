"""Index settings for a cluster: shards and replicas from settings, health of cluster and
index in /health/ and `search_engine status`, and a SEARCH_URL listing several nodes."""

import json

from django.core.management import call_command
from django.http import QueryDict

from search import service
from search.documents import alias_name
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh


def _index_settings(engine):
    [name] = engine.alias_targets(alias_name())
    found = engine.client.indices.get_settings(index=name)[name]["settings"]["index"]
    return found["number_of_shards"], found["number_of_replicas"]


def test_development_index_has_no_replica_and_is_green(engine, client):
    make_practice(title="Perhekeskus")
    call_command("rebuild_search_index", stdout=None)
    assert _index_settings(engine) == ("1", "0")
    search = client.get("/health/").json()["search"]
    assert search["state"] == "ok"
    assert search["index"] == "green"


def test_rebuild_applies_shards_and_replicas_from_settings_and_one_node_is_yellow_not_an_error(
    engine, client, settings
):
    settings.SEARCH_SHARDS, settings.SEARCH_REPLICAS = 2, 1
    make_practice(title="Perhekeskus")
    call_command("rebuild_search_index", stdout=None)
    assert _index_settings(engine) == ("2", "1")
    response = client.get("/health/")
    # The replicas have no second node to go to: yellow, and every search is answered.
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["search"]["index"] == "yellow"
    assert response.json()["search"]["nodes"] == 1
    refresh(engine)
    result = service.search(SearchParams.from_query(QueryDict("q=perhekeskus"), "fi"))
    assert (result.backend, result.count) == ("engine", 1)


def test_a_red_index_makes_the_site_degraded(engine, client):
    # An index whose only shard may live on a node that does not exist: red.
    name = f"{alias_name()}-red"
    engine.create_index(
        name,
        {"settings": {"index.routing.allocation.require._name": "no-such-node"}},
        wait_for_active_shards=0,
    )
    old = engine.alias_targets(alias_name())
    engine.update_aliases(
        [{"remove": {"index": index, "alias": alias_name()}} for index in old]
        + [{"add": {"index": name, "alias": alias_name()}}]
    )
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"]["state"] == "error"
    assert response.json()["search"]["index"] == "red"


def test_search_engine_status_reports_the_index_health(engine, capsys, settings):
    from search.engine import launcher

    if launcher.url("opensearch") not in settings.SEARCH_URL.split(","):
        import pytest

        pytest.skip("the OpenSearch node in use is not this launcher's")
    call_command("search_engine", "status")
    found = json.loads(capsys.readouterr().out)
    assert found["health"] in ("green", "yellow")
    assert found["index_health"] == "green"


def test_a_dead_node_listed_in_search_url_is_skipped(engine, settings):
    make_practice(title="Perhekeskus")
    refresh(engine)
    # Nothing listens on port 9: every request that picks that node is retried on the other.
    settings.SEARCH_URL = f"http://127.0.0.1:9,{settings.SEARCH_URL}"
    for _ in range(6):
        result = service.search(SearchParams.from_query(QueryDict("q=perhekeskus"), "fi"))
        assert (result.backend, result.count) == ("engine", 1)
