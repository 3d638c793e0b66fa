"""The open data API as a client sees it: /api/, /api/practices/ and /api/practices/<id>/."""

import json
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticeDocument, PracticeLink, PracticePage
from tests.factories import make_practice

LIST = "/api/practices/"
EMAIL = "maija.meikalainen@example.fi"
PHONE = "040 123 4567"


def get(client, path, params=None, status=200, **headers):
    response = client.get(path, params or {}, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def titles(data):
    return {item["title"] for item in data["results"]}


def version(practice, language):
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code=language
    )


def translate(practice, language, title, summary):
    """Turn the alias in another locale into a real translation, as wagtail-localize does."""
    page = version(practice, language)
    page.alias_of = None
    page.title = title
    page.summary = summary
    page.save()
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


@pytest.fixture
def practices(site):
    return {
        "turku": make_practice(
            title="Sisukas",
            themes=("school-support", "out-of-home-care"),
            target_groups=("school-age",),
            organisations=("853",),
            evidence_level="evaluated",
            status="in_use",
            started_year=2017,
            external_id="demo-sisukas",
            contact_name="Maija Meikäläinen",
            contact_title="Johtava sosiaalityöntekijä",
            contact_email=EMAIL,
            contact_phone=PHONE,
        ),
        "county": make_practice(
            title="Systeeminen malli",
            themes=("systemic-practice",),
            organisations=("VS",),
            status="pilot",
            started_year=2021,
        ),
        "tampere": make_practice(
            title="Perhekeskus Tampere",
            themes=("family-centre",),
            target_groups=("whole-family",),
            organisations=("837",),
            status="ended",
            started_year=2015,
        ),
        "helsinki": make_practice(
            title="Helsingin jälkihuolto",
            themes=("aftercare",),
            target_groups=("care-leavers",),
            organisations=("helsinki",),
            evidence_level="externally-evaluated",
            started_year=2019,
        ),
        "vaasa": make_practice(
            title="Familjecenter i Vasa",
            language="sv",
            themes=("family-centre",),
            organisations=("905",),
            summary="Tjänster för barnfamiljer på ett ställe.",
        ),
    }


