"""The public site in Chromium: navigation, filtering, language switching, accessibility."""

import pytest
from django.urls import reverse
from django.utils import translation

from goodpractice.practices.models import PracticePage
from tests.browser.conftest import assert_accessible
from tests.factories import make_practice

pytestmark = pytest.mark.browser


@pytest.fixture
def practices(live_site):
    return [
        make_practice(
            title="Sisukas – koulunkäynnin tuki",
            themes=("school-support", "out-of-home-care"),
            organisations=("853",),
            featured=True,
            contact_name="Maija Meikäläinen",
            contact_email="maija@example.fi",
            evaluation="Seurattu vuosittain.",
        ),
        make_practice(title="Perhekeskus", themes=("family-centre",), organisations=("837",)),
        make_practice(
            title="Systeeminen malli", themes=("systemic-practice",), organisations=("VS",)
        ),
    ]


def cards(page):
    return page.locator(".practice-card")


def test_from_the_home_page_to_a_filtered_list(page, live_site, practices):
    page.goto(f"{live_site.url}/fi/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("h1").inner_text() == "Lastensuojelun hyvät käytännöt"
    assert_accessible(page)

    page.get_by_role("link", name="Selaa käytäntöjä").click()
    page.wait_for_url("**/fi/kaytannot/")
    assert cards(page).count() == 3
    assert_accessible(page)

    page.get_by_label("Teema").select_option("school-support")
    page.get_by_role("button", name="Näytä käytännöt").click()
    page.wait_for_url("**theme=school-support**")
    assert cards(page).count() == 1
    assert page.locator(".results__count").inner_text() == "1 käytäntö"
    # The chosen filter stays selected after the reload.
    assert page.get_by_label("Teema").input_value() == "school-support"

    page.get_by_role("link", name="Sisukas – koulunkäynnin tuki").click()
    assert page.locator("h1").inner_text() == "Sisukas – koulunkäynnin tuki"


def test_the_language_switcher_keeps_the_practice(page, live_site, practices):
    practice = practices[0]
    page.goto(f"{live_site.url}{practice.url}")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Perustiedot").is_visible()
    # Contact e-mail is personal data: not shown to an anonymous visitor.
    assert "maija@example.fi" not in page.content()

    page.locator(".language-switcher").get_by_role("link", name="Svenska").click()
    swedish = PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code="sv"
    )
    page.wait_for_url(f"{live_site.url}{swedish.url}")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Sisukas – koulunkäynnin tuki"
    assert page.locator("h1").get_attribute("lang") == "fi"
    assert page.locator(".language-note .language-label").inner_text() == "På finska"
    assert page.get_by_role("heading", name="Fakta").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("theme_list", {}),
        ("theme_detail", {"slug": "school-support"}),
        ("organisation_list", {}),
        ("organisation_detail", {"slug": "varsinais-suomen-hyvinvointialue"}),
        ("practice_map", {}),
    ],
)
def test_listing_pages_are_accessible(page, live_site, practices, name, kwargs):
    for language in ("fi", "sv"):
        with translation.override(language):
            path = reverse(name, kwargs=kwargs or None)
        page.goto(f"{live_site.url}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


def test_the_map_links_each_county_to_its_page(page, live_site, practices):
    page.goto(f"{live_site.url}/fi/kartta/")
    county = page.locator(
        'svg.finland-map a[href="/fi/organisaatiot/varsinais-suomen-hyvinvointialue/"]'
    )
    box = county.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 20
    county.click()
    page.wait_for_url("**/fi/organisaatiot/varsinais-suomen-hyvinvointialue/")
    assert cards(page).count() == 2


def test_keyboard_users_can_skip_to_the_content(page, live_site, practices):
    page.goto(f"{live_site.url}/sv/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.inner_text() == "Hoppa till innehållet"
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_pages_fit_a_phone_screen(browser, live_site, practices):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    page = context.new_page()
    try:
        for path in ("/fi/", "/fi/kaytannot/", practices[0].url, "/fi/kartta/"):
            page.goto(f"{live_site.url}{path}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        # On a phone the facts box comes before the long description, in one column.
        page.goto(f"{live_site.url}{practices[0].url}")
        facts = page.locator(".facts").bounding_box()
        body = page.locator(".practice__body").bounding_box()
        assert facts["y"] < body["y"]
        assert facts["width"] > 300
    finally:
        context.close()


def test_prize_pages_are_accessible(page, live_site, practices):
    from goodpractice.awards.announcement import carry_out_announcement
    from tests.awards.announced import decided_round

    carry_out_announcement(decided_round(2026, title="Hyvinvointineuvola"))
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            paths = [reverse("awards_index"), reverse("awards_round", args=[2026])]
        for path in paths:
            page.goto(f"{live_site.url}{path}")
            assert page.locator("h1").is_visible()
            assert_accessible(page)
    winner = PracticePage.objects.get(title="Hyvinvointineuvola", locale__language_code="fi")
    page.goto(f"{live_site.url}{winner.url}")
    assert page.locator(".prize-badge").inner_text() == "Kunnallinen lastensuojeluteko 2026"
    assert_accessible(page)


def test_we_use_this_too_from_sign_in_to_the_spread(page, live_site, practices):
    from tests.factories import make_adoption, make_member

    practice = practices[0]  # Turku's
    make_adoption(practice, "PO", changes="Kotikäynnit kahden työntekijän pareina.")
    make_member("837", username="tampere", first_name="Tuula")
    page.goto(f"{live_site.url}{practice.url}")
    spread = page.locator("#adoptions")
    assert spread.get_by_role("heading", name="Missä käytäntö on otettu käyttöön").is_visible()
    assert "Otettu käyttöön 1 muussa organisaatiossa." in spread.inner_text()
    assert "@" not in spread.inner_text()
    assert_accessible(page)

    # The sign-in link brings the visitor back to the form.
    spread.get_by_role("link", name="Kirjaudu sisään ja kerro muille").click()
    page.locator("#id_username").fill("tampere")
    page.locator("#id_password").fill("pw")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/fi/kaytamme-tata-myos/**")
    assert page.locator("h1").inner_text() == "Käytämme tätä myös"
    assert_accessible(page)

    # A date in the future is refused with a message linked to its field.
    page.get_by_label("Käyttöönottopäivä").fill("2999-01-01")
    page.locator("#id_contact_name").fill("Tuula Tampere")
    page.get_by_label("Yhteyshenkilön sähköposti").fill("tuula@tampere.example")
    page.get_by_role("button", name="Ilmoita käyttöönotto").click()
    errors = page.locator("#form-errors")
    assert "Käyttöönottopäivä ei voi olla tulevaisuudessa." in errors.inner_text()
    assert_accessible(page)

    page.get_by_label("Käyttöönottopäivä").fill("2024-02-01")
    page.get_by_role("button", name="Ilmoita käyttöönotto").click()
    page.wait_for_url(f"**{practice.url}#adoptions")
    assert "Tampere näkyy nyt" in page.locator("#adoptions .notice").inner_text()
    assert "Otettu käyttöön 2 muussa organisaatiossa." in spread.inner_text()
    assert_accessible(page)

    page.goto(f"{live_site.url}/fi/kartta/")
    assert_accessible(page)
    page.goto(f"{live_site.url}/fi/organisaatiot/tampere/")
    assert page.get_by_role("heading", name="Muilta käyttöön otetut käytännöt").is_visible()
    assert_accessible(page)
