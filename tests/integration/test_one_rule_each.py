"""One convention for every JSON endpoint, one phone rule for the model, forms and importer."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from goodpractice.practices.models import PracticePage
from goodpractice.validators import PHONE_MESSAGE

LICENCE = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
JSON_ENDPOINTS = [
    "/api/",
    "/api/practices/",
    "/api/practices/999999/",
    "/api/search/?q=perhekeskus",
    "/api/search/autocomplete/?q=perhe",
    "/api/awards/",
]


@pytest.mark.parametrize("path", JSON_ENDPOINTS)
def test_every_json_endpoint_follows_the_open_data_conventions(client, site, path):
    response = client.get(path, {"lang": "sv"}, HTTP_ORIGIN="https://example.org")
    assert response.status_code in (200, 404)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Link"] == LICENCE
    assert response["Content-Language"] == "sv"
    json.loads(response.content)

    preflight = client.options(path, HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"

    refused = client.post(path, {})
    assert refused.status_code == 405
    assert refused["Content-Type"] == "application/json; charset=utf-8"
    assert "detail" in json.loads(refused.content)
    assert "GET" in refused["Allow"]


@pytest.mark.parametrize(
    ("phone", "valid"),
    [("+358 40 123 4567", True), ("(09) 310-1234", True), ("040 123 4567 ext. 5", False)],
)
def test_the_practice_model_refuses_what_is_not_a_phone_number(db, phone, valid):
    page = PracticePage(title="Perhekeskus", slug="perhekeskus", contact_phone=phone)
    with pytest.raises(ValidationError) as refused:
        page.clean_fields()  # the required fields left empty here are refused too
    phone_errors = refused.value.message_dict.get("contact_phone", [])
    assert phone_errors == ([] if valid else [str(PHONE_MESSAGE)])


def test_the_importer_applies_the_same_phone_rule(site, tmp_path):
    record = {
        "external_id": "phone-1",
        "language": "fi",
        "title": "Käytäntö",
        "summary": "Lyhyt kuvaus.",
        "body": "Mitä tehdään.",
        "themes": ["family-centre"],
        "organisations": ["853"],
        "contact": {"name": "Maija", "phone": "040 123 4567 ext. 5"},
    }
    path = tmp_path / "practices.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    err = StringIO()
    with translation.override("en"):
        with pytest.raises(CommandError):
            call_command("import_practices", str(path), stdout=StringIO(), stderr=err)
        assert f'line 1, field "contact.phone": {PHONE_MESSAGE}' in err.getvalue()
    assert not PracticePage.objects.exists()
