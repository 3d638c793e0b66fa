"""Hostile query strings on every public page and API: never a server error, never a
reflected script, JSON stays JSON, and nothing is stored.

Each endpoint is listed once in ENDPOINTS with the parameters it reads; a new public
endpoint adds a line there.
"""

import json
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from goodpractice.awards.models import Nomination
from goodpractice.organisations.models import AccountRequest
from goodpractice.practices.models import PracticeIndexPage, PracticePage
from tests.factories import make_practice
from tests.search.conftest import _use_engine, opensearch_url  # noqa: F401  (a session fixture)

from .conftest import NASTY_STRINGS, SCRIPT, hostile_text, raw_bytes

pytestmark = pytest.mark.django_db

PRACTICE_FILTERS = [
    "q",
    "theme",
    "target_group",
    "county",
    "municipality",
    "organisation",
    "evidence_level",
    "status",
    "year",
    "language",
    "page",
    "page_size",
]
SEARCH_PARAMETERS = [*PRACTICE_FILTERS, "lang", "sort", "prize_winning"]


def english(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def practice_index_url():
    return PracticeIndexPage.objects.get(locale__language_code="en").url


# name: (path, parameters it reads, whether it answers JSON)
ENDPOINTS = {
    "api index": (lambda: "/api/", ["format"], True),
    "practices api": (lambda: "/api/practices/", PRACTICE_FILTERS, True),
    "search api": (lambda: "/api/search/", SEARCH_PARAMETERS, True),
    "autocomplete": (lambda: "/api/search/autocomplete/", ["q", "lang"], True),
    "awards api": (lambda: "/api/awards/", ["year"], True),
    "search page": (lambda: english("search"), SEARCH_PARAMETERS, False),
    "practice index": (practice_index_url, PRACTICE_FILTERS, False),
    "themes": (lambda: english("theme_list"), ["q"], False),
    "theme": (lambda: english("theme_detail", slug="family-centre"), PRACTICE_FILTERS, False),
    "organisations": (lambda: english("organisation_list"), ["q", "kind", "page"], False),
    "map": (lambda: english("practice_map"), ["county", "theme"], False),
    "feed": (lambda: english("practice_feed"), ["theme", "page"], False),
    "prize": (lambda: english("awards_index"), ["year"], False),
    "nomination form": (lambda: english("awards_nominate"), ["nominee", "practice"], False),
    "account request form": (lambda: english("account_request"), ["organisation"], False),
    "sitemap": (lambda: "/sitemap.xml", ["p", "section"], False),
    "health": (lambda: "/health/", ["verbose"], True),
    "adoption form": (
        lambda: english("practice_adopt", pk=PracticePage.objects.live().first().pk),
        ["organisation"],
        False,
    ),
}


@pytest.fixture
def practices(site):
    return [
        make_practice(title="Perhekeskus", themes=("family-centre",)),
        make_practice(title="Jälkihuolto", language="sv", status="pilot"),
    ]


def stored_counts():
    return (
        Nomination.objects.count(),
        AccountRequest.objects.count(),
        PracticePage.objects.count(),
    )


def check_response(response, is_json):
    # The test client raises any exception a view lets through (a server error).
    assert response.status_code in (200, 301, 302, 400, 404, 429), response.status_code
    if response.status_code in (301, 302):
        return
    content = response.content.decode()
    assert SCRIPT not in content
    if is_json and response["Content-Type"].startswith("application/json"):
        json.loads(content)


# Many endpoints: fewer examples each, so the suite stays quick.
PER_ENDPOINT = hypothesis_settings(
    max_examples=max(5, hypothesis_settings.default.max_examples // 3)
)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@PER_ENDPOINT
@given(params=st.dictionaries(st.sampled_from(SEARCH_PARAMETERS + ["x"]), hostile_text, max_size=4))
def test_hostile_query_strings(client, practices, endpoint, params):
    make_path, _names, is_json = ENDPOINTS[endpoint]
    before = stored_counts()
    response = client.get(make_path(), params)
    check_response(response, is_json)
    assert stored_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_nasty_value_in_each_parameter(client, practices, endpoint):
    make_path, names, is_json = ENDPOINTS[endpoint]
    before = stored_counts()
    for value in NASTY_STRINGS:
        response = client.get(make_path(), dict.fromkeys(names, value))
        check_response(response, is_json)
    assert stored_counts() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@PER_ENDPOINT
@given(raw=raw_bytes)
def test_raw_bytes_in_query_strings(client, practices, endpoint, raw):
    make_path, names, is_json = ENDPOINTS[endpoint]
    query = "&".join(f"{name}={quote(raw)}" for name in names[:3])
    response = client.get(f"{make_path()}?{query}")
    check_response(response, is_json)
    valid = b"\x00" not in raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        valid = False
    if not valid:
        assert response.status_code == 400
        assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize("page", ["9" * 40, str(2**63), "100000000"])
def test_a_huge_page_number_is_an_empty_page(client, practices, page):
    response = client.get("/api/search/", {"q": "perhekeskus", "page": page})
    assert response.status_code == 200
    assert response.json()["results"] == []
    response = client.get(english("search"), {"q": "perhekeskus", "page": page})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/practices/", {"page": "abc"}),
        ("/api/practices/", {"page_size": "-5"}),
        ("/api/practices/", {"year": "twenty"}),
        ("/api/practices/", {"theme": "no-such-theme"}),
        ("/api/practices/", {"page": "9" * 30}),
    ],
)
def test_wrong_types_in_the_api_are_explained(client, practices, path, params):
    response = client.get(path, params)
    assert response.status_code in (400, 404)
    body = response.json()
    assert body.get("errors") or body.get("error") or body.get("detail")


@pytest.mark.parametrize("pk", ["abc", "-1", "1%00", "99999999999999999999999", "1;DROP"])
def test_hostile_practice_ids_are_not_found(client, practices, pk):
    response = client.get(f"/api/practices/{pk}/")
    assert response.status_code == 404


def test_a_huge_query_string_is_handled(client, practices):
    response = client.get("/api/search/?" + urlencode({"q": "lastensuojelu " * 2000}))
    check_response(response, True)
    response = client.get(english("search"), {"q": "x" * 50_000})
    check_response(response, False)


def test_script_in_the_search_box_comes_back_escaped(client, practices):
    response = client.get(english("search"), {"q": SCRIPT})
    assert response.status_code == 200
    content = response.content.decode()
    assert SCRIPT not in content
    assert "&lt;script&gt;" in content


@pytest.fixture
def search_engine(settings, site, opensearch_url):  # noqa: F811
    from search.testing import drop_indices

    engine = _use_engine(settings, opensearch_url, "opensearch", "language")
    yield engine
    drop_indices(settings.SEARCH_INDEX_PREFIX)


@given(
    params=st.dictionaries(st.sampled_from(SEARCH_PARAMETERS), hostile_text, min_size=1, max_size=4)
)
def test_hostile_search_against_the_real_engine(client, search_engine, params):
    response = client.get("/api/search/", params)
    check_response(response, True)
    if response.status_code == 200:
        # The engine answered (not the database fallback after an engine error).
        assert response.json()["backend"] != "database"
