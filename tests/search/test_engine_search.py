"""Full text, facets, highlighting, suggestions, autocomplete and related practices on
the real OpenSearch engine."""

from django.http import QueryDict

from goodpractice.practices.models import PracticePage
from search import service
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh


def _search(query="", locale="fi", **kwargs):
    params = SearchParams.from_query(QueryDict(query), locale, **kwargs)
    result = service.search(params)
    assert result.backend == "engine"
    return result


def _titles(result):
    return [item["title"] for item in result.results]


def test_finnish_inflected_form_finds_base_form(engine):
    make_practice(title="Lastensuojelu kotona", summary="Tukea perheelle kotiin.")
    make_practice(title="Harrastustoiminta", summary="Liikuntaa nuorille.")
    refresh(engine)

    assert _titles(_search("q=lastensuojelun")) == ["Lastensuojelu kotona"]


def test_swedish_inflected_form_finds_base_form(engine):
    make_practice(
        title="Eftervård för unga vuxna",
        summary="Stöd efter placeringen.",
        language="sv",
        slug="eftervard",
    )
    refresh(engine)

    assert _titles(_search("q=eftervården", locale="sv")) == ["Eftervård för unga vuxna"]


def test_part_of_a_compound_word_matches(engine):
    make_practice(
        title="Lastensuojeluilmoitusten käsittely",
        summary="Nopea reagointi lastensuojeluilmoitukseen.",
    )
    make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")
    # Has most of the word's three-letter pieces, but scattered over other words.
    make_practice(title="Elokuvakerho", summary="Filmot, moitteet ja tusinat.")
    refresh(engine)

    assert _titles(_search("q=ilmoitus")) == ["Lastensuojeluilmoitusten käsittely"]


def test_swedish_theme_name_finds_finnish_practice(engine):
    make_practice(
        title="Nuorten tukiasunnot",
        summary="Asuminen täysi-ikäistymisen jälkeen.",
        themes=("aftercare",),
    )
    make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")
    refresh(engine)

    # The Finnish site, a Swedish word: the theme's Swedish name is indexed too.
    assert _titles(_search("q=eftervård")) == ["Nuorten tukiasunnot"]
    assert _titles(_search("q=aftercare")) == ["Nuorten tukiasunnot"]


def test_every_locale_has_its_page_and_one_locale_is_searched(engine):
    practice = make_practice(title="Perhekeskus Tuikku")
    refresh(engine)

    for locale in ("fi", "sv", "en"):
        result = _search("q=tuikku", locale=locale)
        assert result.count == 1
        page = PracticePage.objects.get(
            translation_key=practice.translation_key, locale__language_code=locale
        )
        assert result.results[0]["page_id"] == page.pk
        assert result.results[0]["language"] == "fi"


def _facet(result, name):
    return {value["value"]: value["count"] for value in result.facets[name]}


def test_facet_counts_follow_the_query_and_the_other_filters(engine):
    make_practice(
        title="Perhetyö A", themes=("family-centre",), organisations=("853",), started_year=2019
    )
    make_practice(title="Perhetyö B", themes=("family-centre", "aftercare"), organisations=("837",))
    make_practice(title="Perhetyö C", themes=("aftercare",), organisations=("853",))
    make_practice(title="Koulutuki", themes=("school-support",), organisations=("853",))
    refresh(engine)

    everything = _search("q=perhetyö")
    assert everything.count == 3
    assert _facet(everything, "theme") == {"family-centre": 2, "aftercare": 2}
    assert _facet(everything, "county") == {"VS": 2, "PI": 1}

    narrowed = _search("q=perhetyö&theme=family-centre")
    assert sorted(_titles(narrowed)) == ["Perhetyö A", "Perhetyö B"]
    # A facet's own filter does not narrow its counts; the other facets' do.
    assert _facet(narrowed, "theme") == {"family-centre": 2, "aftercare": 2}
    assert _facet(narrowed, "county") == {"VS": 1, "PI": 1}
    assert _facet(narrowed, "year") == {"2019": 1}

    both = _search("q=perhetyö&theme=family-centre&theme=school-support&county=VS")
    assert _titles(both) == ["Perhetyö A"]
    assert _facet(both, "county") == {"VS": 1, "PI": 1}

    labels = {v["value"]: v["label"] for v in narrowed.facets["theme"]}
    assert labels["aftercare"] == "Jälkihuolto"


def test_county_filter_finds_the_county_and_its_municipalities(engine):
    make_practice(title="Turun malli", organisations=("853",))
    make_practice(title="Alueen malli", organisations=("VS",))
    make_practice(title="Tampereen malli", organisations=("837",))
    refresh(engine)

    assert sorted(_titles(_search("county=VS"))) == ["Alueen malli", "Turun malli"]
    assert _titles(_search("municipality=853")) == ["Turun malli"]
    assert _titles(_search("county=vs&status=in_use&language=fi&prize_winning=false")) != []
    assert _search("prize_winning=true").count == 0


