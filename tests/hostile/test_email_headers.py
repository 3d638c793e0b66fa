"""Outgoing e-mail cannot be used to add headers: a line break in a name, or an address
with a header after it, is refused by the forms; and a name stored by another path still
gives a one-line subject."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards.models import Nomination
from goodpractice.organisations import accounts
from goodpractice.organisations.models import AccountRequest, Organisation
from goodpractice.validators import SINGLE_LINE_MESSAGE
from tests.awards.factories import make_round, organisations, shifted_schedule
from tests.factories import make_user

pytestmark = pytest.mark.django_db

INJECTIONS = [
    "Maija\r\nBcc: victim@example.invalid",
    "Maija\nSubject: Voitit!",
    "Maija\rCc: victim@example.invalid",
    "Maija\u2028Bcc: victim@example.invalid",
]


def english(name):
    with translation.override("en"):
        return reverse(name)


def extra_headers(message):
    """Header lines that the form's text could have added."""
    headers = message.message().as_string().split("\n\n", 1)[0]
    return re.findall(r"^(?:Bcc|Cc|Subject: Voitit).*$", headers, re.MULTILINE)


@pytest.fixture
def reviewer(site):
    return make_user(groups=("Editors",), email="toimitus@example.invalid")


@pytest.mark.parametrize("name", INJECTIONS)
def test_a_line_break_in_the_account_request_name_is_refused(client, reviewer, name):
    response = client.post(
        english("account_request"),
        {
            "name": name,
            "organisation": Organisation.objects.lookup("853").pk,
            "email": "maija@turku.example",
            "reason": "Kirjoitan käytännöistä.",
            "homepage": "",
        },
    )
    assert response.status_code == 200
    assert str(SINGLE_LINE_MESSAGE) in response.content.decode()
    assert AccountRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email", ["maija@turku.example\r\nBcc: victim@example.invalid", "a@b.fi\nCc: c@d.fi"]
)
def test_an_address_with_a_header_after_it_is_refused(client, reviewer, email):
    response = client.post(
        english("account_request"),
        {
            "name": "Maija",
            "organisation": Organisation.objects.lookup("853").pk,
            "email": email,
            "reason": "Kirjoitan käytännöistä.",
            "homepage": "",
        },
    )
    assert response.status_code == 200
    assert AccountRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_stored_name_with_a_line_break_still_gives_a_one_line_subject(reviewer):
    # As if the name had come in through the admin or an older version of the form.
    account_request = AccountRequest.objects.create(
        name=INJECTIONS[0],
        email="maija@turku.example",
        organisation=Organisation.objects.lookup("853"),
    )
    accounts.notify_reviewers(account_request)
    (message,) = mail.outbox
    assert message.recipients() == ["toimitus@example.invalid"]
    assert extra_headers(message) == []
    assert "\n" not in message.subject and "\r" not in message.subject


@pytest.mark.parametrize("name", INJECTIONS)
def test_the_nomination_confirmation_cannot_carry_extra_headers(client, site, name):
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    data = {
        "nominee": organisations()["imatra"].pk,
        "title": "Hyvinvointineuvola",
        "what_was_done": "Tuki neuvolasta alkaen.",
        "for_whom": "Lapsiperheet",
        "results": "Vähemmän kiireellisiä sijoituksia.",
        "nominator_name": name,
        "nominator_email": "nina@example.invalid",
        "consent_to_publish": "on",
    }
    response = client.post(english("awards_nominate"), data)
    assert response.status_code == 200
    assert Nomination.objects.count() == 0 and mail.outbox == []

    data["nominator_name"] = "Nina Nimeäjä"
    response = client.post(english("awards_nominate"), data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.recipients() == ["nina@example.invalid"]
    assert extra_headers(message) == []
