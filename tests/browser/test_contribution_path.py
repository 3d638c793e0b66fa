"""The whole contribution path in Chromium, against PostgreSQL and the real search engine.

A person asks for an account on the public form; an editor approves it in the admin; the
person sets a password from the e-mailed link, signs in, writes a practice for their
organisation and submits it; the editor asks for changes; the contributor reads the
comment, fixes the practice and resubmits; the editor approves; the practice is public and
found by the public search.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticeIndexPage, PracticePage
from search.testing import drop_indices
from tests.browser.conftest import assert_accessible
from tests.factories import make_user
from tests.search.conftest import _use_engine, opensearch_url  # noqa: F401  (a session fixture)

pytestmark = pytest.mark.browser

EMAIL = "sanna.sisukas@turku.example"
PASSWORD = "Kotikaynti-2026-turvallisesti"
TITLE = "Kotiin vietävä perhetyö Turussa"
COMMENT = "Kertokaa tuloksista luvuin."
# The admin's page explorer, where it returns after a submission or a workflow action.
EXPLORER = re.compile(r"/admin/pages/\d+/$")


@pytest.fixture
def live_engine(settings, live_site, opensearch_url):  # noqa: F811
    # The browser and the server share two cores with the engine: allow it time to answer.
    settings.SEARCH_TIMEOUT = 10
    # The page editor's autosave would create the page at a moment of its own choosing,
    # racing the buttons this test presses; the steps here save explicitly.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    engine = _use_engine(settings, opensearch_url, "opensearch", "language")
    yield engine
    drop_indices(settings.SEARCH_INDEX_PREFIX)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The account request form counts requests per address; other tests use it too.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def editor(live_site):
    user = make_user(groups=("Editors",), email="toimitus@example.invalid")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def new_page(browser):
    """Pages in separate browser contexts: each person has their own cookies."""
    contexts = []

    def make(locale):
        contexts.append(browser.new_context(locale=locale))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}{reverse('wagtailadmin_login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Dashboard").first).to_be_attached()


def field(page, label, role="textbox"):
    """A form field by its label; the admin marks required fields with an asterisk."""
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\*?$"))


def rich_text(page, field, text):
    """Replace the text in the Draftail editor of a field."""
    box = page.locator(f'[data-contentpath="{field}"]')
    editor = box.get_by_role("textbox")
    editor.click()
    editor.press("ControlOrMeta+a")
    editor.press_sequentially(text)
    # Draftail copies its content into the form's hidden input a moment later; a button
    # pressed before that would send the old text.
    expect(box.locator(f'input[name="{field}"]')).to_have_value(re.compile(re.escape(text)))


def in_moderation(page):
    """After a submission the admin returns to the practice list, which shows the status."""
    page.wait_for_url(EXPLORER)
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(re.compile("in moderation", re.IGNORECASE))


def footer_action(page, name):
    """A button of the editor's footer, opening the "More actions" menu if it is there."""
    button = page.get_by_role("button", name=name)
    if not button.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    button.click()


