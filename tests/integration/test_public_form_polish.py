"""The public forms as a visitor fills them in: one message per error, required fields
marked in words, lists that can be searched, and a thanks page that says what comes next."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from goodpractice.awards.models import Nomination
from goodpractice.practices.models import PracticePage
from tests.awards.factories import make_round, nomination_fields, shifted_schedule
from tests.factories import make_practice


def url(name, language):
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def open_round(site):
    return make_round(2027, schedule=shifted_schedule(timezone.localdate(), "nomination"))


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("name", ["awards_nominate", "account_request"])
def test_each_error_is_said_once(open_round, name):
    page = soup_of(Client().post(url(name, "fi"), {"title": "", "name": ""}))
    lists = page.select("form .errorlist")
    assert lists
    for errors in lists:
        messages = [item.get_text(strip=True) for item in errors.select("li")]
        assert len(messages) == len(set(messages)), messages
    summary = page.select_one("#form-errors")
    assert "Tämä kenttä on pakollinen. Tämä kenttä on pakollinen." not in summary.get_text()
    assert summary.get("tabindex") == "-1"


def test_required_fields_are_marked_in_words(open_round):
    page = soup_of(Client().get(url("awards_nominate", "sv")))
    email = page.select_one('label[for="id_nominator_email"]').get_text(" ", strip=True)
    phone = page.select_one('label[for="id_nominator_phone"]').get_text(" ", strip=True)
    assert "(obligatorisk)" in email
    assert "obligatorisk" not in phone


def test_the_practice_list_shows_each_practice_once_in_the_visitors_language(open_round):
    practice = make_practice(title="Sisukas-malli")
    swedish = PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code="sv"
    )
    page = soup_of(Client().get(url("awards_nominate", "sv")))
    options = [(o["value"], o.get_text(strip=True)) for o in page.select("#id_practice option")]
    assert [value for value, title in options if title == "Sisukas-malli"] == [str(swedish.pk)]
    assert page.select_one("#id_practice").get("data-filterable") == "true"


def test_organisations_are_grouped_by_wellbeing_services_county(open_round):
    page = soup_of(Client().get(url("account_request", "fi")))
    select = page.select_one("#id_organisation")
    assert select.get("data-filterable") == "true"
    groups = {
        g["label"]: [o.get_text(strip=True) for o in g.select("option")]
        for g in select.select("optgroup")
    }
    assert len(groups) >= 22  # 21 counties and the rest
    proper = groups["Varsinais-Suomen hyvinvointialue"]
    assert proper[0] == "Varsinais-Suomen hyvinvointialue"
    assert "Turku" in proper and "Tampere" not in proper
    flat = [name for names in groups.values() for name in names]
    assert len(flat) == len(set(flat))


def test_the_thanks_page_says_what_happens_next_and_when(open_round):
    response = Client().post(
        url("awards_nominate", "fi"),
        {**nomination_fields(open_round_nominee()), "nominee": open_round_nominee().pk},
    )
    assert response.status_code == 302, soup_of(response).select_one("#form-errors")
    page = Client().get(response["Location"]).content.decode()
    nomination = Nomination.objects.get()
    assert nomination.reference in page
    with translation.override("fi"):
        for day in (open_round.screening_end, open_round.announcement_date):
            assert date_format(day, "DATE_FORMAT") in page
    assert "Mitä seuraavaksi" in page


def open_round_nominee():
    from goodpractice.organisations.models import Organisation

    return Organisation.objects.lookup("853")
