"""The public nomination form and the open data API."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards import services, views
from goodpractice.awards.models import Nomination, ScreeningStatus

from .factories import (
    at,
    make_member,
    make_nomination,
    make_round,
    organisations,
    shifted_schedule,
)

HETU = "131052-308T"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()


def nominate_url(language="fi"):
    with translation.override(language):
        return reverse("awards_nominate")


def form_data(nominee, **changes):
    data = {
        "nominee": nominee.pk,
        "title": "Hyvinvointineuvola",
        "what_was_done": "Tuki neuvolasta alkaen.",
        "for_whom": "Lapsiperheet",
        "results": "Vähemmän kiireellisiä sijoituksia.",
        "client_participation": "",
        "how_to_adopt": "",
        "practice": "",
        "nominator_name": "Nina Nimeäjä",
        "nominator_email": "nina@example.invalid",
        "nominator_phone": "",
        "nominator_organisation": "",
        "consent_to_publish": "on",
        "homepage": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def open_round():
    return make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))


def test_nomination_is_saved_and_confirmed_by_email(client, open_round):
    orgs = organisations()
    response = client.post(nominate_url("sv"), form_data(orgs["imatra"]))
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.reference == "LT-2026-0001"
    assert nomination.language == "sv"
    assert nomination.screening_status == ScreeningStatus.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.invalid"]
    assert "LT-2026-0001" in mail.outbox[0].subject
    assert "LT-2026-0001" in mail.outbox[0].body
    thanks = client.get(response["Location"])
    assert "LT-2026-0001" in thanks.content.decode()


def test_form_renders_with_csrf_and_honeypot(client, open_round):
    organisations()
    response = client.get(nominate_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in content
    assert 'name="homepage"' in content


def test_csrf_is_enforced():
    from django.test import Client

    orgs = organisations()
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    response = Client(enforce_csrf_checks=True).post(nominate_url(), form_data(orgs["imatra"]))
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_honeypot_drops_the_nomination_silently(client, open_round):
    orgs = organisations()
    response = client.post(nominate_url(), form_data(orgs["imatra"], homepage="http://spam"))
    assert response.status_code == 302
    assert not Nomination.objects.exists()
    assert not mail.outbox


def test_personal_identity_code_is_refused(client, open_round):
    orgs = organisations()
    response = client.post(
        nominate_url("en"), form_data(orgs["imatra"], what_was_done=f"Client {HETU}")
    )
    assert response.status_code == 200
    assert "personal identity code" in response.content.decode()
    assert not Nomination.objects.exists()


def test_required_parts_are_checked(client, open_round):
    orgs = organisations()
    response = client.post(nominate_url(), form_data(orgs["imatra"], results=""))
    assert response.status_code == 200
    assert not Nomination.objects.exists()


def test_rate_limit_per_address(client, open_round, monkeypatch):
    orgs = organisations()
    monkeypatch.setattr(views, "NOMINATION_RATE_LIMIT", 2)
    for _ in range(2):
        assert client.post(nominate_url(), form_data(orgs["imatra"])).status_code == 302
    response = client.post(nominate_url(), form_data(orgs["imatra"]))
    assert response.status_code == 429
    assert Nomination.objects.count() == 2


def test_outside_the_window_the_form_tells_when_the_next_round_opens(client):
    schedule = shifted_schedule(timezone.localdate(), "upcoming")
    make_round(schedule=schedule)
    response = client.get(nominate_url("en"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<form" not in content.split("<main", 1)[1]
    assert "Municipal child protection achievement 2026" in content
    assert str(schedule["nominations_open"].year) in content


def test_closed_without_any_scheduled_round(client):
    response = client.get(nominate_url("en"))
    assert response.status_code == 200
    assert "not been scheduled" in response.content.decode()


def test_api_lists_rounds_without_personal_data(client):
    orgs = organisations()
    today = timezone.localdate()
    finished = make_round(2025, schedule=shifted_schedule(today, "deliberation"))
    # Nominations were open before; create them at that time.
    during = at(finished.nominations_open)
    winner = make_nomination(finished, orgs["imatra"], title="Hyvinvointineuvola", now=during)
    mention = make_nomination(finished, orgs["tampere"], title="Sisukas", now=during)
    chair = make_member(finished, role="chair")
    services.record_decision(
        finished,
        user=chair.user,
        winner=winner,
        honourable_mentions=[mention],
        rationale_fi="Perustelu.",
        rationale_sv="Motivering.",
    )
    make_round(2026, schedule=shifted_schedule(today, "nomination"))

    response = client.get("/api/awards/")
    assert response.status_code == 200
    body = response.content.decode()
    rounds = {r["year"]: r for r in response.json()["rounds"]}
    assert rounds[2026]["status"] == "nomination"
    assert rounds[2026]["nomination_url"].endswith(nominate_url())
    assert rounds[2025]["nomination_url"] is None
    # Not yet announced: no winners.
    assert rounds[2025]["winners"] == []

    services.publish_announcement(finished)
    rounds = {r["year"]: r for r in client.get("/api/awards/").json()["rounds"]}
    assert rounds[2025]["status"] == "announced"
    winners = rounds[2025]["winners"]
    assert [(w["kind"], w["title"]) for w in winners] == [
        ("winner", "Hyvinvointineuvola"),
        ("honourable_mention", "Sisukas"),
    ]
    assert winners[0]["organisation"]["name"] == "Imatra"
    body = client.get("/api/awards/").content.decode()
    for personal in ("nina@example.invalid", "Nimeäjä", "+358", chair.user.username):
        assert personal not in body
