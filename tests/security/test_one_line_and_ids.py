"""One-line fields refuse line breaks; the exporter's page-<number> ids cannot be taken."""

import json

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from goodpractice.practices.models import PracticePage
from tests.factories import make_member, make_practice, make_user
from tests.integration.test_import_export import export, run_import
from tests.integration.test_practice_admin import practice_form

TURKU, HELSINKI = "853", "091"


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def own_practice(site):
    contributor = make_member(TURKU)
    page = make_practice(title="Oma käytäntö", organisations=(TURKU,), publish=False)
    return contributor, page


def edit(client, page, **changes):
    form = practice_form(slug=page.slug, **changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), form)


@pytest.mark.parametrize("field", ["title", "contact_name", "contact_title", "seo_title"])
def test_a_line_break_in_a_one_line_field_is_refused(own_practice, field):
    contributor, page = own_practice
    # The SEO title is a promote field: in editors' forms only.
    user = make_user(groups=("Editors",)) if field == "seo_title" else contributor
    response = edit(signed_in(user), page, **{field: "Otsikko\nBcc: x@evil.example"})
    assert response.status_code == 200
    page.refresh_from_db()
    assert "Bcc" not in getattr(page.get_latest_revision_as_object(), field)


def test_a_moderation_e_mail_is_sent_for_a_title_stored_with_a_line_break(own_practice):
    contributor, page = own_practice
    make_user(groups=("Editors",), email="editor@example.invalid")
    PracticePage.objects.filter(pk=page.pk).update(title="Kaksi\nriviä")
    page.refresh_from_db()
    page.save_revision(user=contributor, clean=False)
    page.get_workflow().start(page, contributor)
    subjects = [message.subject for message in mail.outbox]
    assert any("Kaksi riviä" in subject for subject in subjects), subjects


def test_a_contributor_cannot_take_the_exporters_id_of_another_practice(own_practice):
    contributor, page = own_practice
    other = make_practice(title="Helsingin käytäntö", organisations=(HELSINKI,))
    # Not in a contributor's form at all (a promote field): what they send is ignored.
    edit(signed_in(contributor), page, external_id=f"page-{other.pk}")
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().external_id == ""
    # An editor has the field, and is refused the exporter's id of another practice.
    response = edit(signed_in(make_user(groups=("Editors",))), page, external_id=f"page-{other.pk}")
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().external_id == ""


def test_an_import_refuses_a_page_id_stored_on_another_practice(own_practice, tmp_path):
    _contributor, page = own_practice
    other = make_practice(title="Helsingin käytäntö", organisations=(HELSINKI,))
    # As if stored before the id space was reserved.
    PracticePage.objects.filter(pk=page.pk).update(external_id=f"page-{other.pk}")
    record = next(
        r for r in map(json.loads, export().splitlines()) if r["title"] == "Helsingin käytäntö"
    )
    code, out, err = run_import(tmp_path, [{**record, "title": "Kaapattu"}])
    assert code != 0 or "failed 1" in out, out + err
    assert not PracticePage.objects.filter(title="Kaapattu").exists()
