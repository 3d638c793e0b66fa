"""The structured description of a practice, section by section.

The same list drives the admin form, the public page and the exchange format, where the
sections travel inside one HTML `body` under fixed <h2> headings.
"""

from django.utils.translation import gettext_lazy as _

# (field name, public heading, heading per language for the exchange format)
SECTIONS = [
    ("need", _("The need it answers"), {"fi": "Tarve", "sv": "Behov", "en": "Need"}),
    (
        "description",
        _("What is done"),
        {"fi": "Mitä tehdään", "sv": "Vad som görs", "en": "What is done"},
    ),
    (
        "implementers",
        _("Who does it"),
        {"fi": "Toteuttajat", "sv": "Vem som gör det", "en": "Who does it"},
    ),
    (
        "participation",
        _("How clients participate"),
        {
            "fi": "Asiakkaiden osallisuus",
            "sv": "Klienternas delaktighet",
            "en": "Client participation",
        },
    ),
    ("results", _("Results"), {"fi": "Tulokset", "sv": "Resultat", "en": "Results"}),
    (
        "resources",
        _("Resources and costs"),
        {
            "fi": "Resurssit ja kustannukset",
            "sv": "Resurser och kostnader",
            "en": "Resources and costs",
        },
    ),
    (
        "adoption",
        _("How to adopt it"),
        {"fi": "Käyttöönotto muualla", "sv": "Så kan andra ta i bruk", "en": "How to adopt it"},
    ),
]

SECTION_FIELDS = [name for name, _heading, _formats in SECTIONS]
