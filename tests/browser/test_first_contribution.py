"""A new contributor from the first sign-in to a submitted practice, measured.

Prints the page loads and clicks it took (run with -s to see them): the dashboard's
"Add a practice" opens the editor in the right language's index with the organisation
chosen, and the checklist ticks items off as the form is filled in.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from goodpractice.practices.models import PracticePage
from tests.factories import make_member

pytestmark = pytest.mark.browser

TITLE = "Perhetyön kotikäynnit Turussa"
# Upper bounds for the path, so that a change that makes it longer is noticed.
MAX_PAGE_LOADS = 4
MAX_CLICKS = 16


class Counted:
    """The page, with its page loads and the person's clicks counted."""

    def __init__(self, page):
        self.page = page
        self.loads = 0
        self.clicks = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def check(self, locator):
        self.clicks += 1
        locator.check()

    def rich_text(self, field, text):
        box = self.page.locator(f'[data-contentpath="{field}"]')
        self.click(box.get_by_role("textbox"))
        box.get_by_role("textbox").press_sequentially(text)
        expect(box.locator(f'input[name="{field}"]')).to_have_value(re.compile(re.escape(text)))

    def field(self, label):
        return self.page.get_by_role("textbox", name=re.compile(rf"^{re.escape(label)}\*?$"))


@pytest.fixture
def contributor(live_site, settings):
    # The steps save explicitly; autosave would race them.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    user = make_member("853", username="sanna", email="sanna@turku.example")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_a_new_contributor_submits_a_first_practice(browser, live_site, contributor):
    context = browser.new_context(locale="en-GB")
    person = Counted(context.new_page())
    page = person.page

    page.goto(f"{live_site.url}{reverse('wagtailadmin_login')}")
    page.get_by_label("Username").fill("sanna")
    page.get_by_label("Password").fill("pw")
    person.click(page.get_by_role("button", name="Sign in"))

    # The dashboard's way in.
    person.click(page.get_by_role("link", name="Add a practice"))
    expect(person.field("Title")).to_be_visible()
    assert "/pages/add/practices/practicepage/" in page.url
    checklist = page.locator("[data-submission-checklist]")
    summary_item = checklist.locator('li[data-item="summary"]')
    expect(summary_item).to_have_attribute("data-done", "false")

    person.field("Title").fill(TITLE)
    person.field("Summary").fill("Perheohjaaja tulee kotiin ennen kuin huoli kasvaa.")
    # Ticked off without saving.
    expect(summary_item).to_have_attribute("data-done", "true")
    person.rich_text("need", "Perheet eivät jaksa tulla toimistolle.")
    person.rich_text("description", "Perheohjaaja käy kotona viikoittain.")
    person.rich_text("results", "Huostaanotot vähenivät.")
    person.click(page.get_by_role("button", name="Choose evidence level"))
    person.click(page.get_by_role("dialog").get_by_role("link", name="Described"))
    expect(page.get_by_role("dialog")).to_be_hidden()

    person.click(page.get_by_role("tab", name="Classification"))
    # The contributor's organisation is chosen already.
    expect(page.locator('select[name="organisations"] option:checked')).to_have_text("Turku")
    person.check(page.get_by_role("checkbox", name="Family centre"))
    person.check(page.get_by_role("checkbox", name="Parents"))
    person.click(page.get_by_role("tab", name="Contact and material"))
    person.field("Contact person").fill("Sanna Sisukas")
    person.field("Contact's e-mail").fill("sanna@turku.example")
    expect(checklist).to_contain_text("Everything required is filled in")
    assert page.locator('[name="slug"]').count() == 0  # no search-engine fields

    submit = page.get_by_role("button", name=re.compile("^Submit to"))
    if not submit.is_visible():
        person.click(page.locator("footer").get_by_role("button", name="More actions"))
    person.click(submit)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))

    practice = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    assert practice.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert [o.code for o in practice.get_latest_revision_as_object().organisations.all()] == ["853"]
    context.close()
    print(
        f"\nfirst sign-in to a submitted practice: {person.loads} page loads, "
        f"{person.clicks} clicks"
    )
    assert person.loads <= MAX_PAGE_LOADS
    assert person.clicks <= MAX_CLICKS
