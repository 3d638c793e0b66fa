"""The public search page, the JSON API and the database fallback."""

from django.urls import reverse
from django.utils import translation

from goodpractice.practices.models import PracticeIndexPage, PracticePage
from search.templatetags.search_tags import related_practices
from tests.factories import make_practice

from .conftest import refresh

DEAD_URL = "http://127.0.0.1:9"  # discard port: nothing listens there


def test_search_page_in_three_languages(engine, client):
    make_practice(title="Perhekeskus Tuikku", summary="Perhekeskus ja neuvola yhdessä.")
    refresh(engine)

    # The path is translated (fi "haku/", sv "sok/"); reverse() gives each language's own.
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            url = reverse("search")
        assert url.startswith(f"/{language}/")
        response = client.get(url, {"q": "perhekeskus"})
        assert response.status_code == 200
        body = response.content.decode()
        assert "<mark>Perhekeskus</mark>" in body
        assert 'name="q"' in body
        assert 'role="combobox"' not in body  # added by the script, not the HTML
        # A Finnish practice found from another language's site says it is in Finnish.
        marked = {"fi": False, "sv": "På finska", "en": "In Finnish"}[language]
        assert (marked in body) if marked else ("language-label" not in body)


def test_search_page_facets_suggestion_and_help(engine, client):
    make_practice(title="Perhekeskus Tuikku", themes=("family-centre",))
    make_practice(title="Jälkihuollon tuki", themes=("aftercare",))
    refresh(engine)

    body = client.get("/fi/haku/", {"q": "perhekeskys"}).content.decode()
    assert "perhekeskus</strong>" in body
    assert "q=perhekeskys&amp;exact=1" in body

    body = client.get("/fi/haku/", {"q": ""}).content.decode()
    assert "Jälkihuolto" in body and "Perhekeskus" in body
    assert "theme=aftercare" in body

    body = client.get("/fi/haku/", {"q": "xyzzyq"}).content.decode()
    assert "search-help" in body


def test_api_shape(engine, client):
    make_practice(
        title="Perhekeskus Tuikku",
        summary="Perhekeskus ja neuvola yhdessä.",
        themes=("family-centre",),
        organisations=("853",),
    )
    make_practice(title="Koulutuki", themes=("school-support",))
    refresh(engine)

    data = client.get(
        "/api/search/", {"q": "perhekeskus", "lang": "sv", "page_size": 5, "county": "VS"}
    ).json()
    assert data["backend"] == "engine"
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) == {"title", "url", "language", "summary", "highlight"}
    assert item["url"].startswith("http://testserver/sv/")
    assert item["language"] == "fi"
    assert "<mark>" in item["highlight"]
    theme = {v["value"]: v for v in data["facets"]["theme"]}["family-centre"]
    assert theme == {"value": "family-centre", "label": "Familjecenter", "count": 1}
    assert "suggestion" in data
    assert data["corrected_query"] is None and data["relaxed"] is False


def test_engine_down_search_page_and_api_use_the_database(site, client, settings):
    settings.SEARCH_URL = ""
    make_practice(title="Perhekeskus Tuikku", summary="Perhekeskus ja neuvola.")
    make_practice(title="Koulutuki", summary="Tukea koulunkäyntiin.", themes=("school-support",))
    settings.SEARCH_URL = DEAD_URL

    response = client.get("/fi/haku/", {"q": "perhekeskus"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "notice--warning" in body
    assert "<mark>Perhekeskus</mark>" in body
    assert "Koulutuki" not in body

    data = client.get("/api/search/", {"q": "perhekeskus", "theme": "family-centre"}).json()
    assert data["backend"] == "database"
    assert data["count"] == 1
    assert data["facets"]["theme"] == [
        {"value": "family-centre", "label": "Perhekeskus", "count": 1}
    ]
    suggestions = client.get("/api/search/autocomplete/", {"q": "koulu"}).json()["results"]
    assert [item["title"] for item in suggestions] == ["Koulutuki"]


def test_database_fallback_facets_follow_other_filters(site, client, settings):
    settings.SEARCH_URL = ""
    make_practice(title="Perhetyö A", themes=("family-centre",), organisations=("853",))
    make_practice(title="Perhetyö B", themes=("family-centre", "aftercare"), organisations=("837",))
    make_practice(title="Perhetyö C", themes=("aftercare",), organisations=("853",))

    data = client.get("/api/search/", {"q": "perhetyö", "theme": "family-centre"}).json()
    assert data["backend"] == "database"
    assert data["count"] == 2
    counts = {
        name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()
    }
    assert counts["theme"] == {"family-centre": 2, "aftercare": 2}
    assert counts["county"] == {"VS": 1, "PI": 1}
    assert client.get("/api/search/", {"county": "VS"}).json()["count"] == 2


def test_related_practices_fall_back_to_same_theme(site, settings):
    settings.SEARCH_URL = DEAD_URL
    home = make_practice(title="Kotipalvelu", themes=("home-based-services",))
    make_practice(title="Kotikäynnit", themes=("home-based-services",))
    make_practice(title="Koulutuki", themes=("school-support",))

    related = related_practices(PracticePage.objects.get(pk=home.pk))
    assert [item["title"] for item in related] == ["Kotikäynnit"]


def test_practice_index_uses_the_engine_for_filters(engine, client):
    make_practice(title="Perhekeskus Tuikku", themes=("family-centre",))
    make_practice(title="Koulutuki", themes=("school-support",))
    refresh(engine)

    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    body = client.get(index.url, {"theme": "family-centre"}).content.decode()
    assert "Perhekeskus Tuikku" in body
    assert "Koulutuki" not in body


def test_health_reports_the_engine(engine, client):
    data = client.get("/health/").json()
    assert data == {
        "status": "ok",
        "database": "ok",
        "search": {
            "state": "ok",
            "cluster": "green",
            "nodes": 1,
            "index": "green",
            "pending_updates": 0,
        },
    }


def test_database_fallback_matches_theme_names_and_keywords(site, client, settings):
    settings.SEARCH_URL = ""
    make_practice(title="Tukiasunnot", summary="Asunto nuorelle.", themes=("aftercare",))
    make_practice(title="Olohuone", summary="Paikka nuorille.", keywords=("vertaistuki",))
    make_practice(title="Muu", summary="Ei osumaa.", themes=("school-support",))

    def titles(q):
        data = client.get("/api/search/", {"q": q}).json()
        assert data["backend"] == "database"
        return sorted(item["title"] for item in data["results"])

    assert titles("jälkihuolto") == ["Tukiasunnot"]  # the theme's Finnish name
    assert titles("vertaistuki") == ["Olohuone"]
    assert titles("nuor") == ["Olohuone", "Tukiasunnot"]
