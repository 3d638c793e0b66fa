"""Accounts: no membership by changing one's e-mail, none without the account's consent,
and rate-limited password-reset and invitation e-mails."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from goodpractice.organisations.models import Organisation
from tests.factories import make_member

TURKU, OULU = "853", "564"


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def link_in(message):
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def invite(admin, email, name="Kaisa Kollega", organisation=OULU):
    return signed_in(admin).post(
        reverse("organisations_members"),
        {
            "organisation": Organisation.objects.lookup(organisation).pk,
            "name": name,
            "email": email,
            "role": "contributor",
            "language": "en",
        },
    )


@pytest.fixture
def alice(site):
    return make_member(TURKU, email="alice@imatra.example", first_name="Alice", last_name="Aho")


def account_form(page):
    """The account page's form as the browser would send it."""
    soup = BeautifulSoup(page, "html.parser")
    data = {}
    for field in soup.select("form input[name], form select[name]"):
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[field["name"]] = chosen.get("value", "") if chosen else ""
        else:
            data[field["name"]] = field.get("value", "")
    return data


def test_a_contributor_cannot_change_their_own_e_mail(alice):
    client = signed_in(alice)
    url = reverse("wagtailadmin_account")
    data = account_form(client.get(url).content.decode())
    data.update({key: "colleague@oulu.example" for key in data if key.endswith("email")})
    data["email-email"] = "colleague@oulu.example"
    client.post(url, data)
    alice.refresh_from_db()
    assert alice.email == "alice@imatra.example"


def test_an_invitation_to_an_existing_account_waits_for_its_consent(alice):
    oulu_admin = make_member(OULU, role="admin")
    response = invite(oulu_admin, "ALICE@imatra.example", name="Someone")
    assert response.status_code == 302
    assert not alice.memberships.filter(organisation__code=OULU).exists()
    # The organisation admin does not learn the account's real name.
    members = signed_in(oulu_admin).get(reverse("organisations_members")).content.decode()
    assert "Alice" not in members and "Aho" not in members
    [message] = mail.outbox
    assert message.to == ["alice@imatra.example"]
    join = link_in(message)

    # Someone else signed in cannot use the link.
    other = signed_in(make_member(OULU))
    other.post(join)
    assert not alice.memberships.filter(organisation__code=OULU).exists()

    client = signed_in(alice)
    assert client.get(join).status_code == 200
    client.post(join)
    assert alice.memberships.filter(organisation__code=OULU).exists()


def test_an_approved_request_for_an_existing_account_waits_for_its_consent(alice):
    from goodpractice.organisations import accounts
    from goodpractice.organisations.models import AccountRequest

    request = AccountRequest.objects.create(
        name="Alice",
        email="alice@imatra.example",
        organisation=Organisation.objects.lookup(OULU),
        language="en",
    )
    editor = get_user_model().objects.create_superuser("ed", "ed@example.invalid", "pw")
    assert accounts.approve(request, editor) is None
    assert not alice.memberships.filter(organisation__code=OULU).exists()
    [message] = mail.outbox
    assert "/join/" in link_in(message)


@override_settings(PASSWORD_RESET_RATE_LIMIT=3, PASSWORD_RESET_RATE_LIMIT_PER_EMAIL=2)
def test_password_reset_e_mails_are_rate_limited(alice):
    client = Client()
    for _attempt in range(5):
        response = client.post(
            reverse("wagtailadmin_password_reset"), {"email": "alice@imatra.example"}
        )
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 2
    # From one address, other e-mail addresses too.
    make_member(TURKU, email="bob@imatra.example")
    client.post(reverse("wagtailadmin_password_reset"), {"email": "bob@imatra.example"})
    assert len(mail.outbox) == 2


@override_settings(INVITATION_RATE_LIMIT=2)
def test_invitations_are_rate_limited(site):
    admin = make_member(TURKU, role="admin")
    statuses = [
        invite(admin, f"new{n}@turku.example", organisation=TURKU).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
