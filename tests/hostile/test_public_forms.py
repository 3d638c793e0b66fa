"""Hostile input on every public form: the nomination form, the account request, the
"We use this too" adoption form, setting a password and signing in.

Each bad value gets a clear form error (never a server error), nothing is stored for a
refused submission, and what is stored for an accepted one is exactly what was sent.
Re-rendered input is escaped, never reflected as markup.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import given
from hypothesis import strategies as st

from goodpractice.awards.models import Nomination
from goodpractice.organisations.models import AccountRequest, Organisation
from goodpractice.practices.models import Adoption
from goodpractice.validators import (
    PERSONAL_IDENTITY_CODE_MESSAGE,
    PHONE_MESSAGE,
    SINGLE_LINE_MESSAGE,
)
from tests.awards.factories import make_round, organisations, shifted_schedule
from tests.factories import make_member, make_practice

from .conftest import ESCAPED_SCRIPT, HETU, SCRIPT, hostile_text

pytestmark = pytest.mark.django_db

NOMINATION_TEXT_FIELDS = [
    "title",
    "what_was_done",
    "for_whom",
    "results",
    "client_participation",
    "how_to_adopt",
    "nominator_name",
    "nominator_organisation",
    "nominator_phone",
    "nominator_email",
]
ACCOUNT_REQUEST_TEXT_FIELDS = ["name", "email", "reason"]
ADOPTION_TEXT_FIELDS = ["adopted_on", "changes", "contact_name", "contact_email", "contact_phone"]


def english(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def nomination_form(site):
    round_ = make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    nominee = organisations()["imatra"]

    def data(**changes):
        values = {
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
            "nominator_phone": "+358 40 123 4567",
            "nominator_organisation": "",
            "consent_to_publish": "on",
            "homepage": "",
        }
        values.update(changes)
        return values

    data.round = round_
    return data


@pytest.fixture
def account_request_form(site):
    turku = Organisation.objects.lookup("853")

    def data(**changes):
        values = {
            "name": "Maija Meikäläinen",
            "organisation": turku.pk,
            "email": "maija@turku.example",
            "reason": "Kirjoitan perhekeskuksen toimintamallista.",
            "homepage": "",
        }
        values.update(changes)
        return values

    return data


@pytest.fixture
def adoption_form(site, client):
    """A Tampere member signed in, on the form for Turku's published practice."""
    practice = make_practice(title="Turun perhekeskus", organisations=("853",))
    member = make_member("837", email="tuomas@tampere.example")
    client.force_login(member)
    with translation.override("en"):
        url = reverse("practice_adopt", args=(practice.pk,))

    def data(**changes):
        values = {
            "organisation": Organisation.objects.lookup("837").pk,
            "adopted_on": "2024-03-01",
            "changes": "Ryhmät kokoontuvat iltaisin.",
            "contact_name": "Tiina Tampere",
            "contact_email": "tiina@tampere.example",
            "contact_phone": "040 000 0002",
        }
        values.update(changes)
        return values

    data.url = url
    return data


def assert_refused_or_stored_exactly(response, model, before, field, value):
    """A refused form is shown again with an error and stores nothing; an accepted one
    stores the value as sent (less surrounding white space, as forms do)."""
    assert response.status_code in (200, 302), response.status_code
    content = response.content.decode()
    assert SCRIPT not in content
    if response.status_code == 200:
        assert model.objects.count() == before
        assert "error" in content
        return
    assert model.objects.count() == before + 1
    stored = model.objects.order_by("-pk").first()
    assert getattr(stored, field) == value.strip()


@given(field=st.sampled_from(NOMINATION_TEXT_FIELDS), value=hostile_text)
def test_nomination_form_refuses_or_stores_exactly(client, nomination_form, field, value):
    cache.clear()
    before = Nomination.objects.count()
    response = client.post(english("awards_nominate"), nomination_form(**{field: value}))
    assert_refused_or_stored_exactly(response, Nomination, before, field, value)


@given(field=st.sampled_from(ACCOUNT_REQUEST_TEXT_FIELDS), value=hostile_text)
def test_account_request_form_refuses_or_stores_exactly(client, account_request_form, field, value):
    cache.clear()
    before = AccountRequest.objects.count()
    response = client.post(english("account_request"), account_request_form(**{field: value}))
    assert_refused_or_stored_exactly(response, AccountRequest, before, field, value)


@given(field=st.sampled_from(ADOPTION_TEXT_FIELDS), value=hostile_text)
def test_adoption_form_refuses_or_stores_exactly(client, adoption_form, field, value):
    Adoption.objects.all().delete()
    response = client.post(adoption_form.url, adoption_form(**{field: value}))
    if field == "adopted_on":
        # A date is parsed, not stored as typed: only a refusal is possible here.
        assert response.status_code in (200, 302)
        assert SCRIPT not in response.content.decode()
        return
    assert_refused_or_stored_exactly(response, Adoption, 0, field, value)


@pytest.mark.parametrize("field", ["changes", "contact_name"])
def test_an_identity_code_is_refused_in_the_adoption(client, adoption_form, field):
    response = client.post(adoption_form.url, adoption_form(**{field: f"Asiakas {HETU}"}))
    assert response.status_code == 200
    assert Adoption.objects.count() == 0
    assert str(PERSONAL_IDENTITY_CODE_MESSAGE) in response.content.decode()


