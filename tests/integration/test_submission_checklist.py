"""The checklist of required content in the page editor, and submissions refused without it."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from goodpractice.practices.models import PracticePage
from tests.factories import make_member
from tests.integration.test_practice_admin import add_url, complete_practice_form, practice_form

TURKU = "853"
TITLE = "Perhekeskus hallinnasta"
SUBMIT = {"action-submit": "action-submit"}


@pytest.fixture
def contributor(site):
    client = Client()
    client.force_login(make_member(TURKU))
    client.cookies["django_language"] = "en"
    return client


def checklist(response):
    """{item: done} as the page editor shows it."""
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.find(attrs={"data-submission-checklist": True})
    assert panel is not None, "no checklist in the page editor"
    return {li["data-item"]: li["data-done"] == "true" for li in panel.find_all("li")}


def error_messages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(m.get_text(" ", strip=True) for m in soup.select(".messages .error"))


def test_a_new_practice_shows_every_item_missing(contributor):
    items = checklist(contributor.get(add_url()))
    assert list(items) == [
        "summary",
        "need",
        "description",
        "results",
        "organisations",
        "themes",
        "target_groups",
        "evidence_level",
        "contact",
    ]
    assert not any(items.values())


def test_an_incomplete_draft_is_saved_and_its_checklist_shows_what_is_missing(contributor):
    response = contributor.post(add_url(), practice_form())
    assert response.status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    assert page.current_workflow_state is None

    edit = contributor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert checklist(edit) == {
        "summary": True,
        "need": False,
        "description": True,
        "results": False,
        "organisations": True,
        "themes": True,
        "target_groups": False,
        "evidence_level": False,
        "contact": False,
    }
    assert "5 items are still missing" in edit.content.decode()


def test_an_incomplete_submission_is_refused_naming_the_missing_items(contributor):
    form = complete_practice_form(results=rich_text(""), contact_email="", **SUBMIT)
    form["target_groups"] = []
    response = contributor.post(add_url(), form)
    assert response.status_code == 200
    assert not PracticePage.objects.filter(title=TITLE).exists()
    message = error_messages(response)
    assert "cannot be submitted for moderation yet" in message
    assert (
        "Still missing: Results, At least one target group, "
        "Contact person with an e-mail address or phone number." in message
    )
    assert "Evidence level" not in message
    # What the contributor typed is still in the form.
    assert "Maija Meikäläinen" in response.content.decode()


def test_a_complete_submission_goes_to_moderation(contributor):
    response = contributor.post(add_url(), complete_practice_form(**SUBMIT))
    assert response.status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    edit = contributor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert all(checklist(edit).values())
    assert "Everything required is filled in" in edit.content.decode()


def test_a_saved_draft_stays_when_its_submission_is_refused(contributor):
    contributor.post(add_url(), complete_practice_form())
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = contributor.post(
        edit_url, complete_practice_form(need=rich_text(""), slug=page.slug, **SUBMIT)
    )
    assert response.status_code == 200
    assert "Still missing: The need it answers." in error_messages(response)
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert "Perheet eivät löydä apua." in page.get_latest_revision_as_object().need


def test_the_refusal_is_in_the_contributors_language(site):
    client = Client()
    client.force_login(make_member(TURKU))
    client.cookies["django_language"] = "fi"
    form = complete_practice_form(evidence_level="", **SUBMIT)
    message = error_messages(client.post(add_url(), form))
    assert "Vielä puuttuu: Näytön taso." in message
    client.cookies["django_language"] = "sv"
    message = error_messages(client.post(add_url(), form))
    assert "Fortfarande saknas: Evidensnivå." in message


def test_a_draft_with_only_a_title_is_saved_for_the_contributors_organisation(contributor):
    form = practice_form(summary="", description=rich_text(""))
    form["organisations"] = []
    form["themes"] = []
    response = contributor.post(add_url(), form)
    assert response.status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    draft = page.get_latest_revision_as_object()
    assert [o.code for o in draft.organisations.all()] == [TURKU]
    assert page.current_workflow_state is None


def test_a_new_practice_has_the_contributors_organisation_chosen(contributor):
    soup = BeautifulSoup(contributor.get(add_url()).content, "html.parser")
    chosen = soup.select('[name="organisations"] option[selected]')
    assert [option.get_text(strip=True) for option in chosen] == ["Turku"]


def test_a_refused_submission_marks_each_missing_field_on_its_tab(contributor):
    form = practice_form(summary="", **SUBMIT)
    form["themes"] = []
    response = contributor.post(add_url(), form)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    def errors_on_tab(heading):
        label = next(a for a in soup.select("a[role=tab]") if heading in a.get_text())
        return soup.select(f"{label['href']} .error-message")

    # Summary, need, results, evidence level on the first tab; themes and target groups
    # on the classification tab; the contact person on the third.
    assert len(errors_on_tab("Description")) == 4
    assert len(errors_on_tab("Classification")) == 2
    assert len(errors_on_tab("Contact and material")) == 1
    assert "Needed before submitting for moderation." in soup.get_text()


def test_the_checklist_names_its_fields_for_the_script_that_ticks_items_off(contributor):
    soup = BeautifulSoup(contributor.get(add_url()).content, "html.parser")
    contact = soup.select_one('[data-submission-checklist] li[data-item="contact"]')
    assert contact["data-fields"] == '[["contact_name"], ["contact_email", "contact_phone"]]'
    assert soup.find("script", src=lambda src: src and "submission_checklist.js" in src)
