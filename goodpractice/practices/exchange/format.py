"""The practice exchange format: its keys, and validation of one incoming record.

A valid record is turned into the canonical record (exactly what the exporter would write
for the practice) plus the database objects it refers to. Comparing canonical records is
how a repeated import recognises that nothing changed.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.organisations.models import Organisation
from goodpractice.validators import PERSONAL_IDENTITY_CODE_MESSAGE, contains_personal_identity_code

from ..models import EvidenceLevel, Status, TargetGroup, Theme
from ..models.practice import PracticePage
from ..sections import SECTIONS
from .body import compose_body, split_body
from .html import is_html

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
_PHONE_CHARS = set("0123456789+-()/ .")


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


class _Checker:
    def __init__(self, data):
        self.data = data
        self.errors = []

    def error(self, key, message):
        self.errors.append((key, str(message)))

    def present(self, key):
        return self.data.get(key) is not None

    def text(self, key, value, *, required=False, max_length=None, free_text=True):
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(key, _("must be a string"))
            return None
        value = value.strip()
        if required and not value:
            self.error(key, _("must not be empty"))
            return None
        if max_length and len(value) > max_length:
            self.error(
                key,
                _("is %(length)d characters long; at most %(max)d are allowed")
                % {"length": len(value), "max": max_length},
            )
            return None
        if free_text and contains_personal_identity_code(value):
            self.error(key, PERSONAL_IDENTITY_CODE_MESSAGE)
            return None
        return value

    def text_list(self, key, *, required=False):
        value = self.data.get(key)
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(key, _("must be a list of strings"))
            return None
        value = [item.strip() for item in value]
        if any(not item for item in value):
            self.error(key, _("must not contain empty strings"))
            return None
        if required and not value:
            self.error(key, _("must list at least one value"))
            return None
        return unique(value)


def parse_record(data, resolver):
    """Validate one decoded line. Returns (PracticeData or None, [(key, message)])."""
    check = _Checker(data)
    for key in data:
        if key not in KEYS:
            check.error(key, _("unknown key"))
    for key in REQUIRED:
        if key not in data or data[key] is None:
            check.error(key, _("is required"))
    values = {}

    external_id = check.text(
        "external_id", data.get("external_id"), max_length=EXTERNAL_ID_MAX, free_text=False
    )
    if external_id is not None and any(char.isspace() for char in external_id):
        check.error("external_id", _("must not contain spaces"))
    values["external_id"] = external_id

    language = data.get("language")
    if check.present("language") and language not in CONTENT_LANGUAGES:
        check.error(
            "language",
            _("must be one of %(choices)s") % {"choices": ", ".join(CONTENT_LANGUAGES)},
        )
        language = None
    values["language"] = language

    if check.present("title"):
        values["title"] = check.text("title", data["title"], required=True, max_length=TITLE_MAX)
    if check.present("summary"):
        values["summary"] = check.text(
            "summary", data["summary"], required=True, max_length=SUMMARY_MAX
        )

    sections = None
    body = data.get("body")
    if check.present("body"):
        if not isinstance(body, str):
            check.error("body", _("must be a string"))
        elif contains_personal_identity_code(body):
            check.error("body", PERSONAL_IDENTITY_CODE_MESSAGE)
        elif language:
            sections = split_body(body, language)
            if not any(sections.values()):
                check.error("body", _("must not be empty"))
            elif not sections["description"]:
                check.error(
                    "body",
                    _('has no text under the heading "%(heading)s" or before the first heading')
                    % {"heading": _section_heading("description", language)},
                )
            elif is_html(body) and contains_personal_identity_code(" ".join(sections.values())):
                check.error("body", PERSONAL_IDENTITY_CODE_MESSAGE)
            else:
                values["body"] = compose_body(sections, language)

    themes = _terms(check, resolver, "themes", Theme, _('unknown theme "%(value)s"'), True)
    target_groups = _terms(
        check, resolver, "target_groups", TargetGroup, _('unknown target group "%(value)s"')
    )
    values["themes"] = [term.slug for term in themes] if themes is not None else None
    values["target_groups"] = [t.slug for t in target_groups] if target_groups else []

    organisations = None
    references = check.text_list("organisations", required=check.present("organisations"))
    if references:
        found, missing = [], []
        for reference in references:
            organisation = resolver.organisation(reference)
            (found if organisation else missing).append(organisation or reference)
        for reference in missing:
            check.error(
                "organisations", _('unknown organisation "%(value)s"') % {"value": reference}
            )
        if not missing:
            organisations = organisation_order(unique(found))
            values["organisations"] = [organisation_reference(o) for o in organisations]

    year = data.get("started_year")
    if year is not None:
        if not isinstance(year, int) or isinstance(year, bool):
            check.error("started_year", _("must be a whole number, e.g. 2021"))
        elif not YEAR_MIN <= year <= YEAR_MAX:
            check.error(
                "started_year",
                _("must be a year between %(min)d and %(max)d")
                % {"min": YEAR_MIN, "max": YEAR_MAX},
            )
        else:
            values["started_year"] = year

    status = data.get("status", DEFAULT_STATUS)
    if status is None:
        status = DEFAULT_STATUS
    if status not in Status.values:
        check.error(
            "status", _("must be one of %(choices)s") % {"choices": ", ".join(Status.values)}
        )
    values["status"] = status

    evidence_level = None
    level = data.get("evidence_level")
    if level is None:
        level = DEFAULT_EVIDENCE_LEVEL
    if not isinstance(level, str):
        check.error("evidence_level", _("must be a string"))
    else:
        evidence_level = resolver.term(EvidenceLevel, level)
        if evidence_level is None:
            check.error(
                "evidence_level", _('unknown evidence level "%(value)s"') % {"value": level}
            )
        else:
            values["evidence_level"] = evidence_level.slug

    values["evaluation"] = check.text("evaluation", data.get("evaluation"))
    values["contact"] = _contact(check, data.get("contact"))

    links = check.text_list("links")
    if links:
        validate_url = URLValidator(schemes=["http", "https"])
        for url in links:
            try:
                validate_url(url)
                if len(url) > LINK_MAX:
                    raise ValidationError("too long")
            except ValidationError:
                check.error(
                    "links", _('"%(value)s" is not a valid http or https address') % {"value": url}
                )
            else:
                if contains_personal_identity_code(url):
                    check.error("links", PERSONAL_IDENTITY_CODE_MESSAGE)
        values["links"] = links

    keywords = check.text_list("keywords")
    if keywords:
        for keyword in keywords:
            if len(keyword) > KEYWORD_MAX:
                check.error(
                    "keywords",
                    _('"%(value)s" is longer than %(max)d characters')
                    % {"value": keyword[:40], "max": KEYWORD_MAX},
                )
            elif contains_personal_identity_code(keyword):
                check.error("keywords", PERSONAL_IDENTITY_CODE_MESSAGE)
        values["keywords"] = keyword_list(keywords)

    published = data.get("published", True)
    if published is None:
        published = True
    if not isinstance(published, bool):
        check.error("published", _("must be true or false"))
    values["published"] = published

    if check.errors:
        return None, check.errors
    return (
        PracticeData(
            record=build_record(values),
            sections=sections,
            themes=themes,
            target_groups=target_groups or [],
            organisations=organisations,
            evidence_level=evidence_level,
        ),
        [],
    )


def _section_heading(name, language):
    return next(formats[language] for key, _h, formats in SECTIONS if key == name)


def _terms(check, resolver, key, model, unknown_message, required=False):
    references = check.text_list(key, required=required and check.present(key))
    if references is None:
        return None
    found, ok = [], True
    for reference in references:
        term = resolver.term(model, reference)
        if term is None:
            check.error(key, unknown_message % {"value": reference})
            ok = False
        else:
            found.append(term)
    return theme_order(unique(found)) if ok else None


def _contact(check, contact):
    if contact is None:
        return None
    if not isinstance(contact, dict):
        check.error("contact", _("must be an object with name, title, email and phone"))
        return None
    for key in contact:
        if key not in CONTACT_KEYS:
            check.error(f"contact.{key}", _("unknown key"))
    result = {}
    for key in CONTACT_KEYS:
        result[key] = check.text(
            f"contact.{key}",
            contact.get(key),
            max_length=CONTACT_MAX[key],
            free_text=key in ("name", "title"),
        )
    email = result.get("email")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            check.error(
                "contact.email", _('"%(value)s" is not a valid e-mail address') % {"value": email}
            )
    phone = result.get("phone")
    if phone and not set(phone) <= _PHONE_CHARS:
        check.error("contact.phone", _("may contain only digits, spaces and + - ( ) /"))
    if any(value is None for value in result.values()):
        return None
    return result if any(result.values()) else None