@pytest.mark.parametrize("field", ["title", "what_was_done", "nominator_name", "nominator_phone"])
def test_an_identity_code_is_refused_in_the_nomination(client, nomination_form, field):
    response = client.post(
        english("awards_nominate"), nomination_form(**{field: f"Asiakas {HETU}"})
    )
    assert response.status_code == 200
    assert Nomination.objects.count() == 0
    message = PHONE_MESSAGE if field == "nominator_phone" else PERSONAL_IDENTITY_CODE_MESSAGE
    assert str(message) in response.content.decode()


@pytest.mark.parametrize("field", ["name", "reason"])
def test_an_identity_code_is_refused_in_the_account_request(client, account_request_form, field):
    response = client.post(
        english("account_request"), account_request_form(**{field: f"Asiakas {HETU}"})
    )
    assert response.status_code == 200
    assert AccountRequest.objects.count() == 0
    assert str(PERSONAL_IDENTITY_CODE_MESSAGE) in response.content.decode()


def test_script_in_a_refused_form_is_shown_escaped(client, nomination_form):
    response = client.post(
        english("awards_nominate"),
        nomination_form(title=SCRIPT, nominator_email="not an address"),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert SCRIPT not in content
    assert ESCAPED_SCRIPT in content  # the person's text comes back, harmless


@pytest.mark.parametrize(
    ("url_name", "form", "field", "value"),
    [
        ("awards_nominate", "nomination", "title", "x" * 300),
        ("awards_nominate", "nomination", "what_was_done", "x" * 20_000),
        ("awards_nominate", "nomination", "nominator_name", "x" * 201),
        ("awards_nominate", "nomination", "nominator_phone", "1" * 41),
        ("account_request", "account", "name", "x" * 201),
        ("account_request", "account", "reason", "x" * 20_000),
    ],
)
def test_oversized_fields_get_a_clear_error(
    client, nomination_form, account_request_form, url_name, form, field, value
):
    data = (nomination_form if form == "nomination" else account_request_form)(**{field: value})
    response = client.post(english(url_name), data)
    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert Nomination.objects.count() == AccountRequest.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"nominee": "abc"},
        {"nominee": "-1"},
        {"nominee": "99999999999999999999999"},
        {"nominee": "1 OR 1=1"},
        {"practice": "x"},
        {"practice": "1.5"},
        {"nominee": ["1", "not-a-number"]},
        {"nominee": ""},
    ],
)
def test_wrong_types_in_the_nomination_are_form_errors(client, nomination_form, changes):
    response = client.post(english("awards_nominate"), nomination_form(**changes))
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize("organisation", ["abc", "-1", "1e3", "'; --", "\x00"])
def test_wrong_types_in_the_account_request_are_form_errors(
    client, account_request_form, organisation
):
    response = client.post(
        english("account_request"), account_request_form(organisation=organisation)
    )
    assert response.status_code == 200
    assert AccountRequest.objects.count() == 0


def urlencoded(data):
    from urllib.parse import urlencode

    return urlencode(data, doseq=True).encode()


@pytest.mark.parametrize("bad", [b"%FF%FE", b"%C3%28", b"\xff\xfe", b"%ED%A0%80"])
def test_invalid_utf8_in_a_form_body_is_a_bad_request(client, nomination_form, bad):
    body = urlencoded(nomination_form()).replace(b"title=", b"title=" + bad, 1)
    response = client.generic(
        "POST",
        english("awards_nominate"),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize("field", ["title", "nominator_name", "what_was_done"])
def test_a_nul_byte_in_a_form_is_a_form_error(client, nomination_form, field):
    response = client.post(english("awards_nominate"), nomination_form(**{field: "ab\x00c"}))
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize("field", ["nominator_name", "nominator_organisation", "title"])
def test_a_line_break_in_a_one_line_field_is_refused(client, nomination_form, field):
    response = client.post(
        english("awards_nominate"),
        nomination_form(**{field: "Nina\r\nBcc: victim@example.invalid"}),
    )
    assert response.status_code == 200
    assert str(SINGLE_LINE_MESSAGE) in response.content.decode()
    assert Nomination.objects.count() == 0


# Setting a password and signing in.


def set_password_link():
    """A new account's one-time link, as the approval e-mail sends it."""
    user = get_user_model().objects.create_user(username=f"uusi-{get_user_model().objects.count()}")
    user.set_unusable_password()
    user.save()
    with translation.override("en"):
        url = reverse(
            "account_set_password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return user, url


@given(password=hostile_text)
def test_set_password_form_refuses_bad_passwords_clearly(client, site, password):
    user, url = set_password_link()
    # The first visit moves the token into the session and redirects to the form.
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code in (200, 302)
    assert SCRIPT not in response.content.decode()
    user.refresh_from_db()
    assert user.has_usable_password() == (response.status_code == 302)
    if response.status_code == 302:
        assert user.check_password(password)


@pytest.mark.parametrize(
    "path_part", ["%00", "%FF%FE", "<script>", "'%20OR%201=1", "x" * 300, "..%2F..%2F"]
)
def test_a_forged_set_password_link_is_a_clear_refusal(client, site, path_part):
    with translation.override("en"):
        url = reverse("account_set_password", kwargs={"uidb64": "MQ", "token": "set-password"})
    response = client.get(url.replace("MQ", path_part), follow=True)
    assert response.status_code in (200, 404)
    assert SCRIPT not in response.content.decode()


@given(username=hostile_text, password=hostile_text)
def test_the_sign_in_form_refuses_hostile_input(client, site, username, password):
    cache.clear()
    users = get_user_model().objects.count()
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}
    )
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