def test_the_api_root_describes_endpoints_filters_and_licence(client, site):
    data = get(client, "/api/", HTTP_ACCEPT_LANGUAGE="en")
    practices = data["endpoints"]["practices"]
    assert practices["url"] == "http://testserver/api/practices/"
    assert data["endpoints"]["practice"]["url"] == "http://testserver/api/practices/{id}/"
    assert data["endpoints"]["search"]["url"] == "http://testserver/api/search/"
    assert set(practices["filters"]) == {
        "theme",
        "target_group",
        "county",
        "municipality",
        "organisation",
        "language",
        "evidence_level",
        "status",
        "year",
    }
    assert set(practices["pagination"]) == {"page", "page_size"}
    assert data["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["name"] == "Good practices in child protection: open data"


def test_the_list_carries_the_licence_and_every_summary_field(client, practices):
    data = get(client, LIST)
    assert data["count"] == 5
    assert data["next"] is None and data["previous"] is None
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["licence"]["url"].startswith("https://creativecommons.org/")

    turku = practices["turku"]
    item = next(item for item in data["results"] if item["id"] == turku.pk)
    turku_org = Organisation.objects.get(code="853")
    assert item == {
        "id": turku.pk,
        "title": "Sisukas",
        "url": f"http://testserver{turku.url}",
        "detail": f"http://testserver/api/practices/{turku.pk}/",
        "language": "fi",
        "summary": "Lyhyt kuvaus käytännöstä.",
        "themes": ["school-support", "out-of-home-care"],
        "target_groups": ["school-age"],
        "organisations": [
            {"name": "Turku", "code": "853", "kind": "municipality", "slug": turku_org.slug}
        ],
        "counties": ["VS"],
        "evidence_level": "evaluated",
        "status": "in_use",
        "started_year": 2017,
        "external_id": "demo-sisukas",
        "first_published_at": item["first_published_at"],
        "last_published_at": item["last_published_at"],
        "adoption_count": 0,
    }
    assert item["url"].startswith("http://testserver/fi/")
    assert datetime.fromisoformat(item["last_published_at"]) == turku.last_published_at
    assert datetime.fromisoformat(item["first_published_at"]) == turku.first_published_on

    helsinki = next(item for item in data["results"] if item["title"] == "Helsingin jälkihuolto")
    assert helsinki["counties"] == ["helsinki"]
    assert helsinki["organisations"][0]["code"] == "091"


def test_organisation_names_follow_the_requested_language(client, practices):
    def turku_name(**kwargs):
        data = get(client, LIST, {"municipality": "853", **kwargs.pop("params", {})}, **kwargs)
        return data["results"][0]["organisations"][0]["name"]

    assert turku_name() == "Turku"
    assert turku_name(HTTP_ACCEPT_LANGUAGE="sv") == "Åbo"
    assert turku_name(params={"lang": "sv"}, HTTP_ACCEPT_LANGUAGE="en") == "Åbo"


def test_a_swedish_practice_says_so(client, practices):
    data = get(client, LIST, {"language": "sv"})
    assert [item["title"] for item in data["results"]] == ["Familjecenter i Vasa"]
    item = data["results"][0]
    assert item["language"] == "sv"
    assert item["url"].startswith("http://testserver/sv/")
    assert item["counties"] == ["PO"]


# The site fixture is costly, so each table runs in one test; the message names the case.
FILTER_CASES = [
    ({"theme": "family-centre"}, {"Perhekeskus Tampere", "Familjecenter i Vasa"}),
    ({"target_group": "care-leavers"}, {"Helsingin jälkihuolto"}),
    # A county's own practices and those of its municipalities; the code in any case.
    ({"county": "VS"}, {"Sisukas", "Systeeminen malli"}),
    ({"county": "vs"}, {"Sisukas", "Systeeminen malli"}),
    ({"county": "PI"}, {"Perhekeskus Tampere"}),
    ({"county": "helsinki"}, {"Helsingin jälkihuolto"}),
    ({"municipality": "837"}, {"Perhekeskus Tampere"}),
    ({"language": "sv"}, {"Familjecenter i Vasa"}),
    ({"evidence_level": "externally-evaluated"}, {"Helsingin jälkihuolto"}),
    ({"status": "pilot"}, {"Systeeminen malli"}),
    ({"status": "ended"}, {"Perhekeskus Tampere"}),
    ({"year": "2017"}, {"Sisukas"}),
    ({"theme": "family-centre", "language": "sv"}, {"Familjecenter i Vasa"}),
    ({"theme": "aftercare", "county": "VS"}, set()),
    # Empty values mean "no filter", as in the public site's form.
    (
        {"theme": "", "county": ""},
        {
            "Sisukas",
            "Systeeminen malli",
            "Perhekeskus Tampere",
            "Helsingin jälkihuolto",
            "Familjecenter i Vasa",
        },
    ),
]

INVALID_CASES = [
    ({"theme": "no-such-theme"}, "theme"),
    ({"target_group": "nobody"}, "target_group"),
    ({"county": "XX"}, "county"),
    ({"county": "853"}, "county"),  # a municipality is not a county
    ({"municipality": "VS"}, "municipality"),
    ({"organisation": "nowhere"}, "organisation"),
    ({"language": "de"}, "language"),
    ({"evidence_level": "anecdotal"}, "evidence_level"),
    ({"status": "dormant"}, "status"),
    ({"year": "last"}, "year"),
    ({"year": "1066"}, "year"),
    ({"page": "first"}, "page"),
    ({"page": "0"}, "page"),
    ({"page_size": "-5"}, "page_size"),
]


def test_filters(client, practices):
    for params, expected in FILTER_CASES:
        data = get(client, LIST, params)
        assert titles(data) == expected, params
        assert data["count"] == len(expected), params

    slug = Organisation.objects.get(code="837").slug
    assert titles(get(client, LIST, {"organisation": slug})) == {"Perhekeskus Tampere"}


def test_an_invalid_value_is_a_400_naming_the_parameter(client, site):
    for params, field in INVALID_CASES:
        data = get(client, LIST, params, status=400, HTTP_ACCEPT_LANGUAGE="en")
        assert list(data["errors"]) == [field], params
        messages = data["errors"][field]
        assert messages and all(isinstance(m, str) and m for m in messages), params

    data = get(client, LIST, {"theme": "none", "year": "x"}, status=400)
    assert set(data["errors"]) == {"theme", "year"}


def test_error_messages_are_in_the_requested_language(client, site):
    def message(**kwargs):
        params = {"theme": "no-such-theme", **kwargs.pop("params", {})}
        return get(client, LIST, params, status=400, **kwargs)["errors"]["theme"][0]

    english = "Select a valid choice. That choice is not one of the available choices."
    assert message(HTTP_ACCEPT_LANGUAGE="en") == english
    assert message(HTTP_ACCEPT_LANGUAGE="sv").startswith("Välj ett giltigt alternativ.")
    assert message(HTTP_ACCEPT_LANGUAGE="fi").startswith("Valitse oikea vaihtoehto.")
    assert message(params={"lang": "sv"}, HTTP_ACCEPT_LANGUAGE="en").startswith("Välj")
    # Finnish is the site's default language.
    assert message().startswith("Valitse")


def test_pagination(client, site):
    for number in range(5):
        make_practice(title=f"Käytäntö {number}")

    first = get(client, LIST, {"page_size": 2, "theme": "family-centre"})
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/practices/?")
    assert "theme=family-centre" in first["next"] and "page_size=2" in first["next"]

    second = get(client, first["next"])
    third = get(client, second["next"])
    assert second["previous"].startswith("http://testserver/api/practices/?")
    assert get(client, second["previous"])["results"] == first["results"]
    assert third["next"] is None and len(third["results"]) == 1

    # Following "next" visits every practice exactly once, newest publication first.
    ids = [item["id"] for data in (first, second, third) for item in data["results"]]
    assert len(set(ids)) == 5
    everything = get(client, LIST)["results"]
    assert [item["id"] for item in everything] == ids
    stamps = [item["last_published_at"] for item in everything]
    assert stamps == sorted(stamps, reverse=True)

    missing = get(client, LIST, {"page": 4, "page_size": 2}, status=404)
    assert missing["detail"]


def test_page_size_defaults_to_20_and_is_capped_at_100(client, site, monkeypatch):
    monkeypatch.setattr("goodpractice.practices.api.forms.MAX_PAGE_SIZE", 3)
    for _number in range(4):
        make_practice()
    assert len(get(client, LIST, {"page_size": 1000})["results"]) == 3

    monkeypatch.undo()
    from goodpractice.practices.api import forms

    assert forms.DEFAULT_PAGE_SIZE == 20 and forms.MAX_PAGE_SIZE == 100
    data = get(client, LIST, {"page_size": 1000})
    assert len(data["results"]) == 4 and data["next"] is None


def test_drafts_aliases_unpublished_and_private_practices_are_not_open_data(client, site):
    published = make_practice(title="Julkaistu")
    draft = make_practice(title="Luonnos", publish=False)
    withdrawn = make_practice(title="Vedetty pois")
    PracticePage.objects.get(pk=withdrawn.pk).unpublish()
    private = make_practice(title="Yksityinen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    data = get(client, LIST)
    # Each practice has live aliases in the sv and en sites; they are not listed.
    assert [item["id"] for item in data["results"]] == [published.pk]

    aliases = PracticePage.objects.filter(alias_of=published)
    assert aliases.count() == 2 and all(alias.live for alias in aliases)
    for page_id in [draft.pk, withdrawn.pk, private.pk, *aliases.values_list("pk", flat=True)]:
        assert get(client, f"{LIST}{page_id}/", status=404)["detail"]
    assert get(client, f"{LIST}999999/", status=404)["detail"]


def test_a_translation_is_listed_as_its_own_practice_and_linked_from_the_original(
    client, practices
):
    turku = practices["turku"]
    swedish = translate(turku, "sv", "Sisukas på svenska", "Stöd för skolgång.")

    data = get(client, LIST, {"municipality": "853"})
    by_language = {item["language"]: item for item in data["results"]}
    assert set(by_language) == {"fi", "sv"}
    assert by_language["sv"]["id"] == swedish.pk
    assert by_language["sv"]["title"] == "Sisukas på svenska"

    original = get(client, f"{LIST}{turku.pk}/")
    assert original["translations"] == [
        {
            "language": "sv",
            "url": f"http://testserver{swedish.url}",
            "detail": f"http://testserver/api/practices/{swedish.pk}/",
        }
    ]
    translated = get(client, f"{LIST}{swedish.pk}/")
    assert [other["language"] for other in translated["translations"]] == ["fi"]


def test_the_detail_has_every_public_field_and_no_contact_details(client, practices):
    turku = practices["turku"]
    tampere = practices["tampere"]
    document = Document.objects.create(
        title="Sisukas-opas", file=ContentFile(b"%PDF-1.4", name="sisukas-opas.pdf")
    )
    page = PracticePage.objects.get(pk=turku.pk)
    page.need = "<p>Sijoitetut lapset tarvitsevat tukea koulussa.</p>"
    page.description = (
        f'<p>Katso myös <a linktype="page" id="{tampere.pk}">Tampere</a> ja '
        f'<a linktype="document" id="{document.pk}">opas</a>.</p>'
    )
    page.implementers = "<p>Koulu ja sosiaalityö.</p>"
    page.participation = "<p>Nuoret mukana suunnittelussa.</p>"
    page.results = "<p>Poissaolot vähenivät.</p>"
    page.resources = "<p>Yksi koordinaattori.</p>"
    page.adoption = "<p>Sopikaa koulun kanssa.</p>"
    page.evaluation = "Seurattu vuosittain."
    page.keywords.add("koulu", "sijaishuolto")
    page.links = [PracticeLink(url="https://example.org/sisukas", title="Mallin sivu")]
    page.documents = [PracticeDocument(document=document)]
    page.image = Image.objects.create(title="Koulun piha", file=get_test_image_file())
    page.save_revision().publish()

    response = client.get(f"{LIST}{turku.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    data = json.loads(body)

    assert EMAIL not in body and "meikalainen" not in body
    assert PHONE not in body and "0401234567" not in body
    assert "email" not in body and "phone" not in body

    listed = next(item for item in get(client, LIST)["results"] if item["id"] == turku.pk)
    for key in listed:
        if key != "organisations":  # names follow the response language
            assert data[key] == listed[key], key

    assert data["need"] == "<p>Sijoitetut lapset tarvitsevat tukea koulussa.</p>"
    assert f'<a href="http://testserver{tampere.url}">Tampere</a>' in data["description"]
    assert f'<a href="http://testserver{document.url}">opas</a>' in data["description"]
    assert "linktype" not in data["description"]
    for field in ("implementers", "participation", "results", "resources", "adoption"):
        assert data[field].startswith("<p>"), field
    assert data["evaluation"] == "Seurattu vuosittain."
    assert data["keywords"] == ["koulu", "sijaishuolto"]
    assert data["evidence_level"] == "evaluated"
    assert data["evidence_level_name"] == "Evaluated"
    assert data["contact"] == {
        "name": "Maija Meikäläinen",
        "title": "Johtava sosiaalityöntekijä",
    }
    assert data["links"] == [{"url": "https://example.org/sisukas", "title": "Mallin sivu"}]
    assert data["documents"] == [
        {"title": "Sisukas-opas", "url": f"http://testserver{document.url}"}
    ]
    image = data["image"]
    assert image["url"].startswith("http://testserver/")
    assert image["width"] == 640 and image["alt"] == "Koulun piha"
    assert data["first_published_at"] and data["translations"] == []

    swedish = get(client, f"{LIST}{turku.pk}/", {"lang": "sv"})
    assert swedish["evidence_level_name"] == "Utvärderad"
    assert swedish["organisations"][0]["name"] == "Åbo"


def test_a_practice_without_optional_material(client, practices):
    data = get(client, f"{LIST}{practices['county'].pk}/")
    assert data["image"] is None
    assert data["links"] == [] and data["documents"] == [] and data["keywords"] == []
    assert data["need"] == ""
    assert data["description"] == "<p>Mitä tehdään, vaihe vaiheelta.</p>"
    assert data["contact"] == {"name": "", "title": ""}
    assert data["counties"] == ["VS"] and data["target_groups"] == []


def test_open_data_headers(client, practices):
    licence = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    for path in ("/api/", LIST, f"{LIST}{practices['turku'].pk}/", f"{LIST}999999/"):
        response = client.get(path, HTTP_ORIGIN="https://example.org")
        assert response["Access-Control-Allow-Origin"] == "*", path
        assert response["Cache-Control"] == "public, max-age=300", path
        assert response["Link"] == licence, path
        assert "Accept-Language" in response["Vary"], path
    response = client.get(LIST, {"theme": "none"})
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"

    preflight = client.options(LIST, HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]

    refused = client.post(LIST, {})
    assert refused.status_code == 405
    assert refused["Content-Type"] == "application/json; charset=utf-8"
    assert "GET" in refused["Allow"]

    assert client.head(LIST).status_code == 200


def test_non_ascii_text_is_sent_as_utf8(client, practices):
    body = client.get(LIST, {"language": "sv"}).content
    assert "Tjänster för barnfamiljer på ett ställe.".encode() in body


def test_a_page_of_practices_costs_a_constant_number_of_queries(
    client, site, django_assert_max_num_queries
):
    municipalities = ["853", "837", "905", "091", "049", "VS"]
    for number in range(22):
        make_practice(
            themes=("family-centre", "aftercare")[: 1 + number % 2],
            target_groups=("parents", "school-age")[: number % 3],
            organisations=(municipalities[number % 6], municipalities[(number + 1) % 6]),
        )

    def queries(params):
        with CaptureQueriesContext(connection) as context:
            data = get(client, LIST, params)
        return len(context), data

    get(client, LIST)  # the first request fills Wagtail's cache of site root paths
    small, data = queries({"page_size": 2})
    assert len(data["results"]) == 2
    full, data = queries({"page_size": 20})
    assert len(data["results"]) == 20
    assert full == small
    assert full <= 8
    # Each filter adds at most the lookup of its own value.
    with django_assert_max_num_queries(full + 2):
        data = get(client, LIST, {"page_size": 20, "county": "VS", "theme": "family-centre"})
    assert data["count"] > 0

    practice_id = data["results"][0]["id"]
    with django_assert_max_num_queries(20):
        get(client, f"{LIST}{practice_id}/")
