"""Adoptions: "We use this too" from the practice page to the authors' inbox and the map."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from goodpractice.organisations.models import Organisation
from goodpractice.practices.adoptions import register_adoption
from goodpractice.practices.models import Adoption, PracticePage
from tests.factories import make_adoption, make_member, make_practice, make_user

TURKU, TAMPERE, HELSINKI, VAASA = "853", "837", "091", "905"
HETU = "131052-308T"


def org(code):
    return Organisation.objects.lookup(code)


def version(practice, language):
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code=language
    )


def with_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def signed_in(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def form_url(page, language="en"):
    with translation.override(language):
        return reverse("practice_adopt", args=(page.pk,))


def form_data(organisation, **changes):
    return {
        "organisation": org(organisation).pk,
        "adopted_on": "2024-03-01",
        "changes": "Ryhmät kokoontuvat iltaisin.",
        "contact_name": "Tiina Tampere",
        "contact_email": "tiina@tampere.example",
        "contact_phone": "040 000 0002",
        **changes,
    }


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text(" ").split())


def errors(response):
    return text(soup(response).select_one("#form-errors"))


@pytest.fixture
def practice(site):
    return make_practice(title="Turun perhekeskus", organisations=(TURKU,))


@pytest.fixture
def tampere_member(site):
    return make_member(TAMPERE, first_name="Tuomas", email="tuomas@tampere.example")


# The service


def test_an_adoption_counts_for_the_practice_in_every_language(practice, tampere_member):
    swedish = version(practice, "sv")
    adoption, created = register_adoption(
        user=tampere_member,
        practice=swedish,
        organisation=org(TAMPERE),
        adopted_on=datetime.date(2024, 3, 1),
        contact_name="Tiina Tampere",
        contact_email="tiina@tampere.example",
        language="sv",
    )
    assert created
    # Kept on the original, whichever version it was registered from.
    assert adoption.practice_id == practice.pk
    assert adoption.created_by == tampere_member
    assert adoption.language == "sv"
    for language in ("fi", "sv", "en"):
        assert Adoption.objects.of_practice(version(practice, language)).count() == 1


def test_a_translated_version_shares_the_adoptions_of_its_original(practice, tampere_member):
    english = version(practice, "en")
    english.alias_of = None
    english.title = "Family centre of Turku"
    english.save()
    make_adoption(english, TAMPERE)
    make_adoption(practice, HELSINKI)
    assert set(Adoption.objects.values_list("practice", flat=True)) == {practice.pk}
    assert Adoption.objects.of_practice(english).count() == 2


def test_registering_again_updates_the_same_adoption(practice, tampere_member):
    first = make_adoption(practice, TAMPERE, user=tampere_member)
    adoption, created = register_adoption(
        user=tampere_member,
        practice=version(practice, "en"),
        organisation=org(TAMPERE),
        adopted_on=datetime.date(2023, 1, 5),
        changes="Uusi kuvaus.",
        contact_name="Uusi Yhteyshenkilö",
        contact_email="uusi@tampere.example",
    )
    assert not created and adoption.pk == first.pk
    assert Adoption.objects.count() == 1
    adoption.refresh_from_db()
    assert (adoption.changes, adoption.adopted_on) == ("Uusi kuvaus.", datetime.date(2023, 1, 5))


def register(user, practice, organisation, **changes):
    fields = {
        "adopted_on": datetime.date(2024, 3, 1),
        "contact_name": "Tiina Tampere",
        "contact_email": "tiina@tampere.example",
        **changes,
    }
    return register_adoption(user=user, practice=practice, organisation=org(organisation), **fields)


def test_the_service_refuses_what_the_form_refuses(practice, tampere_member):
    turku_member = make_member(TURKU)
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        register(turku_member, practice, TURKU)
    assert error.value.message_dict["organisation"] == [
        "Turku toteuttaa jo tätä käytäntöä: organisaatio ei voi ilmoittaa ottaneensa "
        "käyttöön omaa käytäntöään."
    ]
    with pytest.raises(PermissionDenied):
        register(tampere_member, practice, HELSINKI)
    with pytest.raises(PermissionDenied):
        register(make_user(groups=("Editors",)), practice, TAMPERE)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        register(tampere_member, practice, TAMPERE, adopted_on=tomorrow)
    assert "adopted_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register(tampere_member, practice, TAMPERE, changes=f"Asiakas {HETU} mukana.")
    assert "changes" in error.value.message_dict
    draft = make_practice(title="Luonnos", organisations=(TURKU,), publish=False)
    with pytest.raises(ValidationError):
        register(tampere_member, draft, TAMPERE)
    assert not Adoption.objects.exists()


# The form


def test_anonymous_visitors_are_sent_to_sign_in(client, practice):
    url = form_url(practice)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert "next=" in response.url and "we-use-this-too" in response.url
    assert client.post(url, form_data(TAMPERE)).status_code == 302
    assert not Adoption.objects.exists()


def test_a_user_without_an_organisation_is_told_why(practice):
    response = signed_in(make_user()).get(form_url(practice))
    assert response.status_code == 403
    assert "does not belong to any organisation" in response.content.decode()


def test_the_practice_s_own_organisation_cannot_use_the_form(practice):
    response = signed_in(make_member(TURKU)).get(form_url(practice))
    assert response.status_code == 403
    assert "cannot adopt its own practice" in response.content.decode()


def test_only_published_practices_have_the_form(practice, tampere_member):
    draft = make_practice(title="Luonnos", organisations=(TURKU,), publish=False)
    assert signed_in(tampere_member).get(form_url(draft)).status_code == 404


def test_the_form_needs_its_csrf_token(practice, tampere_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(tampere_member)
    assert client.post(form_url(practice), form_data(TAMPERE)).status_code == 403
    assert not Adoption.objects.exists()


def test_registering_from_the_swedish_page_shows_it_everywhere(practice, tampere_member):
    client = signed_in(tampere_member, "sv")
    swedish = version(practice, "sv")
    form = client.get(form_url(swedish, "sv"))
    assert form.status_code == 200
    assert soup(form).h1.get_text() == "Vi använder också detta"
    options = [o.get_text() for o in soup(form).select("#id_organisation option")]
    assert options == ["Tammerfors"]

    response = client.post(form_url(swedish, "sv"), form_data(TAMPERE))
    assert response.status_code == 302
    assert response.url == f"{swedish.url}#adoptions"
    page = client.get(swedish.url)
    notice = soup(page).select_one("#adoptions .notice--success").get_text(strip=True)
    assert "Tammerfors" in notice
    # The notice is shown once.
    assert not soup(client.get(swedish.url)).select_one("#adoptions .notice--success")

    adoption = Adoption.objects.get()
    assert (adoption.practice, adoption.organisation) == (practice, org(TAMPERE))
    assert adoption.language == "sv"
    finnish = soup(Client().get(practice.url))
    row = finnish.select_one("#adoptions tbody tr")
    assert row.th.get_text(strip=True) == "Tampere"


def test_a_second_registration_updates_and_says_so(practice, tampere_member):
    client = signed_in(tampere_member)
    client.post(form_url(practice), form_data(TAMPERE))
    again = client.get(form_url(practice))
    assert text(soup(again).select_one(".notice")).startswith(
        "Already registered: Tampere ( 03/01/2024 )."
    )
    # The form starts from what is on record.
    assert soup(again).select_one("#id_contact_name")["value"] == "Tiina Tampere"

    client.post(form_url(practice), form_data(TAMPERE, changes="Muutettu."))
    assert Adoption.objects.get().changes == "Muutettu."
    english = version(practice, "en")
    page = soup(client.get(english.url))
    assert "has been updated" in page.select_one("#adoptions .notice--success").get_text()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"changes": f"Perhe {HETU}"}, "What was changed", "personal identity code"),
        ({"contact_name": f"Tiina {HETU}"}, "Contact person", "personal identity code"),
        ({"adopted_on": "2999-01-01"}, "Adopted on", "cannot be in the future"),
        ({"adopted_on": "eilen"}, "Adopted on", "Enter a valid date"),
        ({"contact_email": ""}, "Contact's e-mail", "This field is required"),
        ({"organisation": ""}, "Your organisation", "This field is required"),
    ],
)
def test_bad_input_gets_a_clear_message(practice, tampere_member, changes, field, message):
    response = signed_in(tampere_member).post(form_url(practice), {**form_data(TAMPERE), **changes})
    assert response.status_code == 200
    summary = errors(response)
    assert field in summary and message in summary
    assert not Adoption.objects.exists()


def test_a_member_of_both_organisations_cannot_adopt_for_the_own_one(practice):
    user = make_member(TAMPERE)
    from goodpractice.organisations.models import Membership

    Membership.objects.create(user=user, organisation=org(TURKU))
    client = signed_in(user)
    response = client.post(form_url(practice), form_data(TURKU))
    assert response.status_code == 200
    assert "Turku runs this practice already" in errors(response)
    response = client.post(form_url(practice), form_data(HELSINKI))
    assert "Select a valid choice" in errors(response)
    assert not Adoption.objects.exists()


def test_messages_are_in_the_user_s_language(practice, tampere_member):
    response = signed_in(tampere_member, "fi").post(
        form_url(practice, "fi"), form_data(TAMPERE, adopted_on="2999-01-01")
    )
    assert "Käyttöönottopäivä ei voi olla tulevaisuudessa." in errors(response)


# The authors are told


def test_the_practice_s_people_are_e_mailed_in_their_own_language(practice, tampere_member):
    owner = with_language(make_user(email="owner@turku.example"), "en")
    PracticePage.objects.filter(pk=practice.pk).update(owner=owner)
    contributor = with_language(make_member(TURKU, email="kati@turku.example"), "fi")
    org_admin = with_language(make_member(TURKU, role="admin", email="olli@turku.example"), "sv")
    make_member(HELSINKI, email="other@hel.example")
    make_member(TURKU, email="gone@turku.example", is_active=False)
    mail.outbox.clear()

    signed_in(tampere_member).post(form_url(practice), form_data(TAMPERE))

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {owner.email, contributor.email, org_admin.email}
    assert by_address[owner.email].subject == "Tampere uses your practice too"
    assert by_address[contributor.email].subject == "Tampere käyttää myös teidän käytäntöänne"
    assert by_address[org_admin.email].subject == "Tammerfors använder också er praxis"
    swedish_body = by_address[org_admin.email].body
    assert f"{settings.SITE_URL}{version(practice, 'sv').url}" in swedish_body
    assert "tiina@tampere.example" in swedish_body
    english_body = by_address[owner.email].body
    assert 'uses your practice "Turun perhekeskus" too' in english_body
    assert f"{settings.SITE_URL}{version(practice, 'en').url}" in english_body

    # Updating the adoption sends nothing new.
    mail.outbox.clear()
    signed_in(tampere_member).post(form_url(practice), form_data(TAMPERE, changes="Muutos"))
    assert mail.outbox == []


# Where it has spread, on the practice page


def test_the_practice_page_shows_where_it_has_spread(client, practice):
    make_adoption(practice, TAMPERE, adopted_on=datetime.date(2022, 6, 1), changes="Iltaisin.")
    make_adoption(practice, "PO", adopted_on=datetime.date(2024, 1, 1), changes="")
    page = soup(client.get(version(practice, "en").url))
    section = page.select_one("#adoptions")
    assert section.h2.get_text() == "Where the practice has spread"
    assert section.select_one(".adoptions__count").get_text(strip=True) == (
        "Taken into use by 2 other organisations."
    )
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in section.select("tbody tr")
    ]
    assert rows == [
        ["Pohjanmaa wellbeing services county", "Wellbeing services county", "2024", "–"],
        ["Tampere", "Pirkanmaa wellbeing services county", "2022", "Iltaisin."],
    ]
    assert section.select_one('tbody a[href="/en/organisations/tampere/"]')
    assert section.select_one("tbody td[lang=fi]")


def test_adopters_contacts_are_shown_only_to_the_practice_s_people(practice, tampere_member):
    make_adoption(practice, TAMPERE, contact_email="tiina@tampere.example")
    url = practice.url
    viewers = {
        "anonymous": Client(),
        "other organisation": signed_in(make_member(HELSINKI)),
        "the adopter": signed_in(tampere_member),
        "the practice's contributor": signed_in(make_member(TURKU)),
        "editor": signed_in(make_user(groups=("Editors",))),
    }
    shown = {
        name: "tiina@tampere.example" in client.get(url).content.decode()
        for name, client in viewers.items()
    }
    assert shown == {
        "anonymous": False,
        "other organisation": False,
        "the adopter": False,
        "the practice's contributor": True,
        "editor": True,
    }


def test_who_is_offered_the_form_on_the_practice_page(practice, tampere_member):
    english = version(practice, "en")

    def offer(client):
        section = soup(client.get(english.url)).select_one("#adoptions")
        if section.select_one(f'a.button[href="{form_url(english)}"]'):
            return "form"
        link = section.select_one('a[href^="/admin/login/"]')
        return "sign in" if link else None

    assert offer(Client()) == "sign in"
    assert offer(signed_in(tampere_member)) == "form"
    assert offer(signed_in(make_member(TURKU))) is None
    assert offer(signed_in(make_user(groups=("Editors",)))) is None


# The map and the open data


def test_the_map_counts_adoptions_by_the_adopter_s_region(client, practice):
    other = make_practice(title="Tampereen malli", organisations=(TAMPERE,))
    make_adoption(practice, TAMPERE)
    make_adoption(practice, HELSINKI)
    make_adoption(other, TURKU)
    make_adoption(other, "VS")
    unpublished = make_practice(title="Luonnos", organisations=(TAMPERE,))
    make_adoption(unpublished, "LA")
    unpublished.unpublish()

    with translation.override("en"):
        page = soup(client.get(reverse("practice_map")))
    table = page.select_one("table")
    assert table.caption.get_text() == "Practices and adoptions by wellbeing services county"
    assert [th.get_text() for th in table.select("thead th")] == [
        "Region",
        "Practices",
        "Adoptions",
    ]
    rows = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in table.select("tbody tr")
    }
    assert rows["Varsinais-Suomi wellbeing services county"] == ["1", "2"]
    assert rows["Pirkanmaa wellbeing services county"] == ["1", "1"]
    assert rows["Helsinki"] == ["0", "1"]
    assert rows["Lappi wellbeing services county"] == ["0", "0"]
    assert [td.get_text() for td in table.select("tfoot td")] == ["2", "4"]

    regions = {a["href"]: a for a in page.select("svg.finland-map a")}
    vs = regions["/en/organisations/varsinais-suomen-hyvinvointialue/"]
    label = "Varsinais-Suomi wellbeing services county: 1 practice, 2 adoptions"
    assert vs["aria-label"] == label and vs.title.get_text() == label
    assert vs.select_one(".finland-map__marker text").get_text() == "2"
    lapland = regions["/en/organisations/lapin-hyvinvointialue/"]
    assert lapland["aria-label"] == "Lappi wellbeing services county: 0 practices"
    assert not lapland.select_one(".finland-map__marker")
    assert "Adoptions" in [p.get_text() for p in page.select(".legend__title")]


def test_the_api_gives_adoptions_without_contacts(client, practice):
    make_adoption(practice, TAMPERE, contact_email="tiina@tampere.example", contact_phone="040 1")
    listing = client.get("/api/practices/").json()
    assert [item["adoption_count"] for item in listing["results"]] == [1]
    detail = client.get(f"/api/practices/{practice.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert detail.json()["adopted_by"] == [
        {
            "organisation": {
                "name": "Tampere",
                "code": TAMPERE,
                "kind": "municipality",
                "slug": org(TAMPERE).slug,
            },
            "county": "PI",
            "adopted_year": 2024,
            "changes": "Toteutettu pienemmällä tiimillä.",
            "language": "fi",
        }
    ]
    body = detail.content.decode()
    assert "tiina@tampere.example" not in body and "Kaisa" not in body


# The admin


def test_editors_correct_and_remove_adoptions_in_the_admin(practice):
    adoption = make_adoption(practice, TAMPERE)
    editor = signed_in(make_user(groups=("Editors",)))
    index = editor.get(reverse("practices_adoption:index"))
    assert index.status_code == 200 and "Tampere" in index.content.decode()
    edit_url = reverse("practices_adoption:edit", args=(adoption.pk,))
    data = {
        "practice": practice.pk,
        "organisation": org(TURKU).pk,
        "adopted_on": "2024-01-01",
        "changes": "",
        "contact_name": "X",
        "contact_email": "x@example.invalid",
        "contact_phone": "",
    }
    refused = editor.post(edit_url, data)
    assert refused.status_code == 200
    assert "cannot adopt its own practice" in refused.content.decode()
    data["organisation"] = org(VAASA).pk
    assert editor.post(edit_url, data).status_code == 302
    adoption.refresh_from_db()
    assert adoption.organisation == org(VAASA)
    editor.post(reverse("practices_adoption:delete", args=(adoption.pk,)))
    assert not Adoption.objects.exists()


def test_the_preview_of_a_practice_not_yet_saved_still_renders(site):
    from goodpractice.practices.models import PracticeIndexPage
    from tests.integration.test_practice_admin import practice_form

    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    form = practice_form()
    form["organisations"] = [org(TURKU).pk]
    editor = signed_in(make_user(groups=("Editors",)))
    url = reverse("wagtailadmin_pages:preview_on_add", args=("practices", "practicepage", index.pk))
    assert editor.post(url, form).json()["is_valid"]
    preview = soup(editor.get(url))
    section = preview.select_one("#adoptions")
    assert section is not None and not section.select("a")


def test_an_organisation_s_page_lists_what_it_has_adopted(client, practice):
    swedish = make_practice(title="Familjecenter i Vasa", language="sv", organisations=(VAASA,))
    make_adoption(practice, TAMPERE, adopted_on=datetime.date(2021, 4, 1))
    make_adoption(swedish, TAMPERE, adopted_on=datetime.date(2023, 9, 1))
    make_adoption(swedish, "PI", adopted_on=datetime.date(2022, 1, 1))

    def adopted(slug, language):
        with translation.override(language):
            page = soup(client.get(reverse("organisation_detail", kwargs={"slug": slug})))
        heading = page.select_one("#adopted-heading")
        if heading is None:
            return None
        section = heading.find_parent("section")
        return [(text(li.a), li.a.get("lang"), text(li.span)) for li in section.select("li")]

    assert adopted(org(TAMPERE).slug, "fi") == [
        ("Familjecenter i Vasa", "sv", "(vuodesta 2023)"),
        ("Turun perhekeskus", None, "(vuodesta 2021)"),
    ]
    # A county's page also lists its municipalities' adoptions, naming who adopted.
    assert adopted(org("PI").slug, "en") == [
        ("Familjecenter i Vasa", "sv", "(Tampere, since 2023)"),
        ("Familjecenter i Vasa", "sv", "(since 2022)"),
        ("Turun perhekeskus", "fi", "(Tampere, since 2021)"),
    ]
    assert adopted(org(TURKU).slug, "fi") is None
