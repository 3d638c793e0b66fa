"""The database fallback on PostgreSQL: full-text search in Finnish, Swedish and English.

The engine is configured but unreachable, as in an outage; the answers come from the
stored tsvector documents (search.fulltext) through the same service the pages use.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from goodpractice.practices.models import PracticePage, Theme
from search import fulltext, service
from search.models import FallbackDocument
from search.queries import SearchParams
from tests.factories import make_practice

DEAD_URL = "http://127.0.0.1:9"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search"
)


@pytest.fixture
def outage(site, settings):
    settings.SEARCH_URL = DEAD_URL
    return settings


def _search(query, locale="fi"):
    result = service.search(SearchParams.from_query(QueryDict(query), locale))
    assert result.backend == "database"
    return result


def _titles(query, locale="fi"):
    return [item["title"] for item in _search(query, locale).results]


def test_inflected_finnish_words_find_their_base_forms_and_back(outage):
    make_practice(
        title="Masentuneiden äitien tuki vauvaperheissä",
        summary="Synnytyksen jälkeisen masennuksen tunnistaminen neuvolassa.",
    )
    make_practice(title="Lastensuojelu kotona", summary="Tukea perheelle kotiin.")
    make_practice(title="Harrastustoiminta", summary="Liikuntaa nuorille.")

    assert _titles("q=lastensuojelun") == ["Lastensuojelu kotona"]
    assert _titles("q=masentuneiden+äitien") == ["Masentuneiden äitien tuki vauvaperheissä"]
    assert _titles("q=synnytyksen+jälkeinen+masennus") == [
        "Masentuneiden äitien tuki vauvaperheissä"
    ]


def test_inflected_swedish_words_find_a_swedish_practice(outage):
    make_practice(
        title="Eftervård för unga vuxna",
        summary="Stöd efter placeringen med en säkerhetsplan.",
        language="sv",
        slug="eftervard",
    )
    make_practice(title="Familjecenter", summary="Service på ett ställe.", language="sv")

    assert _titles("q=eftervården", "sv") == ["Eftervård för unga vuxna"]
    assert _titles("q=placeringar", "sv") == ["Eftervård för unga vuxna"]


def test_stop_words_do_not_empty_the_result_and_other_languages_find_it(outage):
    make_practice(title="Perhetyö ja kotikäynnit", summary="Perhetyö tulee kotiin.")

    assert _titles("q=perhetyö+ja+kotikäynnit") == ["Perhetyö ja kotikäynnit"]
    # The alias in the Swedish and English sites is found by its original's text.
    assert _titles("q=kotikäynnit", "sv") == ["Perhetyö ja kotikäynnit"]
    assert _titles("q=kotikäyntien", "en") == ["Perhetyö ja kotikäynnit"]


def test_theme_names_in_every_language_match(outage):
    make_practice(title="Tukiasunnot", summary="Asunto nuorelle.", themes=("aftercare",))
    make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")

    assert _titles("q=eftervård") == ["Tukiasunnot"]
    assert _titles("q=aftercare") == ["Tukiasunnot"]

    # A renamed theme is found by its new name at once.
    theme = Theme.objects.get(slug="aftercare")
    theme.name_fi = "Itsenäistymisen tuki"
    theme.save()
    assert _titles("q=itsenäistymisen") == ["Tukiasunnot"]


def test_title_matches_rank_first_and_inflected_words_are_highlighted(outage):
    make_practice(title="Vertaisryhmä isille", summary="Isät tapaavat toisiaan.")
    make_practice(title="Perhekeskus Tuikku", summary="Vertaisryhmät kokoontuvat viikoittain.")

    result = _search("q=vertaisryhmien")
    assert [item["title"] for item in result.results] == [
        "Vertaisryhmä isille",
        "Perhekeskus Tuikku",
    ]
    assert str(result.results[0]["title_html"]) == "<mark>Vertaisryhmä</mark> isille"
    assert "<mark>Vertaisryhmät</mark>" in str(result.results[1]["highlight"])


def test_documents_follow_publishing_and_deletion(outage):
    page = make_practice(title="Sijaishuollon koulutuki", summary="Sisukas-malli.")
    assert _titles("q=sijaishuolto") == ["Sijaishuollon koulutuki"]

    page = PracticePage.objects.get(pk=page.pk)
    page.title = "Sijaisperheiden koulutuki"
    page.save_revision().publish()
    assert _titles("q=sijaisperhe") == ["Sijaisperheiden koulutuki"]
    assert _titles("q=sijaishuolto") == []

    page.unpublish()
    assert _titles("q=sijaisperhe") == []
    page.delete()
    assert not FallbackDocument.objects.filter(page_id=page.pk).exists()


def test_query_of_only_stop_words_or_symbols_is_harmless(outage):
    make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")

    assert fulltext.build_query("ja och and") is None
    assert _search("q=ja+och").count == 1  # like an empty query: everything
    assert _titles("q=%27%3A*+%7C+%21") == ["Perhekeskus"]
