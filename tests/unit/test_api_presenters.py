"""Pieces of the open data API's JSON and HTTP conventions, without a database."""

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from goodpractice.organisations.models import Organisation
from goodpractice.practices.api.presenters import absolute_html, organisation_data, page_link
from goodpractice.practices.api.responses import error_response, json_response, open_data


@pytest.fixture
def request_():
    return RequestFactory().get("/api/practices/", {"theme": "aftercare", "page": "2"})


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/fi/kaytannot/x/">x</a>', '<a href="http://testserver/fi/kaytannot/x/">x</a>'),
        (
            '<a href="/documents/3/opas.pdf">opas</a>',
            '<a href="http://testserver/documents/3/opas.pdf">opas</a>',
        ),
        ('<img src="/media/a.png" alt="">', '<img src="http://testserver/media/a.png" alt="">'),
        ('<a href="https://thl.fi/">THL</a>', '<a href="https://thl.fi/">THL</a>'),
        ('<a href="//cdn.example.org/a">a</a>', '<a href="//cdn.example.org/a">a</a>'),
        ('<a href="mailto:a@example.org">a</a>', '<a href="mailto:a@example.org">a</a>'),
        ('<p>Text: see href="/x"</p>', '<p>Text: see href="/x"</p>'),
        (
            '<p><a class="c" href="/a/">a</a> <a href="/b/">b</a></p>',
            '<p><a class="c" href="http://testserver/a/">a</a> '
            '<a href="http://testserver/b/">b</a></p>',
        ),
    ],
)
def test_site_relative_links_in_rich_text_become_absolute(request_, html, expected):
    assert absolute_html(html, request_) == expected


def test_page_links_keep_the_other_parameters(request_):
    assert page_link(request_, 3) == "http://testserver/api/practices/?theme=aftercare&page=3"
    assert "page=1" in page_link(RequestFactory().get("/api/practices/"), 1)


def test_an_organisation_is_named_in_the_response_language():
    turku = Organisation(
        kind=Organisation.Kind.MUNICIPALITY,
        code="853",
        slug="turku",
        name_fi="Turku",
        name_sv="Åbo",
    )
    with translation.override("sv"):
        assert organisation_data(turku) == {
            "name": "Åbo",
            "code": "853",
            "kind": "municipality",
            "slug": "turku",
        }
    with translation.override("en"):
        assert organisation_data(turku)["name"] == "Turku"  # no English name: Finnish


def test_json_is_utf8_and_unescaped():
    response = json_response({"name": "Åbo"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == '{"name": "Åbo"}'.encode()
    assert json.loads(error_response(404, "Not here").content) == {"detail": "Not here"}
    errors = {"year": ["Enter a whole number."]}
    assert json.loads(error_response(400, errors=errors).content) == {"errors": errors}


@open_data
def _language_view(request):
    return HttpResponse(translation.get_language())


def test_open_data_views_are_cacheable_cors_and_speak_the_requested_language():
    factory = RequestFactory()
    response = _language_view(factory.get("/api/", {"lang": "sv"}))
    assert response.content == b"sv"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Language"] == "sv"
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    # An unknown lang falls back to the request's language, not an error.
    with translation.override("en"):
        assert _language_view(factory.get("/api/", {"lang": "de"})).content == b"en"

    preflight = _language_view(factory.options("/api/"))
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Origin"] == "*"

    refused = _language_view(factory.delete("/api/"))
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD, OPTIONS"
    assert json.loads(refused.content)["detail"]