def test_request_account_contribute_moderate_publish_and_find(
    new_page, live_site, live_engine, editor
):
    from search.documents import alias_name

    base = live_site.url
    turku = Organisation.objects.lookup("853")
    person, editor_page, visitor = new_page("en-GB"), new_page("en-GB"), new_page("fi-FI")

    # 1. The person asks for an account on the public form.
    person.goto(f"{base}/en/account-request/")
    person.get_by_label("Your name").fill("Sanna Sisukas")
    person.get_by_role("combobox", name="Organisation").select_option(label=str(turku))
    person.get_by_label("E-mail").fill(EMAIL)
    person.get_by_label("Reason").fill("Kirjoitan kotiin vietävästä perhetyöstä.")
    person.get_by_role("button", name="Send the request").click()
    person.wait_for_url("**/en/account-request/thanks/")
    assert_accessible(person)

    # 2. The editor approves it in the admin.
    sign_in(editor_page, base, editor.username, "pw")
    editor_page.goto(f"{base}{reverse('organisations_accountrequest:index')}")
    row = editor_page.get_by_role("row").filter(has_text=EMAIL)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Approve").click()
    editor_page.get_by_role("button", name="Approve and send the link").click()
    expect(editor_page.get_by_text(f"Approved: {EMAIL} can now set a password")).to_be_visible()

    # 3. The e-mail (sent by the live server in this process) carries the link.
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert message.subject.startswith("Your account for")
    link = re.search(r"https?://\S+/set-password/\S+/", message.body).group(0)
    person.goto(base + urlsplit(link).path)
    person.get_by_label(re.compile(r"^New password:?$")).fill(PASSWORD)
    person.get_by_label(re.compile(r"^New password confirmation:?$")).fill(PASSWORD)
    person.get_by_role("button", name="Set the password").click()
    expect(person.get_by_role("heading", name="Your password is set")).to_be_visible()

    # 4. The contributor signs in and writes a practice for Turku.
    sign_in(person, base, EMAIL, PASSWORD)
    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    person.goto(f"{base}{reverse('wagtailadmin_explore', args=(index.pk,))}")
    person.get_by_role("link", name="Add child page").first.click()
    expect(field(person, "Title")).to_be_visible()
    checklist = person.locator("[data-submission-checklist]")
    # The organisation is chosen already, and the checklist counts it before any saving.
    expect(checklist).to_contain_text("8 items are still missing")
    field(person, "Title").fill(TITLE)
    field(person, "Summary").fill("Perheohjaaja tulee kotiin jo ennen kuin huoli kasvaa.")
    rich_text(person, "need", "Perheet eivät jaksa tulla toimistolle.")
    rich_text(person, "description", "Perheohjaaja käy kotona viikoittain.")
    person.get_by_role("tab", name="Classification").click()
    field(person, "Organisations", "listbox").select_option(label=str(turku))
    person.get_by_role("checkbox", name="Family centre").check()
    person.get_by_role("checkbox", name="Parents").check()
    person.get_by_role("tab", name="Contact and material").click()
    field(person, "Contact person").fill("Sanna Sisukas")
    field(person, "Contact's e-mail").fill(EMAIL)

    # Results and evidence level are still missing: the submission is refused.
    footer_action(person, re.compile("^Submit to"))
    error = person.get_by_text("The practice cannot be submitted for moderation yet")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Still missing: Results, Evidence level.")

    person.get_by_role("tab", name="Description").click()
    rich_text(person, "results", "Huostaanotot vähenivät.")
    person.get_by_role("button", name="Choose evidence level").click()
    person.get_by_role("dialog").get_by_role("link", name="Described").click()
    expect(person.get_by_role("dialog")).to_be_hidden()
    footer_action(person, re.compile("^Submit to"))
    in_moderation(person)
    practice = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    edit_url = f"{base}{reverse('wagtailadmin_pages:edit', args=(practice.pk,))}"

    # 5. The editor asks for changes with a comment.
    editor_page.goto(edit_url)
    footer_action(editor_page, "Request changes")
    dialog = editor_page.get_by_role("dialog")
    # The comment box is the dialog's only text field (its label is not always in the
    # admin language: Wagtail renders this form outside the user's language).
    dialog.get_by_role("textbox").fill(COMMENT)
    dialog.get_by_role("button", name="Request changes").click()
    editor_page.wait_for_url(EXPLORER)
    state = PracticePage.objects.get(pk=practice.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # 6. The contributor sees the comment, fixes the practice and resubmits.
    assert any(COMMENT in m.body for m in mail.outbox if m.to == [EMAIL])
    person.goto(edit_url)
    # The status panel says that changes were requested; its details show the comment.
    person.get_by_role("button", name="Toggle status").click()
    person.get_by_text("View details").click()
    expect(person.get_by_role("dialog").get_by_text(COMMENT)).to_be_visible()
    person.keyboard.press("Escape")
    expect(person.get_by_role("dialog")).to_be_hidden()
    rich_text(person, "results", "Huostaanotot vähenivät kolmanneksella kahdessa vuodessa.")
    footer_action(person, re.compile("^Resubmit to"))
    in_moderation(person)

    # 7. The editor approves, which publishes the practice.
    editor_page.goto(edit_url)
    footer_action(editor_page, "Approve and Publish")
    editor_page.wait_for_url(EXPLORER)
    practice.refresh_from_db()
    assert practice.live

    # 8. The practice is public, and the public search finds it once the index is refreshed.
    visitor.goto(f"{base}{practice.url}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("kolmanneksella kahdessa vuodessa")).to_be_visible()
    live_engine.refresh(alias_name())
    visitor.goto(f"{base}/fi/haku/?q=perhetyö")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    # Highlighted words come from the engine (the database fallback does not mark them).
    expect(visitor.locator("mark").first).to_be_visible()
    assert_accessible(visitor)
