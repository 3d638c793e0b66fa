"""The first content of the accessibility statement, the privacy notice and the contact
page in each language; setup_site creates the pages once, then the editors own them."""

import datetime

from .models import AccessibilityStatementPage, ContactPage, PrivacyNoticePage

ACCESSIBILITY = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "search_description": "Sivuston saavutettavuuden tila, tunnetut puutteet ja palautekanava.",
        "intro": "<p>Tämä saavutettavuusseloste koskee sivustoa Lastensuojelun hyvät "
        "käytännöt. Digitaalisten palvelujen tarjoamisesta annettu laki (306/2019) "
        "edellyttää, että julkiset verkkopalvelut ovat saavutettavia.</p>",
        "known_gaps": "<ul><li>Organisaatioiden ja käytäntöjen liitteinä olevat "
        "PDF-tiedostot eivät kaikki ole saavutettavia.</li><li>Kartan alueita ei voi "
        "valita kosketusnäytön ruudunlukijalla yhtä helposti kuin taulukosta; samat tiedot "
        "ovat kartan alla taulukkona.</li></ul>",
        "assessment": "Itsearviointi ja automaattinen testaus (axe-core).",
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "search_description": "Webbplatsens tillgänglighet, kända brister och responskanal.",
        "intro": "<p>Detta tillgänglighetsutlåtande gäller webbplatsen Goda praxis inom "
        "barnskyddet. Lagen om tillhandahållande av digitala tjänster (306/2019) kräver att "
        "offentliga webbtjänster är tillgängliga.</p>",
        "known_gaps": "<ul><li>Alla PDF-filer som bifogats praxis är inte "
        "tillgängliga.</li><li>Kartans områden är svårare att välja med skärmläsare på "
        "pekskärm än i tabellen; samma uppgifter finns i en tabell under kartan.</li></ul>",
        "assessment": "Självbedömning och automatisk testning (axe-core).",
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "search_description": "How accessible the site is, its known gaps and how to "
        "give feedback.",
        "intro": "<p>This accessibility statement applies to the site Good practice in "
        "child protection. The Act on the Provision of Digital Services (306/2019) requires "
        "public web services to be accessible.</p>",
        "known_gaps": "<ul><li>Not every PDF attached to a practice is accessible.</li>"
        "<li>The map's regions are harder to choose with a touch-screen reader than in the "
        "table; the same figures are in a table below the map.</li></ul>",
        "assessment": "Self-assessment and automated testing (axe-core).",
    },
}

PRIVACY = {
    "fi": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "search_description": "Mitä henkilötietoja sivusto käsittelee, miksi, kuinka "
        "kauan ja mitkä oikeudet sinulla on.",
        "intro": "<p>Tässä selosteessa kerrotaan, mitä henkilötietoja sivusto ja "
        "Kunnallinen lastensuojeluteko -palkinto käsittelevät (EU:n yleinen "
        "tietosuoja-asetus, artiklat 13 ja 14).</p>",
        "controller": "<p>Suomen Kuntaliitto ry, Lastensuojelun Keskusliitto ry ja "
        "Huoltaja-säätiö sr, jotka ylläpitävät sivustoa ja palkintoa.</p>",
    },
    "sv": {
        "title": "Dataskyddsbeskrivning",
        "slug": "dataskyddsbeskrivning",
        "search_description": "Vilka personuppgifter webbplatsen behandlar, varför, hur "
        "länge och vilka rättigheter du har.",
        "intro": "<p>Här beskrivs vilka personuppgifter webbplatsen och priset Kommunal "
        "barnskyddsinsats behandlar (EU:s allmänna dataskyddsförordning, artiklarna 13 och "
        "14).</p>",
        "controller": "<p>Finlands Kommunförbund rf, Centralförbundet för Barnskydd rf "
        "och stiftelsen Huoltaja-säätiö sr, som upprätthåller webbplatsen och priset.</p>",
    },
    "en": {
        "title": "Privacy notice",
        "slug": "privacy-notice",
        "search_description": "What personal data the site processes, why, for how long, "
        "and your rights.",
        "intro": "<p>This notice describes the personal data that the site and the prize "
        "Kunnallinen lastensuojeluteko process (EU General Data Protection Regulation, "
        "Articles 13 and 14).</p>",
        "controller": "<p>The Association of Finnish Municipalities, the Central Union for "
        "Child Welfare and the Huoltaja Foundation, who run the site and the prize.</p>",
    },
}

CONTACT = {
    "fi": {
        "title": "Yhteystiedot",
        "slug": "yhteystiedot",
        "search_description": "Sivuston toimituksen ja palkinnon sihteeristön yhteystiedot.",
        "intro": "<p>Sivustoa ja palkintoa ylläpitävät Suomen Kuntaliitto, Lastensuojelun "
        "Keskusliitto ja Huoltaja-säätiö.</p>",
        "body": "<h2>Toimitus</h2><p>Kysymykset käytäntöjen kuvauksista ja tunnuksista: "
        "toimitus vastaa arkipäivisin.</p><h2>Palkinnon sihteeristö</h2><p>Kysymykset "
        "ehdotuksista ja palkinnosta.</p>",
    },
    "sv": {
        "title": "Kontaktuppgifter",
        "slug": "kontakt",
        "search_description": "Kontaktuppgifter till webbplatsens redaktion och prisets "
        "sekretariat.",
        "intro": "<p>Webbplatsen och priset upprätthålls av Finlands Kommunförbund, "
        "Centralförbundet för Barnskydd och stiftelsen Huoltaja.</p>",
        "body": "<h2>Redaktionen</h2><p>Frågor om beskrivningar av praxis och konton: "
        "redaktionen svarar på vardagar.</p><h2>Prisets sekretariat</h2><p>Frågor om "
        "nomineringar och priset.</p>",
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "search_description": "How to reach the site's editors and the prize secretariat.",
        "intro": "<p>The site and the prize are run by the Association of Finnish "
        "Municipalities, the Central Union for Child Welfare and the Huoltaja "
        "Foundation.</p>",
        "body": "<h2>Editors</h2><p>Questions about the descriptions of practices and "
        "accounts: the editors answer on working days.</p><h2>Prize secretariat</h2>"
        "<p>Questions about nominations and the prize.</p>",
    },
}

# In the footer's order.
PAGES = [
    (AccessibilityStatementPage, ACCESSIBILITY),
    (PrivacyNoticePage, PRIVACY),
    (ContactPage, CONTACT),
]
ASSESSED_ON = datetime.date(2026, 12, 1)
