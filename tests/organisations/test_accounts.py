"""Accounts tied to organisations: the public request, the editor's decision, the e-mailed
link to set a password, signing in, and invitations by an organisation admin."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from goodpractice.organisations.models import AccountRequest, Membership, Organisation
from tests.factories import make_member, make_user

HETU = "131052-308T"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def turku(site):
    return Organisation.objects.lookup("853")


@pytest.fixture
def editor(client, site):
    client.force_login(make_user(groups=("Editors",)))
    client.cookies["django_language"] = "en"
    return client


def request_data(organisation, **changes):
    data = {
        "name": "Maija Meikäläinen",
        "organisation": organisation.pk,
        "email": "maija.meikalainen@turku.example",
        "reason": "Kirjoitan perhekeskuksen toimintamallista.",
        "homepage": "",
    }
    data.update(changes)
    return data


def link_in(message):
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Pyydä tunnusta"), ("sv", "Begär ett konto"), ("en", "Request an account")],
)
def test_the_request_form_speaks_each_language(client, site, language, heading):
    response = client.get(url("account_request", language))
    assert response.status_code == 200
    content = response.content.decode()
    assert heading in content
    assert 'name="csrfmiddlewaretoken"' in content
    assert f'lang="{language}"' in content


def test_the_form_needs_a_csrf_token(site, turku):
    response = Client(enforce_csrf_checks=True).post(url("account_request"), request_data(turku))
    assert response.status_code == 403
    assert not AccountRequest.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(client, turku):
    response = client.post(url("account_request"), request_data(turku, homepage="http://x"))
    assert response.status_code == 302
    assert not AccountRequest.objects.exists()


def test_an_identity_code_in_the_reason_is_refused(client, turku):
    response = client.post(url("account_request"), request_data(turku, reason=f"Asiakas {HETU}"))
    assert response.status_code == 200
    assert "personal identity code" in response.content.decode()
    assert not AccountRequest.objects.exists()


def test_request_approval_password_and_sign_in(client, editor, turku):
    # A person asks in Swedish.
    anonymous = Client()
    response = anonymous.post(url("account_request", "sv"), request_data(turku))
    assert response.status_code == 302
    thanks = anonymous.get(response.url)
    assert "Tack för din begäran" in thanks.content.decode()
    account_request = AccountRequest.objects.get()
    assert account_request.is_pending and account_request.language == "sv"

    # The editors hear of it.
    [notice] = mail.outbox
    assert "Maija Meikäläinen" in notice.subject
    assert reverse("organisations_accountrequest:index") in notice.body
    mail.outbox.clear()

    # The editor sees it on the dashboard and in the list, and approves it.
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Account requests waiting for a decision" in dashboard
    assert "Maija Meikäläinen" in dashboard
    listing = editor.get(reverse("organisations_accountrequest:index"))
    assert listing.status_code == 200
    assert "Maija Meikäläinen" in listing.content.decode()
    approve_url = reverse("organisations_accountrequest:approve", args=(account_request.pk,))
    assert approve_url in listing.content.decode()
    assert editor.get(approve_url).status_code == 200
    response = editor.post(approve_url)
    assert response.status_code == 302

    user = get_user_model().objects.get(email="maija.meikalainen@turku.example")
    assert not user.has_usable_password()
    assert user.groups.filter(name="Contributors").exists()
    assert Membership.objects.get(user=user).organisation == turku
    account_request.refresh_from_db()
    assert account_request.status == "approved" and account_request.user == user

    # The e-mail is in Swedish and holds the link to set a password.
    [message] = mail.outbox
    assert message.to == ["maija.meikalainen@turku.example"]
    assert "Ditt konto" in message.subject
    link = link_in(message)
    assert link.startswith("/sv/")

    form = anonymous.get(link, follow=True)
    assert form.status_code == 200
    assert "Ange ditt lösenord" in form.content.decode()
    response = anonymous.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Lastensuojelu-2026!", "new_password2": "Lastensuojelu-2026!"},
    )
    assert response.status_code == 302
    assert "Logga in" in anonymous.get(response.url).content.decode()

    # The link works only once.
    assert "redan använts" in anonymous.get(link, follow=True).content.decode()

    # Signing in to the admin works with the e-mail address as the user name.
    response = anonymous.post(
        reverse("wagtailadmin_login"),
        {"username": "maija.meikalainen@turku.example", "password": "Lastensuojelu-2026!"},
    )
    assert response.status_code == 302
    assert anonymous.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_declined_request_gets_a_polite_message(editor, turku):
    account_request = AccountRequest.objects.create(
        name="Matti Virtanen",
        organisation=turku,
        email="matti@example.invalid",
        reason="Haluan lukea luonnoksia.",
        language="fi",
    )
    decline_url = reverse("organisations_accountrequest:decline", args=(account_request.pk,))
    assert editor.get(decline_url).status_code == 200

    response = editor.post(decline_url, {"message": "Pyydä tunnusta työosoitteella."})

    assert response.status_code == 302
    account_request.refresh_from_db()
    assert account_request.status == "declined"
    assert not get_user_model().objects.filter(email="matti@example.invalid").exists()
    [message] = mail.outbox
    assert "Kiitos" in message.body
    assert "Pyydä tunnusta työosoitteella." in message.body
    # Decided once: the buttons are gone and the URL refuses.
    assert editor.post(decline_url).status_code == 302
    assert len(mail.outbox) == 1


def test_contributors_cannot_decide_requests(client, turku):
    account_request = AccountRequest.objects.create(
        name="Matti Virtanen", organisation=turku, email="matti@example.invalid"
    )
    client.force_login(make_member(turku))
    response = client.post(
        reverse("organisations_accountrequest:approve", args=(account_request.pk,))
    )
    assert response.status_code in (302, 403)
    account_request.refresh_from_db()
    assert account_request.is_pending
    assert client.get(reverse("organisations_accountrequest:index")).status_code in (302, 403)
    client.cookies["django_language"] = "en"
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Account requests waiting for a decision" not in dashboard


def test_an_organisation_admin_invites_a_colleague(client, turku):
    helsinki = Organisation.objects.lookup("helsinki")
    colleague = make_member(turku, first_name="Kaisa", last_name="Kollega")
    admin = make_member(turku, role="admin")
    client.force_login(admin)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("organisations_members"))
    assert page.status_code == 200
    assert "Kaisa Kollega" in page.content.decode()
    assert (
        reverse("organisations_members")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    # Not to another organisation.
    response = client.post(
        reverse("organisations_members"),
        {
            "organisation": helsinki.pk,
            "name": "Ville",
            "email": "v@example.invalid",
            "role": "contributor",
            "language": "fi",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="v@example.invalid").exists()

    response = client.post(
        reverse("organisations_members"),
        {
            "organisation": turku.pk,
            "name": "Ville Uusi",
            "email": "ville@turku.example",
            "role": "contributor",
            "language": "fi",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ville@turku.example")
    assert Membership.objects.get(user=user).organisation == turku
    invitation = AccountRequest.objects.get(email="ville@turku.example")
    assert invitation.kind == "invitation" and invitation.invited_by == admin
    [message] = mail.outbox
    assert "kutsu" in message.subject.lower()
    assert link_in(message).startswith("/fi/")

    # A contributor who is not an admin has no such page.
    client.force_login(colleague)
    assert client.get(reverse("organisations_members")).status_code in (302, 403)
    assert (
        reverse("organisations_members")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_editors_see_users_organisations(editor, turku):
    make_member(turku, first_name="Kaisa", last_name="Kollega", role="admin")
    response = editor.get(reverse("organisations_membership:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kaisa Kollega" in content and "Turku" in content


def test_the_user_list_shows_organisations(client, turku):
    make_member(turku, first_name="Kaisa", last_name="Kollega", role="admin")
    client.force_login(make_user(superuser=True))
    client.cookies["django_language"] = "en"
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    assert "Turku (Organisation admin)" in response.content.decode()


def test_the_form_is_found_from_the_site_and_the_sign_in_page(client, site):
    client.cookies["django_language"] = "sv"
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert url("account_request", "sv") in login
    assert "Begär ett konto" in login
    home = client.get("/fi/").content.decode()
    assert url("account_request", "fi") in home


def test_a_membership_added_by_an_editor_opens_the_admin(editor, turku):
    person = make_user(first_name="Liisa", last_name="Lisätty")
    response = editor.post(
        reverse("organisations_membership:add"),
        {"user": person.pk, "organisation": turku.pk, "role": "contributor"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=person, organisation=turku).exists()
    client = Client()
    client.force_login(person)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_too_many_requests_from_one_address_are_refused(client, turku):
    for number in range(5):
        response = client.post(
            url("account_request"), request_data(turku, email=f"p{number}@example.invalid")
        )
        assert response.status_code == 302
    response = client.post(url("account_request"), request_data(turku))
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert AccountRequest.objects.count() == 5
