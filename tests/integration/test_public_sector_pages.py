"""What Finnish law asks of a public-sector site: an accessibility statement with a
feedback channel, a privacy notice generated from the personal data registry, a contact
page; in Finnish, Swedish and English, linked from every footer."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import Client

from goodpractice.practices.models import PracticePage
from goodpractice.privacy import registry
from home.models import (
    AccessibilityFeedback,
    AccessibilityStatementPage,
    ContactPage,
    PrivacyNoticePage,
)
from home.site_setup import ensure_site_structure
from tests.factories import make_practice, make_user

TITLES = {
    "fi": ["Saavutettavuusseloste", "Tietosuojaseloste", "Yhteystiedot"],
    "sv": ["Tillgänglighetsutlåtande", "Dataskyddsbeskrivning", "Kontaktuppgifter"],
    "en": ["Accessibility statement", "Privacy notice", "Contact"],
}


def statement(language):
    return AccessibilityStatementPage.objects.get(locale__language_code=language)


def test_setup_site_creates_them_once_and_keeps_the_editors_changes(site):
    page = statement("sv")
    page.known_gaps = "<p>Inga kända brister.</p>"
    page.save_revision().publish()
    ensure_site_structure()
    for model in (AccessibilityStatementPage, PrivacyNoticePage, ContactPage):
        languages = sorted(model.objects.live().values_list("locale__language_code", flat=True))
        assert languages == ["en", "fi", "sv"]
    assert "Inga kända brister." in statement("sv").known_gaps


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_footer_links_them(site, language):
    practice = PracticePage.objects.get(
        translation_key=make_practice().translation_key, locale__language_code=language
    )
    for path in (f"/{language}/", practice.url, f"/{language}/ei-ole/"):
        response = Client().get(path)
        footer = BeautifulSoup(response.content, "html.parser").select_one("footer.site-footer")
        links = [a.get_text(strip=True) for a in footer.select("a")]
        for title in TITLES[language]:
            assert title in links, (path, links)


def test_the_statement_names_status_gaps_and_the_supervisory_authority(site):
    finnish = Client().get(statement("fi").url).content.decode()
    assert "osittain" in finnish
    assert "PDF" in finnish
    assert "Lupa- ja valvontavirasto" in finnish
    assert 'href="https://www.saavutettavuusvaatimukset.fi/"' in finnish
    assert "Etelä-Suomen aluehallintovirasto" not in finnish
    swedish = Client().get(statement("sv").url).content.decode()
    assert "Tillstånds- och tillsynsverket" in swedish
    assert "delvis" in swedish


def test_feedback_reaches_the_editors(site):
    make_user(groups=("Editors",), email="toimitus@example.invalid")
    page = statement("fi")
    response = Client().post(
        page.url,
        {"message": "Kartan painikkeet eivät toimi näppäimistöllä.", "email": "a@example.fi"},
    )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.language == "fi" and feedback.email == "a@example.fi"
    [message] = [m for m in mail.outbox if m.to == ["toimitus@example.invalid"]]
    assert "Kartan painikkeet" in message.body
    assert "Kiitos" in Client().get(response["Location"]).content.decode()


def test_feedback_refuses_personal_identity_codes_and_is_rate_limited(site):
    cache.clear()  # the rate limit counts per address, across tests too
    page = statement("fi")
    client = Client()
    refused = client.post(page.url, {"message": "Asiakas 131052-308T ei päässyt sisään."})
    assert refused.status_code == 200
    assert "henkilötunnus" in refused.content.decode().lower()
    assert not AccessibilityFeedback.objects.exists()
    statuses = [
        client.post(page.url, {"message": f"Palaute {number}"}).status_code for number in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429
    assert AccessibilityFeedback.objects.count() == 5


def test_the_privacy_notice_is_generated_from_the_registry(site):
    html = Client().get(PrivacyNoticePage.objects.get(locale__language_code="en").url)
    text = BeautifulSoup(html.content, "html.parser").get_text(" ", strip=True)
    for entry in registry.entries():
        assert str(entry.verbose_name()).capitalize()[:20] in text
        assert str(entry.purpose) in text
        assert str(entry.legal_basis) in text
        assert str(entry.retention) in text
    assert "Data Protection Ombudsman" in text


def test_every_registered_item_has_a_legal_basis_and_recipients():
    missing = [
        entry.model_label
        for entry in registry.entries()
        if not str(entry.legal_basis).strip() or not str(entry.recipients).strip()
    ]
    assert not missing
