"""The nomination form in Chromium: a failed submit takes focus to the error summary, every
input type looks alike and turns red when invalid, and the organisation list is searchable."""

import pytest
from django.utils import timezone

from tests.awards.factories import make_round, shifted_schedule
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

INVALID_RED = "rgb(164, 0, 15)"


@pytest.fixture
def nomination_form(live_site):
    make_round(2027, schedule=shifted_schedule(timezone.localdate(), "nomination"))
    return f"{live_site.url}/fi/palkinto/ehdota/"


def focus_moves_to(page, element_id, seconds=10):
    """site.js moves the focus once the page has loaded (the CSP forbids wait_for_function's
    string evaluation, so poll)."""
    for _attempt in range(seconds * 10):
        if page.evaluate("document.activeElement.id") == element_id:
            return True
        page.wait_for_timeout(100)
    return False


def style(page, selector, name):
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{name}")


def test_a_failed_submit_shows_the_errors_once_and_in_red(page, nomination_form):
    page.goto(nomination_form)
    # Text, e-mail and phone inputs, lists and text areas are drawn alike.
    fields = ["#id_title", "#id_nominator_email", "#id_nominator_phone", "#id_nominee"]
    widths = {style(page, selector, "width") for selector in fields}
    assert len(widths) == 1, widths
    assert style(page, "#id_what_was_done", "borderTopWidth") == "1px"
    assert_accessible(page)

    page.get_by_role("button", name="Lähetä ehdotus").click()
    assert focus_moves_to(page, "form-errors")
    for selector in ["#id_title", "#id_nominator_email", "#id_what_was_done", "#id_nominee"]:
        assert style(page, selector, "borderTopColor") == INVALID_RED, selector
    # The summary is a box of its own (the CSS after .hero__search applies again).
    assert style(page, "#form-errors", "borderLeftWidth") != "0px"
    assert_accessible(page)


def test_the_organisation_list_can_be_searched(page, nomination_form):
    page.goto(nomination_form)
    page.get_by_label("Hae listasta: Ehdotettu organisaatio").fill("turku")
    visible = page.eval_on_selector(
        "#id_nominee",
        "s => [...s.options].filter(o => !o.hidden && o.value).map(o => o.textContent)",
    )
    assert visible == ["Turku"]
    page.select_option("#id_nominee", label="Turku")
    assert_accessible(page)


def test_the_public_sector_pages_are_accessible(page, nomination_form, live_site):
    from home.models import AccessibilityStatementPage, PrivacyNoticePage

    page.goto(f"{live_site.url}/fi/")
    # The open round's call to nominate is on the home page.
    assert page.get_by_role("link", name="Ehdota tekoa").count() >= 1
    assert_accessible(page)

    page.get_by_role("link", name="Saavutettavuusseloste").click()
    page.wait_for_url("**/saavutettavuusseloste/")
    assert_accessible(page)
    page.get_by_role("button", name="Lähetä palaute").click()
    assert focus_moves_to(page, "form-errors")
    assert_accessible(page)

    for model, language in ((PrivacyNoticePage, "sv"), (AccessibilityStatementPage, "en")):
        page.goto(live_site.url + model.objects.get(locale__language_code=language).url)
        assert_accessible(page)
