"""Without Voikko (libvoikko1/voikko-fi missing) search works on Snowball and says so
once in the log and in `search_engine status`; the "snowball" analysis profile is the
analysis from before Voikko, for comparison."""

import io
import logging

import pytest
from django.core.management import call_command
from django.http import QueryDict

from search import finnish, service
from search.documents import alias_name
from search.indexing import ensure_index
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh


def _clear():
    for cached in (finnish.forms, finnish._part_base, finnish._word_tokens, finnish._base_text):
        cached.cache_clear()


@pytest.fixture
def no_voikko(monkeypatch):
    # The library is absent: what libvoikko raises when libvoikko.so.1 is not installed.
    monkeypatch.setattr(finnish, "_load", lambda: (None, "libvoikko.so.1 not found"))
    monkeypatch.setattr(finnish, "_state", {"voikko": None, "checked": False, "problem": None})
    _clear()
    yield
    _clear()


def _titles(query, locale="fi"):
    result = service.search(SearchParams.from_query(QueryDict(query), locale))
    assert result.backend == "engine"
    return [item["title"] for item in result.results]


def test_without_voikko_search_uses_snowball_and_says_so_once(engine, no_voikko, caplog):
    make_practice(title="Lastensuojelu kotona", summary="Tukea perheelle kotiin.")
    refresh(engine)

    with caplog.at_level(logging.WARNING, logger="search.finnish"):
        assert _titles("q=lastensuojelun") == ["Lastensuojelu kotona"]
        assert _titles("q=lastensuojelulle") == ["Lastensuojelu kotona"]
    warnings = [r for r in caplog.records if "Voikko is not available" in r.getMessage()]
    assert len(warnings) == 1

    out = io.StringIO()
    call_command("search_engine", "status", stdout=out)
    assert '"voikko": false' in out.getvalue()
    assert "Snowball only" in out.getvalue()


def test_status_reports_voikko(db):
    if not finnish.available():
        pytest.skip("Voikko is not installed")
    out = io.StringIO()
    call_command("search_engine", "status", stdout=out)
    assert '"voikko": true' in out.getvalue()


def test_snowball_profile_is_the_analysis_before_voikko(engine, settings):
    if not finnish.available():
        pytest.skip("Voikko is not installed")
    settings.SEARCH_ANALYSIS = "snowball"
    for name in engine.alias_targets(alias_name()):
        engine.delete_index(name)
    ensure_index(engine)
    make_practice(title="Masentuneiden äitien tuki vauvaperheissä", slug="masennus")
    make_practice(title="Lastensuojelu kotona", slug="ls")
    refresh(engine)

    assert _titles("q=lastensuojelun") == ["Lastensuojelu kotona"]
    # Snowball alone cannot join these forms, and there is no thesaurus: at best some of
    # the words match (relaxed).
    for query, locale in (("q=masentuneet äidit", "fi"), ("q=child protection", "en")):
        result = service.search(SearchParams.from_query(QueryDict(query), locale))
        assert result.relaxed or result.count == 0