def test_highlights_are_escaped_except_the_marks(engine):
    make_practice(
        title="Perhekeskus <b>Tuikku</b>",
        summary="Perhekeskus & neuvola <script>alert(1)</script> samassa talossa.",
    )
    refresh(engine)

    item = _search("q=perhekeskus").results[0]
    assert "<mark>Perhekeskus</mark>" in item["title_html"]
    assert "&lt;b&gt;Tuikku&lt;/b&gt;" in item["title_html"]
    assert "<script>" not in item["highlight"]
    assert "&lt;script&gt;" in item["highlight"]
    assert "<mark>Perhekeskus</mark> &amp; neuvola" in item["highlight"]


def test_sort_by_newest_and_pagination(engine):
    for number in range(5):
        make_practice(title=f"Perhetyön malli {number}")
    refresh(engine)

    newest = _search("q=perhetyö&sort=newest&page_size=2")
    assert newest.count == 5
    assert _titles(newest) == ["Perhetyön malli 4", "Perhetyön malli 3"]
    assert _titles(_search("q=perhetyö&sort=newest&page_size=2&page=3")) == ["Perhetyön malli 0"]


def test_spelling_suggestion(engine):
    make_practice(title="Perhekeskus", summary="Neuvola ja perhekeskus samassa talossa.")
    refresh(engine)

    # Found nothing as typed: the correction is run at once.
    result = _search("q=perhekeskys")
    assert result.corrected_query == "perhekeskus"
    assert _titles(result) == ["Perhekeskus"]


def test_autocomplete_on_titles(engine):
    make_practice(title="Perhekeskus Tuikku")
    make_practice(title="Perheneuvola")
    make_practice(title="Koulunkäynnin tuki")
    refresh(engine)

    titles = [item["title"] for item in service.autocomplete("perhek", "fi")]
    assert titles == ["Perhekeskus Tuikku"]
    both = {item["title"] for item in service.autocomplete("perh", "fi")}
    assert both == {"Perhekeskus Tuikku", "Perheneuvola"}
    assert service.autocomplete("perhek", "fi")[0]["url"].startswith("/")


def test_autocomplete_endpoint(engine, client):
    make_practice(title="Perhekeskus Tuikku")
    refresh(engine)

    response = client.get("/api/search/autocomplete/", {"q": "tuik", "lang": "sv"})
    assert response.json()["results"][0]["title"] == "Perhekeskus Tuikku"


def _two_alike_practices():
    """Two practices about family work at home; returns the first."""
    home = make_practice(
        title="Kotiin vietävä perhetyö",
        summary="Perhetyöntekijä käy kotona ja tukee vanhemmuutta arjessa.",
        themes=("home-based-services",),
    )
    make_practice(
        title="Vanhemmuuden tuki kotona",
        summary="Perhetyöntekijä tukee vanhemmuutta kotikäynneillä arjessa.",
        themes=("home-based-services",),
    )
    return home


def test_related_practices_are_alike_and_in_the_same_locale(engine):
    home = _two_alike_practices()
    make_practice(
        title="Koulunkäynnin tuki",
        summary="Opettaja ja sosiaalityöntekijä sopivat tukitoimista.",
        themes=("school-support",),
    )
    refresh(engine)

    related = service.related_practices(home)
    assert related[0]["title"] == "Vanhemmuuden tuki kotona"
    assert "Kotiin vietävä perhetyö" not in [item["title"] for item in related]

    swedish = PracticePage.objects.get(
        translation_key=home.translation_key, locale__language_code="sv"
    )
    related_sv = service.related_practices(swedish)
    assert related_sv and all(item["path"].startswith("/sv/") for item in related_sv)


def test_unpublish_and_delete_remove_the_practice(engine):
    practice = make_practice(title="Perhekeskus Tuikku")
    other = make_practice(title="Perhekeskus Pilke")
    refresh(engine)
    assert _search("q=perhekeskus").count == 2

    practice.unpublish()
    refresh(engine)
    assert _titles(_search("q=perhekeskus")) == ["Perhekeskus Pilke"]

    other.delete()
    refresh(engine)
    assert _search("q=perhekeskus").count == 0
    assert _search("q=perhekeskus", locale="sv").count == 0


def test_practice_page_lists_related_practices(engine, client):
    home = _two_alike_practices()
    refresh(engine)

    body = client.get(home.url).content.decode()
    section = body[body.index('id="related-heading"') :]
    assert "Samankaltaisia käytäntöjä" in section
    assert "Vanhemmuuden tuki kotona" in section
