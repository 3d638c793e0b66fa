"""A contributor's start in the admin: the dashboard's way in, their own practices and
the editor's request for changes on the edit page; no search-engine fields for them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from goodpractice.practices.models import PracticeIndexPage, PracticePage
from tests.factories import make_member, make_practice, make_user
from tests.integration.test_moderation import (
    TITLE,
    TURKU,
    add_url,
    edit_url,
    signed_in,
    submit,
    with_language,
    workflow_action,
)
from tests.integration.test_practice_admin import practice_form

PROMOTE_FIELDS = ("slug", "seo_title", "search_description", "show_in_menus")


@pytest.fixture
def people(site):
    """A Swedish-speaking contributor of Turku and an English-speaking editor."""
    contributor = with_language(make_member(TURKU), "sv")
    editor = with_language(make_user(groups=("Editors",)), "en")
    return {"contributor_client": signed_in(contributor), "editor_client": signed_in(editor)}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_dashboard_offers_adding_a_practice_in_the_users_language(site):
    contributor = with_language(make_member(TURKU), "sv")
    page = soup(signed_in(contributor).get(reverse("wagtailadmin_home")))
    panel = page.select_one("#my-practices-section")
    assert panel is not None
    assert "Mina praxis" in panel.get_text()
    [link] = [a for a in panel.select("a") if "Lägg till praxis" in a.get_text()]
    index = PracticeIndexPage.objects.get(locale__language_code="sv")
    assert link["href"] == reverse(
        "wagtailadmin_pages:add", args=("practices", "practicepage", index.pk)
    )


def test_the_dashboard_lists_the_organisations_own_practices_with_their_status(site):
    contributor = with_language(make_member(TURKU), "fi")
    own = make_practice(title="Turun perhekeskus", organisations=[TURKU], publish=True)
    make_practice(title="Helsingin malli", organisations=["091"], publish=True)
    panel = soup(signed_in(contributor).get(reverse("wagtailadmin_home"))).select_one(
        "#my-practices-section"
    )
    text = panel.get_text(" ", strip=True)
    assert own.title in text and "Julkaistu" in text
    assert "Helsingin malli" not in text
    assert panel.find("a", href=edit_url(own))


def test_editors_without_an_organisation_see_no_contributor_panel(people):
    page = soup(people["editor_client"].get(reverse("wagtailadmin_home")))
    assert page.select_one("#my-practices-section") is None


def test_contributors_do_not_see_the_search_engine_fields_and_the_slug_is_made(people):
    form = soup(people["contributor_client"].get(add_url()))
    for name in PROMOTE_FIELDS:
        assert form.find(attrs={"name": name}) is None, name
    data = practice_form()
    for name in ("slug", "seo_title", "search_description"):
        data.pop(name, None)
    assert people["contributor_client"].post(add_url(), data).status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    assert page.slug == "perhekeskus-hallinnasta"
    # Editors keep them.
    editor_form = soup(people["editor_client"].get(edit_url(page)))
    for name in PROMOTE_FIELDS:
        assert editor_form.find(attrs={"name": name}) is not None, name


def test_the_editors_request_for_changes_shows_on_the_edit_page_until_resubmission(people):
    contributor = people["contributor_client"]
    contributor.post(add_url(), submit())
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    comment = "Kertokaa tuloksista tarkemmin."
    people["editor_client"].post(edit_url(page), workflow_action("reject", comment=comment))

    notice = soup(contributor.get(edit_url(page))).select_one("[data-change-request]")
    assert notice is not None and comment in notice.get_text()
    # In the contributor's language (Swedish).
    assert "Redaktören bad om ändringar" in notice.get_text()
    dashboard = soup(contributor.get(reverse("wagtailadmin_home")))
    dashboard = dashboard.select_one("#my-practices-section")
    assert "Ändringar begärda" in dashboard.get_text() and comment in dashboard.get_text()

    contributor.post(edit_url(page), submit(slug=page.slug))
    assert soup(contributor.get(edit_url(page))).select_one("[data-change-request]") is None
