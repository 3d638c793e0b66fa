"""The public site as a visitor sees it, in Finnish, Swedish and English."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from goodpractice.practices.models import PracticeIndexPage, PracticePage
from tests.factories import make_practice

LANGUAGES = ("fi", "sv", "en")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NAVIGATION = {
    "fi": ["Käytännöt", "Teemat", "Organisaatiot", "Kartta", "Palkinto", "Haku"],
    "sv": ["Praxis", "Teman", "Organisationer", "Karta", "Pris", "Sök"],
    "en": ["Practices", "Themes", "Organisations", "Map", "Prize", "Search"],
}


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def index_url(language):
    return PracticeIndexPage.objects.get(locale__language_code=language).url


def version(practice, language):
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code=language
    )


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return BeautifulSoup(response.content, "html.parser")


def titles(soup):
    return {a.get_text(strip=True) for a in soup.select(".practice-card .card__title a")}


@pytest.fixture
def practices(site):
    return {
        "turku": make_practice(
            title="Sisukas",
            themes=("school-support", "out-of-home-care"),
            target_groups=("school-age",),
            organisations=("853",),
            started_year=2017,
            featured=True,
        ),
        "county": make_practice(
            title="Systeeminen malli", themes=("systemic-practice",), organisations=("VS",)
        ),
        "tampere": make_practice(
            title="Perhekeskus Tampere", themes=("family-centre",), organisations=("837",)
        ),
        "vaasa": make_practice(
            title="Familjecenter i Vasa",
            language="sv",
            themes=("family-centre",),
            organisations=("905",),
            summary="Tjänster för barnfamiljer på ett ställe.",
        ),
    }


def test_every_page_type_speaks_the_site_language(client, practices):
    theme = practices["turku"].themes.first()
    for language in LANGUAGES:
        paths = [
            f"/{language}/",
            index_url(language),
            version(practices["turku"], language).url,
            url("theme_list", language),
            url("theme_detail", language, slug=theme.slug),
            url("organisation_list", language),
            url("organisation_detail", language, slug="turku"),
            url("practice_map", language),
        ]
        for path in paths:
            soup = get(client, path)
            assert soup.html["lang"] == language, path
            navigation = [a.get_text(strip=True) for a in soup.select(".main-nav a")]
            assert navigation == NAVIGATION[language], path
    assert url("theme_list", "fi") == "/fi/teemat/"
    assert url("theme_list", "sv") == "/sv/teman/"
    assert url("organisation_list", "sv") == "/sv/organisationer/"
    assert url("practice_map", "fi") == "/fi/kartta/"


def test_the_filters_narrow_the_list(client, practices):
    index = index_url("fi")
    everything = get(client, index)
    assert titles(everything) == {
        "Sisukas",
        "Systeeminen malli",
        "Perhekeskus Tampere",
        "Familjecenter i Vasa",
    }
    assert "4 käytäntöä" in everything.select_one(".results__count").get_text()

    by_theme = get(client, f"{index}?theme=school-support")
    assert titles(by_theme) == {"Sisukas"}
    assert by_theme.select_one(".results__count").get_text(strip=True) == "1 käytäntö"
    assert by_theme.select_one("#id_theme option[selected]")["value"] == "school-support"

    # A county finds its own practices and its municipalities', not another county's.
    assert titles(get(client, f"{index}?county=VS")) == {"Sisukas", "Systeeminen malli"}
    assert titles(get(client, f"{index}?municipality=837")) == {"Perhekeskus Tampere"}
    assert titles(get(client, f"{index}?year=2017")) == {"Sisukas"}
    assert titles(get(client, f"{index}?target_group=school-age&status=in_use")) == {"Sisukas"}
    assert titles(get(client, f"{index}?language=sv")) == {"Familjecenter i Vasa"}
    empty = get(client, f"{index}?theme=aftercare")
    assert titles(empty) == set()
    assert "Yksikään käytäntö ei vastaa" in empty.get_text()


def test_the_filter_form_is_labelled_and_grouped(client, practices):
    soup = get(client, index_url("sv"))
    form = soup.select_one("form.filters")
    for control in form.select("select, input"):
        assert form.select_one(f'label[for="{control["id"]}"]'), control["name"]
    assert [legend.get_text(strip=True) for legend in form.select("legend")] == [
        "Ämne",
        "Område",
        "Uppgifter om praxisen",
    ]
    assert form.select_one('button[type="submit"]').get_text(strip=True) == "Visa praxis"
    counties = [option.get_text() for option in form.select("#id_county option")]
    assert "Egentliga Finlands välfärdsområde" in counties


def test_pagination_keeps_the_filters(client, site):
    for number in range(14):
        make_practice(title=f"Kotikäynti {number:02d}", themes=("home-based-services",))
    make_practice(title="Muu teema", themes=("aftercare",))
    index = index_url("fi")

    first = get(client, f"{index}?theme=home-based-services&sort=title")
    assert len(titles(first)) == 12
    assert "14 käytäntöä" in first.select_one(".results__count").get_text()
    assert first.select_one('.pagination a[aria-current="page"]').get_text(strip=True).endswith("1")
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert "theme=home-based-services" in next_link
    assert "sort=title" in next_link
    assert "page=2" in next_link

    second = get(client, f"{index}{next_link}")
    assert titles(second) == {"Kotikäynti 12", "Kotikäynti 13"}
    assert (
        second.select_one('.pagination a[aria-current="page"]').get_text(strip=True).endswith("2")
    )


def test_a_finnish_practice_is_listed_in_swedish_and_marked_as_finnish(client, practices):
    soup = get(client, index_url("sv"))
    cards = {
        card.select_one(".card__title a").get_text(strip=True): card
        for card in soup.select(".practice-card")
    }
    sisukas = cards["Sisukas"]
    assert sisukas.select_one(".language-label").get_text(strip=True) == "På finska"
    assert sisukas.select_one(".card__title a")["lang"] == "fi"
    assert sisukas.select_one(".card__summary")["lang"] == "fi"
    # A Swedish practice on the Swedish site needs no label.
    assert cards["Familjecenter i Vasa"].select_one(".language-label") is None
    assert not cards["Familjecenter i Vasa"].select_one(".card__title a").has_attr("lang")

    page = get(client, version(practices["turku"], "sv").url)
    assert page.html["lang"] == "sv"
    assert page.h1["lang"] == "fi"
    assert "På finska" in page.select_one(".language-note").get_text()
    assert page.select_one(".practice__summary")["lang"] == "fi"
    # The interface around the text stays Swedish.
    assert page.select_one("#facts-heading").get_text() == "Fakta"
    assert not page.select_one("#facts-heading").has_attr("lang")

    english = get(client, version(practices["vaasa"], "en").url)
    assert english.select_one(".language-note .language-label").get_text() == "In Swedish"
    assert english.h1["lang"] == "sv"
    finnish = get(client, practices["turku"].url)
    assert finnish.select_one(".language-note") is None
    assert not finnish.h1.has_attr("lang")


def test_the_practice_page_shows_the_structured_description(client, site):
    practice = make_practice(
        title="Sisukas",
        themes=("school-support",),
        target_groups=("school-age",),
        organisations=("853",),
        evidence_level="evaluated",
        started_year=2017,
        need="<p>Sijoitettujen lasten koulunkäynti katkeaa.</p>",
        results="<p>Koulu jatkui.</p>",
        evaluation="Seurattu vuosittain.\nPalaute kerätty.",
        keywords=("koulu",),
        links=(("https://example.org/sisukas", "Mallin kuvaus"),),
    )
    soup = get(client, practice.url)
    headings = [h2.get_text(strip=True) for h2 in soup.select(".practice__body h2")]
    assert headings == [
        "Tarve",
        "Mitä tehdään",
        "Tulokset",
        "Arviointi",
        "Linkit",
        "Missä käytäntö on otettu käyttöön",
    ]
    evaluation = soup.select_one("#section-evaluation").find_parent("section")
    assert "Seurattu vuosittain.<br/>Palaute kerätty." in str(evaluation)
    facts = soup.select_one(".facts")
    assert facts.select_one('a[href="/fi/organisaatiot/turku/"]').get_text() == "Turku"
    region = facts.select_one('a[href="/fi/organisaatiot/varsinais-suomen-hyvinvointialue/"]')
    assert region.get_text() == "Varsinais-Suomen hyvinvointialue"
    assert facts.select_one('a[href="/fi/teemat/school-support/"]').get_text() == (
        "Koulunkäynnin tuki"
    )
    text = facts.get_text(" ", strip=True)
    for expected in ("Käytössä", "2017", "Arvioitu", "Kouluikäiset lapset", "koulu"):
        assert expected in text
    assert soup.select_one('a[href="https://example.org/sisukas"]').get_text() == "Mallin kuvaus"
    assert soup.select_one(".practice__footer time")["datetime"]


def test_contact_details_are_shown_only_to_signed_in_users(client, site, django_user_model):
    practice = make_practice(
        contact_name="Maija Meikäläinen",
        contact_title="Johtava sosiaalityöntekijä",
        contact_email="maija.meikalainen@example.fi",
        contact_phone="040 123 4567",
    )
    anonymous = client.get(practice.url).content.decode()
    assert "Maija Meikäläinen" in anonymous
    assert "Johtava sosiaalityöntekijä" in anonymous
    assert "maija.meikalainen@example.fi" not in anonymous
    assert "040 123 4567" not in anonymous
    assert "näytetään kirjautuneille käyttäjille" in anonymous

    client.force_login(django_user_model.objects.create_user("kirjaaja", password="x"))
    signed_in = client.get(practice.url).content.decode()
    assert 'href="mailto:maija.meikalainen@example.fi"' in signed_in
    assert "040 123 4567" in signed_in


def test_open_graph_and_alternate_links(client, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    practice = make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")
    soup = get(client, practice.url)

    def meta(soup, prop):
        tag = soup.select_one(f'meta[property="{prop}"]')
        return tag["content"] if tag else None

    assert meta(soup, "og:title") == "Perhekeskus"
    assert meta(soup, "og:description") == "Palvelut yhdestä paikasta."
    assert soup.select_one('meta[name="description"]')["content"] == "Palvelut yhdestä paikasta."
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:url") == f"http://testserver{practice.url}"
    assert meta(soup, "og:locale") == "fi_FI"
    assert meta(soup, "og:image") is None
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    expected = {
        language: f"http://testserver{version(practice, language).url}" for language in LANGUAGES
    }
    assert alternates == {**expected, "x-default": expected["fi"]}
    feed = soup.select_one('link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == "/fi/syote/"

    page = PracticePage.objects.get(pk=practice.pk)
    page.image = Image.objects.create(title="Kuva", file=get_test_image_file())
    page.save_revision().publish()
    soup = get(client, practice.url)
    assert meta(soup, "og:image").startswith("http://testserver/")
    swedish = get(client, version(practice, "sv").url)
    assert meta(swedish, "og:locale") == "sv_FI"
    assert meta(swedish, "og:image") == meta(soup, "og:image")


def test_the_language_switcher_keeps_the_reader_on_the_same_content(client, practices):
    practice = practices["turku"]
    soup = get(client, practice.url)
    links = {a["lang"]: a for a in soup.select(".language-switcher a")}
    assert links["sv"]["href"] == version(practice, "sv").url
    assert links["en"]["href"] == version(practice, "en").url
    assert links["fi"]["aria-current"] == "true"

    soup = get(client, url("theme_detail", "fi", slug="family-centre") + "?page=1")
    links = {a["lang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert links["sv"] == "/sv/teman/family-centre/?page=1"
    assert links["en"] == "/en/themes/family-centre/?page=1"

    soup = get(client, f"{index_url('fi')}?theme=family-centre")
    links = {a["lang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert links["sv"] == f"{index_url('sv')}?theme=family-centre"


def test_theme_pages(client, practices):
    soup = get(client, url("theme_list", "sv"))
    tiles = {
        tile.select_one(".tile__title").get_text(strip=True): tile.select_one(".count").get_text()
        for tile in soup.select(".tile")
    }
    # In the curated order of the taxonomy, not alphabetically.
    assert list(tiles)[:2] == ["Familjecenter", "Systemisk verksamhetsmodell"]
    assert tiles["Familjecenter"] == "2 goda praxis"
    assert tiles["Eftervård"] == "0 goda praxis"

    soup = get(client, url("theme_detail", "sv", slug="family-centre"))
    assert soup.h1.get_text() == "Familjecenter"
    assert titles(soup) == {"Perhekeskus Tampere", "Familjecenter i Vasa"}
    get(client, url("theme_detail", "fi", slug="no-such-theme"), status=404)


def test_organisation_pages(client, practices):
    soup = get(client, url("organisation_list", "fi"))
    county = next(
        tile
        for tile in soup.select(".tile")
        if tile.select_one(".tile__title").get_text(strip=True)
        == "Varsinais-Suomen hyvinvointialue"
    )
    assert county.select_one(".count").get_text() == "2 käytäntöä"
    assert [a.get_text() for a in county.select(".plain-list a")] == ["Turku"]
    assert soup.select_one("#helsinki-heading").get_text() == "Helsingin kaupunki"

    # A county lists its own practices and its municipalities'.
    soup = get(client, url("organisation_detail", "fi", slug="varsinais-suomen-hyvinvointialue"))
    assert titles(soup) == {"Sisukas", "Systeeminen malli"}
    # A municipality lists its own and links to its county.
    soup = get(client, url("organisation_detail", "sv", slug="turku"))
    assert soup.h1.get_text() == "Åbo"
    assert titles(soup) == {"Sisukas"}
    county_link = soup.select_one(
        '.org-facts a[href="/sv/organisationer/varsinais-suomen-hyvinvointialue/"]'
    )
    assert county_link.get_text() == "Egentliga Finlands välfärdsområde"
    get(client, url("organisation_detail", "fi", slug="no-such-organisation"), status=404)


def test_the_map_shows_every_county_and_a_table(client, practices):
    soup = get(client, url("practice_map", "fi"))
    svg = soup.select_one("svg.finland-map")
    regions = svg.select("a")
    # 21 counties and Helsinki, each a link with its own outline and a title.
    assert len(regions) == 22
    assert all(a.select_one("path")["d"].startswith("M") for a in regions)
    by_href = {a["href"]: a for a in regions}
    vs = by_href["/fi/organisaatiot/varsinais-suomen-hyvinvointialue/"]
    assert vs.title.get_text() == "Varsinais-Suomen hyvinvointialue: 2 käytäntöä"
    assert "/fi/organisaatiot/helsinki/" in by_href
    empty = by_href["/fi/organisaatiot/lapin-hyvinvointialue/"]
    assert vs.path["fill"] != empty.path["fill"]

    table = soup.select_one("table")
    assert table.caption.get_text() == "Käytännöt ja käyttöönotot hyvinvointialueittain"
    rows = {
        row.th.get_text(strip=True): row.td.get_text(strip=True) for row in table.select("tbody tr")
    }
    assert len(rows) == 22
    assert rows["Varsinais-Suomen hyvinvointialue"] == "2"
    assert rows["Pirkanmaan hyvinvointialue"] == "1"
    assert rows["Lapin hyvinvointialue"] == "0"
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    assert table.select_one("tfoot td").get_text(strip=True) == "4"
    legend = [item.get_text(strip=True) for item in soup.select(".legend li")]
    assert legend[0] == "0"


def test_home_page_shows_featured_and_newest_practices(client, practices):
    soup = get(client, "/sv/")
    assert soup.h1.get_text() == "Goda praxis inom barnskyddet"
    featured = soup.select_one("#featured-heading").find_parent("section")
    assert titles(featured) == {"Sisukas"}
    newest = soup.select_one("#newest-heading").find_parent("section")
    assert titles(newest) == {
        "Sisukas",
        "Systeeminen malli",
        "Perhekeskus Tampere",
        "Familjecenter i Vasa",
    }
    assert soup.select_one(f'a[href="{url("practice_map", "sv")}"]')
    assert soup.select_one('a[href="/sv/teman/family-centre/"]')
    assert soup.select_one('form[role="search"][action="/sv/sok/"] input[name="q"]')


def test_the_feed_is_atom_with_the_newest_practices(client, practices):
    response = client.get(url("practice_feed", "sv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Nya goda praxis inom barnskyddet"
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.find(f"{ATOM}title").text for entry in entries} == {
        "Sisukas",
        "Systeeminen malli",
        "Perhekeskus Tampere",
        "Familjecenter i Vasa",
    }
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert f"http://testserver{version(practices['turku'], 'sv').url}" in links
    assert all(entry.find(f"{ATOM}updated") is not None for entry in entries)
    assert "CC BY 4.0" in feed.find(f"{ATOM}rights").text


def test_the_sitemap_lists_pages_in_three_languages(client, practices):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    practice = practices["turku"]
    for language in LANGUAGES:
        assert any(loc.endswith(version(practice, language).url) for loc in locations)
        assert any(loc.endswith(index_url(language)) for loc in locations)
        assert any(
            loc.endswith(url("theme_detail", language, slug="school-support")) for loc in locations
        )
        assert any(
            loc.endswith(url("organisation_detail", language, slug="turku")) for loc in locations
        )
    # Themes and organisations without practices are left out.
    assert not any(loc.endswith("/fi/teemat/aftercare/") for loc in locations)
    assert not any(loc.endswith("/fi/organisaatiot/lapin-hyvinvointialue/") for loc in locations)
    entry = next(
        url_element
        for url_element in root.iter(f"{SITEMAP}url")
        if url_element.find(f"{SITEMAP}loc").text.endswith(practice.url)
    )
    hreflangs = {link.get("hreflang") for link in entry.iter(f"{XHTML}link")}
    assert hreflangs == set(LANGUAGES)


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_unknown_pages_get_a_helpful_404(client, site):
    soup = get(client, "/sv/finns-inte/", status=404)
    assert soup.html["lang"] == "sv"
    assert soup.h1.get_text() == "Sidan hittades inte"
    assert soup.select_one('a[href="/sv/"]')
    links = {a["lang"]: a["href"] for a in soup.select(".language-switcher a")}
    assert links == {"fi": "/fi/", "sv": "/sv/", "en": "/en/"}
    soup = get(client, "/fi/kaytannot/ei-ole/", status=404)
    assert soup.h1.get_text() == "Sivua ei löytynyt"


def test_the_footer_links_open_data(client, site):
    soup = get(client, "/en/")
    footer = soup.select_one("footer.site-footer")
    assert footer.select_one('a[href="https://creativecommons.org/licenses/by/4.0/"]')
    assert footer.select_one('a[href="/api/practices/"]')
    assert footer.select_one('a[href="/en/feed/"]')
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#main"
    assert soup.select_one("main#main")
