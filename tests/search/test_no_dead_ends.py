"""No dead ends on the real engine: partial matches with the missing words named, a
misspelt query corrected at once, and no corrections of words that are in the index."""

from django.http import QueryDict

from search import service
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh


def _search(query, locale="fi"):
    result = service.search(SearchParams.from_query(QueryDict(query), locale))
    assert result.backend == "engine"
    return result


def _titles(result):
    return [item["title"] for item in result.results]


def test_all_words_together_find_nothing_best_partial_matches_are_shown(engine):
    make_practice(title="Perhetyö kotona", summary="Perhetyöntekijä tulee kotiin.")
    make_practice(title="Nuorten kesäleiri", summary="Leiri nuorille.")
    refresh(engine)

    result = _search("q=perhetyö kesäleiri zyxwvu")
    assert result.relaxed
    assert result.words_not_found == ["zyxwvu"]
    assert set(_titles(result)) == {"Perhetyö kotona", "Nuorten kesäleiri"}

    # Words that each exist but never together: nothing is named.
    result = _search("q=perhetyö kesäleiri")
    assert result.relaxed and result.words_not_found == []
    assert result.count == 2


def test_a_misspelt_query_runs_the_correction_at_once(engine):
    make_practice(title="Lastensuojelu kotona", summary="Lastensuojelu tukee perhettä.")
    refresh(engine)

    result = _search("q=lastensuojlu")
    assert result.corrected_query == "lastensuojelu"
    assert _titles(result) == ["Lastensuojelu kotona"]

    # The visitor's own spelling on request: no correction, nothing found.
    result = _search("q=lastensuojlu&exact=1")
    assert result.corrected_query is None and result.count == 0


def test_words_in_the_index_are_never_corrected(engine):
    make_practice(
        title="Stöd i skolan", summary="Skolan och familjen samarbetar.", language="sv", slug="s"
    )
    make_practice(title="Bedömning", summary="En skala från ett till fem.", language="sv")
    make_practice(title="Perhetyön malli", summary="Perhetyön työntekijät.")
    refresh(engine)

    result = _search("q=skola", locale="sv")
    assert _titles(result) == ["Stöd i skolan"]
    assert result.corrected_query is None and result.suggestion is None
    result = _search("q=perhetyö")
    assert _titles(result) == ["Perhetyön malli"]
    assert result.corrected_query is None and result.suggestion is None


def test_a_misspelt_word_among_others_is_corrected_only_if_that_finds_more(engine):
    make_practice(title="Perhekeskus Tuikku", summary="Neuvola ja perhekeskus samassa talossa.")
    refresh(engine)

    result = _search("q=perhekeskys neuvola")
    assert result.corrected_query == "perhekeskus neuvola"
    assert _titles(result) == ["Perhekeskus Tuikku"]


def test_search_page_shows_the_correction_and_the_partial_matches(engine, client):
    make_practice(title="Lastensuojelu kotona", summary="Lastensuojelu tukee perhettä.")
    refresh(engine)

    body = client.get("/fi/haku/", {"q": "lastensuojlu"}).content.decode()
    assert "Näytetään tulokset haulle <strong>lastensuojelu</strong>" in body
    assert "hae silti lastensuojlu" in body
    assert "q=lastensuojlu&amp;exact=1" in body
    assert "kotona</a>" in body

    body = client.get("/sv/sok/", {"q": "lastensuojlu"}).content.decode()
    assert "Visar resultat för <strong>lastensuojelu</strong>" in body
    assert "sök ändå efter lastensuojlu" in body

    body = client.get("/fi/haku/", {"q": "lastensuojelu zyxwvu"}).content.decode()
    assert "Yhdessäkään käytännössä ei ole sanaa “zyxwvu”" in body
    assert "kotona</a>" in body
    body = client.get("/sv/sok/", {"q": "lastensuojelu zyxwvu"}).content.decode()
    assert "Ingen praxis innehåller ordet “zyxwvu”" in body


def test_api_says_which_correction_was_applied_and_when_matches_are_partial(engine, client):
    make_practice(title="Lastensuojelu kotona", summary="Lastensuojelu tukee perhettä.")
    refresh(engine)

    data = client.get("/api/search/", {"q": "lastensuojlu"}).json()
    assert data["corrected_query"] == "lastensuojelu"
    assert data["relaxed"] is False and data["count"] == 1

    data = client.get("/api/search/", {"q": "lastensuojelu zyxwvu", "lang": "en"}).json()
    assert data["corrected_query"] is None
    assert data["relaxed"] is True
    assert data["words_not_found"] == ["zyxwvu"]
    assert data["count"] == 1
