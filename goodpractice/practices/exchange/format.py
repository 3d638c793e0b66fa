"""The practice exchange format: its keys and canonical forms (validation: schema.py).

A valid record is turned into the canonical record (exactly what the exporter would write
for the practice) plus the database objects it refers to. Comparing canonical records is
how a repeated import recognises that nothing changed.
"""

from dataclasses import dataclass, field

from goodpractice.organisations.models import Organisation

from ..models import EvidenceLevel, Status
from ..models.practice import PracticePage

KEYS = (
    "external_id",
    "language",
    "title",
    "summary",
    "body",
    "themes",
    "target_groups",
    "organisations",
    "started_year",
    "status",
    "evidence_level",
    "evaluation",
    "contact",
    "links",
    "keywords",
    "published",
)
REQUIRED = ("external_id", "language", "title", "summary", "body", "themes", "organisations")
# Optional keys with a default are written out anyway, so a reader needs no defaults.
ALWAYS_WRITTEN = (*REQUIRED, "status", "evidence_level", "published")
CONTACT_KEYS = ("name", "title", "email", "phone")
DEFAULT_STATUS = Status.IN_USE.value
DEFAULT_EVIDENCE_LEVEL = "described"
SUMMARY_MAX = PracticePage._meta.get_field("summary").max_length
TITLE_MAX = PracticePage._meta.get_field("title").max_length
EXTERNAL_ID_MAX = PracticePage._meta.get_field("external_id").max_length
CONTACT_MAX = {
    "name": PracticePage._meta.get_field("contact_name").max_length,
    "title": PracticePage._meta.get_field("contact_title").max_length,
    "email": PracticePage._meta.get_field("contact_email").max_length,
    "phone": PracticePage._meta.get_field("contact_phone").max_length,
}
LINK_MAX = 500
KEYWORD_MAX = 100
YEAR_MIN, YEAR_MAX = 1900, 2100


@dataclass
class PracticeData:
    """A validated record: the canonical record and the objects it refers to."""

    record: dict
    sections: dict
    themes: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    evidence_level: EvidenceLevel | None = None


# Canonical forms, shared with the exporter.


def theme_order(terms):
    return sorted(terms, key=lambda term: (term.sort_order, term.slug))


def organisation_reference(organisation):
    return organisation.code or organisation.name_fi


def organisation_order(organisations):
    return sorted(organisations, key=lambda org: (org.name_fi.casefold(), org.pk))


def keyword_list(names):
    """Keywords without duplicates (tags ignore case), in alphabetical order."""
    seen = {}
    for name in names:
        name = name.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return sorted(seen.values(), key=lambda name: (name.casefold(), name))


def unique(values):
    return list(dict.fromkeys(values))


def build_record(values):
    """The record in the documented key order; empty optional values are left out."""
    record = {}
    for key in KEYS:
        value = values.get(key)
        if key in ALWAYS_WRITTEN or value not in (None, "", [], {}):
            record[key] = value
    return record


def comparable(record):
    """What must be equal for an import to leave a practice unchanged."""
    result = dict(record)
    if "keywords" in result:
        result["keywords"] = [name.casefold() for name in result["keywords"]]
    return result


class Resolver:
    """Looks up the taxonomy and organisations a record names, caching for a whole file."""

    def __init__(self):
        self._terms = {}
        self._organisations = {}

    def _term_index(self, model):
        if model not in self._terms:
            index = {}
            for term in model.objects.all():
                for name in term.names():
                    index.setdefault(name.strip().casefold(), term)
            for term in model.objects.all():
                index[term.slug.casefold()] = term  # a slug wins over a name
            self._terms[model] = index
        return self._terms[model]

    def term(self, model, reference):
        return self._term_index(model).get(reference.strip().casefold())

    def organisation(self, reference):
        key = reference.strip()
        if key not in self._organisations:
            self._organisations[key] = Organisation.objects.lookup(key)
        return self._organisations[key]
