"""Search in Chromium against the real engine: autocomplete, results, related practices."""

import pytest

from search.testing import drop_indices
from tests.browser.conftest import assert_accessible
from tests.factories import make_practice
from tests.search.conftest import _use_engine, opensearch_url  # noqa: F401  (a session fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def live_engine(settings, live_site, opensearch_url):  # noqa: F811
    engine = _use_engine(settings, opensearch_url, "opensearch", "language")
    yield engine
    drop_indices(settings.SEARCH_INDEX_PREFIX)


def test_autocomplete_results_and_related_practices(page, live_site, live_engine):
    from search.documents import alias_name

    make_practice(
        title="Sisukas – koulunkäynnin tuki",
        summary="Sijoitetun lapsen koulunkäyntiä tuetaan yhdessä koulun kanssa.",
        themes=("school-support", "out-of-home-care"),
    )
    make_practice(
        title="Pikku-Sisukas",
        summary="Sijoitetun lapsen varhaiskasvatusta tuetaan yhdessä päiväkodin kanssa.",
        themes=("early-childhood-education", "out-of-home-care"),
    )
    make_practice(title="Perhekeskus", themes=("family-centre",))
    live_engine.refresh(alias_name())

    # From the search box on the home page.
    page.goto(f"{live_site.url}/fi/")
    assert_accessible(page)
    box = page.get_by_role("combobox", name="Hakusanat")
    box.press_sequentially("sisu", delay=50)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert sorted(options.all_inner_texts()) == ["Pikku-Sisukas", "Sisukas – koulunkäynnin tuki"]

    box.press("Enter")
    page.wait_for_url("**/fi/haku/?q=sisu*")
    results = page.locator(".search-result__title")
    assert results.count() == 2
    assert page.locator(".search-result mark").first.inner_text().lower().startswith("sisu")
    assert_accessible(page)

    page.get_by_role("link", name="Sisukas – koulunkäynnin tuki").click()
    related = page.get_by_role("region", name="Samankaltaisia käytäntöjä")
    assert related.get_by_role("link", name="Pikku-Sisukas").is_visible()
    assert_accessible(page)
