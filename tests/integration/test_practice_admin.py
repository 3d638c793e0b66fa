"""Editors in the Wagtail admin: the identity code guard, aliases and organisations."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import (
    EvidenceLevel,
    PracticeIndexPage,
    PracticePage,
    TargetGroup,
    Theme,
)
from tests.factories import make_practice

HETU = "131052-308T"
MESSAGE = "This text contains a Finnish personal identity code"


@pytest.fixture
def editor(client, site):
    user = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw")
    client.force_login(user)
    # The admin speaks the user's language; the assertions read English.
    client.cookies["django_language"] = "en"
    return client


def practice_form(**changes):
    data = {
        "title": "Perhekeskus hallinnasta",
        "slug": "perhekeskus-hallinnasta",
        "summary": "Palvelut yhdestä paikasta.",
        "need": rich_text(""),
        "description": rich_text("<p>Mitä tehdään.</p>"),
        "implementers": rich_text(""),
        "participation": rich_text(""),
        "results": rich_text(""),
        "resources": rich_text(""),
        "adoption": rich_text(""),
        "evaluation": "",
        "evidence_level": "",
        "status": "in_use",
        "started_year": "",
        "keywords": "",
        "contact_name": "",
        "contact_title": "",
        "contact_email": "",
        "contact_phone": "",
        "image": "",
        "links": inline_formset([]),
        "documents": inline_formset([]),
        "external_id": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(changes)
    form = nested_form_data(data)
    # Multiple-choice fields post a list of values, which nested_form_data would flatten.
    form["organisations"] = [Organisation.objects.get(code="853").pk]
    form["themes"] = [Theme.objects.get(slug="family-centre").pk]
    return form


def complete_practice_form(**changes):
    """A practice form with every item that a submission for moderation needs."""
    content = {
        "need": rich_text("<p>Perheet eivät löydä apua.</p>"),
        "results": rich_text("<p>Perheet saavat avun nopeammin.</p>"),
        "evidence_level": str(EvidenceLevel.objects.get(slug="described").pk),
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija@turku.example",
    }
    content.update(changes)
    form = practice_form(**content)
    form.setdefault("target_groups", [TargetGroup.objects.get(slug="parents").pk])
    return form


def add_url():
    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk))


def field_errors(response, name):
    """The error text the admin shows in the named field's own box."""
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(class_="w-field", attrs={"data-contentpath": name})
    assert field is not None, f"no field {name}"
    return " ".join(e.get_text(" ", strip=True) for e in field.select(".error-message"))


def test_an_identity_code_in_a_new_practice_is_refused_next_to_the_field(editor):
    response = editor.post(add_url(), practice_form(summary=f"Asiakas {HETU} kävi."))

    assert response.status_code == 200
    assert MESSAGE in field_errors(response, "summary")
    assert not PracticePage.objects.exists()


def test_an_identity_code_added_while_editing_is_refused(editor):
    practice = make_practice(title="Perhekeskus", summary="Alkuperäinen.")
    revisions = practice.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=(practice.pk,))

    response = editor.post(
        url,
        practice_form(
            title="Perhekeskus",
            slug=practice.slug,
            summary=f"Asiakas {HETU}.",
            description=rich_text(f"<p>Myös täällä {HETU}.</p>"),
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 200
    assert MESSAGE in field_errors(response, "summary")
    assert MESSAGE in field_errors(response, "description")
    practice.refresh_from_db()
    assert practice.summary == "Alkuperäinen."
    assert practice.revisions.count() == revisions


def test_an_identity_code_in_keywords_is_refused(editor):
    response = editor.post(add_url(), practice_form(keywords=f"perhe, {HETU}"))
    assert response.status_code == 200
    assert MESSAGE in field_errors(response, "keywords")
    assert not PracticePage.objects.exists()


def test_a_practice_published_in_the_admin_appears_in_every_language(editor, client):
    response = editor.post(add_url(), practice_form(**{"action-publish": "action-publish"}))

    assert response.status_code == 302
    original = PracticePage.objects.get(alias_of__isnull=True)
    assert original.live and original.locale.language_code == "fi"
    for language in ("sv", "en"):
        alias = PracticePage.objects.get(alias_of=original, locale__language_code=language)
        assert alias.live and alias.language == "fi"
        assert alias.url.startswith(f"/{language}/")
        page = client.get(alias.url)
        assert page.status_code == 200
        assert "Perhekeskus hallinnasta" in page.content.decode()
        index = PracticeIndexPage.objects.get(locale__language_code=language)
        assert "Perhekeskus hallinnasta" in client.get(index.url).content.decode()


def test_a_draft_saved_in_the_admin_is_not_public_in_any_language(editor, client):
    response = editor.post(add_url(), practice_form())
    assert response.status_code == 302
    original = PracticePage.objects.get(alias_of__isnull=True)
    assert not original.live
    assert not PracticePage.objects.live().exists()
    assert Page.objects.filter(alias_of=original).count() == 2


def test_editors_can_add_an_organisation_of_another_kind(editor):
    url = reverse("wagtailsnippets_organisations_organisation:add")
    response = editor.post(
        url,
        {
            "kind": "other",
            "code": "",
            "name_fi": "Lastensuojelun Keskusliitto",
            "name_sv": "Centralförbundet för Barnskydd",
            "name_en": "Central Union for Child Welfare",
            "slug": "lastensuojelun-keskusliitto",
            "region": "",
            "population": "",
            "website": "https://www.lskl.fi/",
        },
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="lastensuojelun-keskusliitto")
    assert organisation.kind == "other" and organisation.code is None
    assert Organisation.objects.lookup("Centralförbundet för Barnskydd") == organisation


def test_an_organisation_name_with_an_identity_code_is_refused(editor):
    url = reverse("wagtailsnippets_organisations_organisation:add")
    response = editor.post(
        url,
        {"kind": "other", "name_fi": f"Yhdistys {HETU}", "slug": "yhdistys"},
    )
    assert response.status_code == 200
    assert MESSAGE in field_errors(response, "name_fi")
    assert not Organisation.objects.filter(slug="yhdistys").exists()
