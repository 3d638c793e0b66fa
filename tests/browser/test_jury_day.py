"""The chair's results at a laptop's width: the ranking fits or scrolls within itself with
the nomination column held in place, and the chart says which colour is which."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_admin_language import demo, sign_in  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_the_chairs_ranking_fits_1366_pixels_and_the_chart_has_a_legend(browser, demo):  # noqa: F811
    context = browser.new_context(locale="en-GB", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    sign_in(page, demo["url"], "demo-chair")
    page.goto(f"{demo['url']}{reverse('awards_jury:results', args=[demo['finished'].pk])}")
    ranking = page.locator("table.jury-ranking")
    expect(ranking).to_be_visible()
    # Nothing sticks out of the page: the ranking scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    region = page.locator(".jury-scroll")
    name_cell = ranking.locator("tbody th[scope=row]").first
    before = name_cell.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    # Scrolled to the far right, the nomination's name is still in view at the left.
    after, left = name_cell.bounding_box()["x"], region.bounding_box()["x"]
    assert left - 1 <= after <= before + 1
    legend = page.locator(".jury-legend")
    expect(legend).to_contain_text("Jury member")
    expect(legend).to_contain_text("Client panel member")
    context.close()
