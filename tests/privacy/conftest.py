import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from goodpractice.awards import services
from goodpractice.awards.models import JuryMember, Role
from goodpractice.organisations.models import AccountRequest, Membership, Organisation
from tests.awards.factories import DURING_SCORING, at, make_nomination, make_round, organisations
from tests.factories import make_practice, make_user

EMAIL = "nina@example.invalid"
NAME = "Nina Nimeäjä"


@pytest.fixture
def person(site):
    """Nina's data in every registered place, and Olli's beside it."""
    orgs = organisations()
    round_ = make_round()
    nomination = make_nomination(round_, orgs["oulu"], eligible=True)
    others_nomination = make_nomination(
        round_, orgs["tampere"], nominator_name="Olli Muu", nominator_email="olli@example.invalid"
    )
    practice = make_practice(
        title="Perheneuvola",
        contact_name=NAME,
        contact_title="Johtava sosiaalityöntekijä",
        contact_email="Nina@Example.invalid",
        contact_phone="+358 40 123 4567",
    )
    # A draft waits for moderation on top of the live version.
    draft = practice.get_latest_revision_as_object()
    draft.summary = "Uusi tiivistelmä odottaa tarkastusta."
    draft.save_revision()
    others_practice = make_practice(
        title="Kotipalvelu", contact_name="Olli Muu", contact_email="olli@example.invalid"
    )
    turku = Organisation.objects.lookup("853")
    account_request = AccountRequest.objects.create(
        name=NAME, email=EMAIL, organisation=turku, reason="Kirjoitan käytännöistä."
    )
    user = make_user(username="nina", email=EMAIL, first_name="Nina", last_name="Nimeäjä")
    UserProfile.get_for_user(user)  # the admin creates it on the first visit
    Membership.objects.create(user=user, organisation=turku)
    juror = JuryMember.objects.create(round=round_, user=user, role=Role.JUROR)
    services.save_scores(
        juror,
        nomination,
        dict.fromkeys(round_.criteria.all(), (3, "Vahva näyttö vaikutuksista.")),
        submit=True,
        now=at(DURING_SCORING),
    )
    return {
        "nomination": nomination,
        "others_nomination": others_nomination,
        "practice": practice,
        "others_practice": others_practice,
        "account_request": account_request,
        "user": user,
    }


@pytest.fixture
def editor_client():
    editor = make_user(groups=("Editors",))
    client = Client()
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    client.editor = editor
    return client
