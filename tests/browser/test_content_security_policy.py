"""The site's own pages satisfy its Content Security Policy, in Chromium."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from goodpractice.practices.models import PracticeIndexPage
from tests.awards.factories import make_round
from tests.factories import make_practice

pytestmark = pytest.mark.browser


@pytest.fixture
def watched(page):
    """The page, and the list of CSP violations Chromium reports while it is used."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page, violations


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_public_pages_keep_to_the_policy(watched, live_site):
    page, violations = watched
    practice = make_practice(title="Sisukas", themes=("school-support",), organisations=("VS",))
    make_round()  # nominations open now
    paths = ["/fi/", "/sv/praxis/?theme=school-support", practice.url, "/fi/haku/?q=sisukas"]
    with translation.override("en"):
        paths += [reverse("practice_map"), reverse("theme_list"), reverse("organisation_list")]
        paths += [reverse("awards_index"), reverse("awards_nominate"), reverse("account_request")]
    for path in paths:
        _visit(page, f"{live_site.url}{path}")
    # The autocomplete script fetches suggestions from this site.
    page.goto(f"{live_site.url}/fi/")
    page.get_by_role("combobox").press_sequentially("sis", delay=30)
    page.wait_for_load_state("networkidle")
    assert not violations, "\n".join(violations)


def test_admin_pages_keep_to_the_policy(watched, live_site):
    page, violations = watched
    get_user_model().objects.create_superuser("editor", "editor@example.fi", "salasana-123")
    practice = make_practice(title="Sisukas")
    index = PracticeIndexPage.objects.get(locale__language_code="fi")

    page.goto(f"{live_site.url}/admin/login/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill("salasana-123")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_site.url}/admin/")
    for path in (
        "/admin/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{practice.pk}/edit/",
        f"/admin/pages/add/practices/practicepage/{index.pk}/",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/jury/",
    ):
        _visit(page, f"{live_site.url}{path}")
    assert not violations, "\n".join(violations)
