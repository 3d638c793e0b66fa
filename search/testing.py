"""Pytest plugin: test isolation for the search index.

When SEARCH_URL is set, every test gets an index prefix of its own (and its indices are
deleted afterwards), so documents indexed by one test never show up in another's
results; the database is rolled back between tests, the engine is not. Load it with
`pytest_plugins = ["search.testing"]` in tests/conftest.py (or `-p search.testing`).
"""

import itertools
import uuid

import pytest

RUN = uuid.uuid4().hex[:8]
_numbers = itertools.count(1)


def reset_process_state():
    from . import connection, indexing, labels, thesaurus

    connection.mark_up()
    indexing._last_catch_up[0] = None
    labels.clear()
    # The database is rolled back between tests without signals: read the thesaurus again.
    thesaurus.invalidate()


def unique_prefix():
    return f"test-{RUN}-{next(_numbers)}-"


def drop_indices(prefix):
    from . import connection
    from .connection import EngineError

    try:
        engine = connection.get_engine()
        for name in engine.indices_matching(f"{prefix}*"):
            engine.delete_index(name)
    except EngineError:
        pass  # the engine is gone (e.g. an outage test): nothing to clean
    reset_process_state()


@pytest.fixture(autouse=True)
def isolated_search_index():
    from django.conf import settings

    if not settings.SEARCH_URL:
        yield
        return
    original = settings.SEARCH_INDEX_PREFIX
    prefix = settings.SEARCH_INDEX_PREFIX = unique_prefix()
    reset_process_state()
    try:
        yield
    finally:
        drop_indices(prefix)
        settings.SEARCH_INDEX_PREFIX = original
