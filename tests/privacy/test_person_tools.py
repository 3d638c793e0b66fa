"""Editors find, export and erase one person's data across the registry."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.signals import page_published

from goodpractice.awards.models import Nomination, Score
from goodpractice.organisations.models import AccountRequest, Membership
from goodpractice.practices.models import PracticePage
from goodpractice.privacy import services
from goodpractice.privacy.models import PrivacyRequest

from .conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


def kinds(records):
    return sorted((record.entry.model_label, record.obj.pk) for record in records)


def test_finds_every_record_by_email_or_by_name(person):
    expected = sorted(
        [
            ("awards.Nomination", person["nomination"].pk),
            ("practices.PracticePage", person["practice"].pk),
            ("organisations.AccountRequest", person["account_request"].pk),
            ("auth.User", person["user"].pk),
            ("wagtailusers.UserProfile", person["user"].wagtail_userprofile.pk),
            *(("awards.Score", pk) for pk in Score.objects.values_list("pk", flat=True)),
        ]
    )
    assert kinds(services.find_person(email=EMAIL.upper())) == expected
    # The whole name, however spaced, finds the same records.
    assert kinds(services.find_person(name="  nina   NIMEÄJÄ ")) == expected
    assert services.find_person(name="Nina") == []
    assert services.find_person() == []


def test_the_editor_sees_the_records_with_their_purpose(person, editor_client):
    response = editor_client.get(reverse("privacy_person"), {"email": EMAIL})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'data-record="awards.Nomination:{person["nomination"].pk}"' in content
    assert "+358 40 123 4567" in content
    assert "So that other organisations can ask about the practice." in content
    assert "Olli" not in content


def test_the_search_form_explains_bad_input(editor_client):
    response = editor_client.get(reverse("privacy_person"), {"email": "not an address"})
    assert "Enter a valid email address." in response.content.decode()
    response = editor_client.get(reverse("privacy_person"), {"email": "", "name": ""})
    assert "Give an e-mail address, a name or both." in response.content.decode()


def test_export_is_a_json_download_logged_without_the_data(person, editor_client):
    response = editor_client.post(reverse("privacy_export"), {"email": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    document = json.loads(response.content)
    by_type = {}
    for record in document["records"]:
        by_type.setdefault(record["type"], []).append(record)
    nomination = by_type["awards.Nomination"][0]
    assert nomination["data"]["nominator_phone"] == "+358 40 000 0001"
    assert nomination["purpose"] == "To confirm the nomination and ask the nominator about it."
    assert by_type["practices.PracticePage"][0]["data"]["contact_email"] == "Nina@Example.invalid"
    assert by_type["auth.User"][0]["data"]["last_name"] == "Nimeäjä"
    assert {r["data"]["comment"] for r in by_type["awards.Score"]} == {
        "Vahva näyttö vaikutuksista."
    }

    request = PrivacyRequest.objects.get()
    assert request.action == "export" and request.created_by == editor_client.editor
    entry = ModelLogEntry.objects.get(action="privacy.export")
    logged = json.dumps([entry.data, entry.label]) + str(request.records)
    for secret in ("nina", "nimeäjä", "+358", "johtava", "example.invalid"):
        assert secret not in logged.lower()
    assert {"model": "awards.Nomination", "id": person["nomination"].pk} in entry.data["records"]
    # Nothing was changed by exporting.
    assert Nomination.objects.get(pk=person["nomination"].pk).nominator_email == EMAIL


def test_erasure_asks_for_confirmation_first(person, editor_client):
    response = editor_client.get(reverse("privacy_erase"), {"email": EMAIL})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Yes, erase" in content
    assert "These records are kept" in content  # the jury's scores
    assert AccountRequest.objects.filter(pk=person["account_request"].pk).exists()
    assert not PrivacyRequest.objects.exists()


def test_erasure_follows_each_rule_and_is_logged(person, editor_client):
    published = []

    def listener(sender, instance, **kwargs):
        published.append(instance.pk)

    page_published.connect(listener)
    try:
        response = editor_client.post(reverse("privacy_erase"), {"email": EMAIL}, follow=True)
    finally:
        page_published.disconnect(listener)
    assert response.status_code == 200
    assert "Erased the personal data of" in response.content.decode()

    nomination = Nomination.objects.get(pk=person["nomination"].pk)
    assert nomination.nominator_email == nomination.nominator_name == ""
    assert nomination.nominator_phone == nomination.nominator_organisation == ""
    assert nomination.contacts_removed_at is not None
    nomination.full_clean(exclude=["sequence", "reference"])  # still a valid nomination

    practice = PracticePage.objects.get(pk=person["practice"].pk)
    assert (practice.contact_name, practice.contact_email, practice.contact_phone) == ("", "", "")
    assert practice.live and practice.has_unpublished_changes  # the waiting draft stays
    for revision in practice.revisions.all():
        assert "Nina" not in json.dumps(revision.content)
    draft = practice.get_latest_revision_as_object()
    assert draft.summary == "Uusi tiivistelmä odottaa tarkastusta." and draft.contact_email == ""
    for alias in PracticePage.objects.filter(alias_of=practice):
        assert alias.contact_email == "" and alias.contact_name == ""
    assert practice.pk in published  # the search index and caches refresh
    assert PageLogEntry.objects.filter(page=practice, action="practices.contact_removed").exists()
    practice.full_clean()

    assert not AccountRequest.objects.filter(pk=person["account_request"].pk).exists()
    user = get_user_model().objects.get(pk=person["user"].pk)
    assert (user.email, user.first_name, user.last_name) == ("", "", "")
    assert user.username == f"erased-{user.pk}"
    assert not user.is_active and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    # The jury's record stays, no longer naming the juror.
    assert Score.objects.filter(jury_member__user=user).count() > 0

    # Olli's data is untouched.
    assert Nomination.objects.get(pk=person["others_nomination"].pk).nominator_name == "Olli Muu"
    assert PracticePage.objects.get(pk=person["others_practice"].pk).contact_name == "Olli Muu"

    request = PrivacyRequest.objects.get(action="erase")
    assert {"model": "auth.User", "id": user.pk} in request.records
    assert ModelLogEntry.objects.filter(action="privacy.erase").exists()

    # Searching again finds only what is kept by rule.
    assert {r.entry.model_label for r in services.find_person(name=NAME)} <= {"awards.Score"}


def test_published_contact_disappears_from_the_live_page(person, editor_client, client):
    url = person["practice"].url
    reader = editor_client  # contacts are shown to signed-in users
    assert "+358 40 123 4567" in reader.get(url).content.decode()
    editor_client.post(reverse("privacy_erase"), {"email": EMAIL})
    content = reader.get(url).content.decode()
    assert "+358 40 123 4567" not in content and NAME not in content


def test_an_editor_cannot_erase_their_own_account(editor_client):
    editor = editor_client.editor
    response = editor_client.post(reverse("privacy_erase"), {"email": editor.email}, follow=True)
    assert "You cannot erase your own account." in response.content.decode()
    editor.refresh_from_db()
    assert editor.is_active and editor.email
    assert not PrivacyRequest.objects.exists()
