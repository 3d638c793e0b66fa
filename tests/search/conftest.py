"""Search tests run against a real engine started through the project's launcher.

Each test gets its own index prefix, so tests (and parallel runs) never see each
other's documents; the indices are deleted afterwards.
"""

import pytest

from search.testing import drop_indices, reset_process_state, unique_prefix


def _start(kind):
    from search.engine import launcher

    was_running = launcher.status(kind)["healthy"]
    url = launcher.start(kind=kind)
    return url, was_running


def _healthy(url):
    import json
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=2) as response:
            return json.load(response).get("status") in ("yellow", "green")
    except OSError:
        return False


# Whether the tests may stop and start the OpenSearch node (the outage test does).
MANAGED = {"opensearch": True}


@pytest.fixture(scope="session")
def opensearch_url():
    from search.engine import launcher

    try:
        url, was_running = _start("opensearch")
    except launcher.SearchEngineError:
        # A node on our data folder that the launcher no longer tracks (e.g. left by an
        # interrupted run in the same checkout): use it, but don't stop or restart it.
        url = f"http://127.0.0.1:{launcher.DEFAULT_PORTS['opensearch']}"
        if not _healthy(url):
            raise
        MANAGED["opensearch"], was_running = False, True
    yield url
    # Leave a node that was already running (make run, make test) as we found it.
    if not was_running:
        launcher.stop("opensearch")


@pytest.fixture(scope="session")
def elasticsearch_url():
    from search.engine import launcher

    url, was_running = _start("elasticsearch")
    yield url
    if not was_running:
        launcher.stop("elasticsearch")


def _use_engine(settings, url, kind, analysis):
    settings.SEARCH_URL = url
    settings.SEARCH_ENGINE = kind
    settings.SEARCH_ANALYSIS = analysis
    settings.SEARCH_INDEX_PREFIX = unique_prefix()
    reset_process_state()
    from search import connection
    from search.indexing import ensure_index

    engine = connection.get_engine()
    ensure_index(engine)
    return engine


@pytest.fixture
def engine(settings, site, opensearch_url):
    """The OpenSearch engine with a fresh, empty practice index for this test."""
    engine = _use_engine(settings, opensearch_url, "opensearch", "language")
    yield engine
    drop_indices(settings.SEARCH_INDEX_PREFIX)


@pytest.fixture
def es_engine(settings, site, elasticsearch_url):
    """A real Elasticsearch 9 (integration-test distribution), "standard" analysis."""
    engine = _use_engine(settings, elasticsearch_url, "elasticsearch", "standard")
    yield engine
    drop_indices(settings.SEARCH_INDEX_PREFIX)


def refresh(engine=None):
    from search import connection
    from search.documents import alias_name

    (engine or connection.get_engine()).refresh(alias_name())
