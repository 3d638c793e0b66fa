"""The exchange record's schema: one incoming line validated declaratively.

`ExchangeRecord` states each key's type and rules; pydantic reports every problem of a line
at once with its location, and `parse_record` turns those reports into the importer's
translated (field, message) pairs. Taxonomy terms and organisations are resolved while
validating (through the `resolver` in the validation context), so an unknown one is reported
on its own field like any other mistake.
"""

from typing import Annotated, Any, NamedTuple

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.validators import (
    PERSONAL_IDENTITY_CODE_MESSAGE,
    contains_personal_identity_code,
    validate_phone_number,
)

from ..models import EvidenceLevel, Status, TargetGroup, Theme
from ..sections import SECTIONS
from .body import compose_body, split_body
from .format import (
    CONTACT_MAX,
    DEFAULT_EVIDENCE_LEVEL,
    DEFAULT_STATUS,
    EXTERNAL_ID_MAX,
    KEYWORD_MAX,
    LINK_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    YEAR_MAX,
    YEAR_MIN,
    PracticeData,
    build_record,
    keyword_list,
    organisation_order,
    organisation_reference,
    theme_order,
    unique,
)
from .html import is_html


def problem(message):
    """A validation error carrying an already translated message (never re-formatted)."""
    return PydanticCustomError("exchange", str(message))


# Rules on one value, composed into the field types below.


def _stripped(value):
    return value.strip()


def _not_empty(value):
    if not value:
        raise problem(_("must not be empty"))
    return value


def _not_an_empty_item(value):
    if not value:
        raise problem(_("must not contain empty strings"))
    return value


def _no_spaces(value):
    if any(char.isspace() for char in value):
        raise problem(_("must not contain spaces"))
    return value


def _no_identity_code(value):
    if contains_personal_identity_code(value):
        raise problem(PERSONAL_IDENTITY_CODE_MESSAGE)
    return value


def _at_most(max_length):
    def check(value):
        if len(value) > max_length:
            raise problem(
                _("is %(length)d characters long; at most %(max)d are allowed")
                % {"length": len(value), "max": max_length}
            )
        return value

    return AfterValidator(check)


def _one_of(choices):
    def check(value):
        if not isinstance(value, str) or value not in choices:
            raise problem(_("must be one of %(choices)s") % {"choices": ", ".join(choices)})
        return value

    return AfterValidator(check)


def _term(model, unknown_message):
    def resolve(reference, info: ValidationInfo):
        term = info.context["resolver"].term(model, reference)
        if term is None:
            raise problem(unknown_message % {"value": reference})
        return term

    return AfterValidator(resolve)


def _organisation(reference, info: ValidationInfo):
    organisation = info.context["resolver"].organisation(reference)
    if organisation is None:
        raise problem(_('unknown organisation "%(value)s"') % {"value": reference})
    return organisation


def _year(value):
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise problem(
            _("must be a year between %(min)d and %(max)d") % {"min": YEAR_MIN, "max": YEAR_MAX}
        )
    return value


def _link(url):
    try:
        URLValidator(schemes=["http", "https"])(url)
        if len(url) > LINK_MAX:
            raise DjangoValidationError("too long")
    except DjangoValidationError:
        raise problem(
            _('"%(value)s" is not a valid http or https address') % {"value": url}
        ) from None
    return _no_identity_code(url)


def _keyword(keyword):
    if len(keyword) > KEYWORD_MAX:
        raise problem(
            _('"%(value)s" is longer than %(max)d characters')
            % {"value": keyword[:40], "max": KEYWORD_MAX}
        )
    return _no_identity_code(keyword)


def _email(value):
    if value:
        try:
            EmailValidator()(value)
        except DjangoValidationError:
            raise problem(
                _('"%(value)s" is not a valid e-mail address') % {"value": value}
            ) from None
    return value


def _phone(value):
    try:
        validate_phone_number(value)
    except DjangoValidationError as error:
        raise problem(error.messages[0]) from None
    return value


def _listed(value):
    if not value:
        raise problem(_("must list at least one value"))
    return value


def Text(max_length=None, *, required=False, free_text=True):
    """A string, stripped; optionally required, length-limited and free of identity codes."""
    rules = [AfterValidator(_stripped)]
    if required:
        rules.append(AfterValidator(_not_empty))
    if max_length:
        rules.append(_at_most(max_length))
    if free_text:
        rules.append(AfterValidator(_no_identity_code))
    return Annotated[StrictStr, *rules]


# An item of a list of strings: stripped and not empty, then checked or resolved.
Item = Annotated[StrictStr, AfterValidator(_stripped), AfterValidator(_not_an_empty_item)]
ThemeItem = Annotated[Item, _term(Theme, gettext_lazy('unknown theme "%(value)s"'))]
TargetGroupItem = Annotated[
    Item, _term(TargetGroup, gettext_lazy('unknown target group "%(value)s"'))
]
OrganisationItem = Annotated[Item, AfterValidator(_organisation)]
LinkItem = Annotated[Item, AfterValidator(_link)]
KeywordItem = Annotated[Item, AfterValidator(_keyword)]


class Body(NamedTuple):
    html: str
    sections: dict


def _body(body, info: ValidationInfo):
    """The body split into its sections and recomposed; needs a valid language."""
    language = info.data.get("language")
    if language is None:
        return body  # the language is refused already
    if contains_personal_identity_code(body):
        raise problem(PERSONAL_IDENTITY_CODE_MESSAGE)
    sections = split_body(body, language)
    if not any(sections.values()):
        raise problem(_("must not be empty"))
    if not sections["description"]:
        heading = next(formats[language] for key, _h, formats in SECTIONS if key == "description")
        message = _('has no text under the heading "%(heading)s" or before the first heading')
        raise problem(message % {"heading": heading})
    # A code hidden behind character references shows once the HTML is read.
    if is_html(body) and contains_personal_identity_code(" ".join(sections.values())):
        raise problem(PERSONAL_IDENTITY_CODE_MESSAGE)
    return Body(compose_body(sections, language), sections)


class Contact(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    name: Text(CONTACT_MAX["name"]) = ""
    title: Text(CONTACT_MAX["title"]) = ""
    email: Annotated[Text(CONTACT_MAX["email"], free_text=False), AfterValidator(_email)] = ""
    phone: Annotated[Text(CONTACT_MAX["phone"], free_text=False), AfterValidator(_phone)] = ""

    def as_record(self):
        values = self.model_dump()
        return values if any(values.values()) else None


class ExchangeRecord(BaseModel):
    """One line of the exchange format (docs/practice-format.md). Null means "not given"."""

    # Defaults are checked too: the default evidence level is resolved like a given one.
    model_config = ConfigDict(strict=True, extra="forbid", validate_default=True)

    external_id: Annotated[
        Text(EXTERNAL_ID_MAX, required=True, free_text=False), AfterValidator(_no_spaces)
    ]
    language: Annotated[Any, _one_of(CONTENT_LANGUAGES)]
    title: Text(TITLE_MAX, required=True)
    summary: Text(SUMMARY_MAX, required=True)
    body: Annotated[StrictStr, AfterValidator(_body)]
    themes: Annotated[list[ThemeItem], AfterValidator(_listed)]
    target_groups: list[TargetGroupItem] = []
    organisations: Annotated[list[OrganisationItem], AfterValidator(_listed)]
    started_year: Annotated[StrictInt, AfterValidator(_year)] | None = None
    status: Annotated[Any, _one_of(Status.values)] = DEFAULT_STATUS
    evidence_level: Annotated[
        StrictStr,
        _term(EvidenceLevel, gettext_lazy('unknown evidence level "%(value)s"')),
    ] = DEFAULT_EVIDENCE_LEVEL
    evaluation: Text() = ""
    contact: Contact | None = None
    links: list[LinkItem] = []
    keywords: list[KeywordItem] = []
    published: StrictBool = True

    @model_validator(mode="before")
    @classmethod
    def null_is_not_given(cls, data):
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items() if value is not None}


# Messages for pydantic's own type checks; a wrong item in a list speaks of the list.
def _builtin_message(error_type, in_list):
    if in_list or error_type == "list_type":
        return _("must be a list of strings")
    return {
        "missing": _("is required"),
        "extra_forbidden": _("unknown key"),
        "string_type": _("must be a string"),
        "int_type": _("must be a whole number, e.g. 2021"),
        "bool_type": _("must be true or false"),
        "model_type": _("must be an object with name, title, email and phone"),
    }.get(error_type)


def _report(error):
    """(key, message) of one pydantic error: "contact.email", "links" for a list item."""
    location = error["loc"]
    key = ".".join(str(part) for part in location if isinstance(part, str))
    in_list = any(isinstance(part, int) for part in location) and error["type"] == "string_type"
    if error["type"] == "exchange":
        return key, error["msg"]
    return key, _builtin_message(error["type"], in_list) or error["msg"]


def parse_record(data, resolver):
    """Validate one decoded line. Returns (PracticeData or None, [(key, message)])."""
    try:
        record = ExchangeRecord.model_validate(data, context={"resolver": resolver})
    except ValidationError as error:
        # One message per problem, even when several list items share it.
        return None, list(dict.fromkeys(_report(item) for item in error.errors()))
    return _practice(record), []


def _practice(record):
    themes = theme_order(unique(record.themes))
    target_groups = theme_order(unique(record.target_groups))
    organisations = organisation_order(unique(record.organisations))
    contact = record.contact.as_record() if record.contact else None
    values = {
        **record.model_dump(include={"external_id", "language", "title", "summary"}),
        "body": record.body.html,
        "themes": [term.slug for term in themes],
        "target_groups": [term.slug for term in target_groups],
        "organisations": [organisation_reference(o) for o in organisations],
        "started_year": record.started_year,
        "status": record.status,
        "evidence_level": record.evidence_level.slug,
        "evaluation": record.evaluation,
        "contact": contact,
        "links": unique(record.links),
        "keywords": keyword_list(record.keywords),
        "published": record.published,
    }
    return PracticeData(
        record=build_record(values),
        sections=record.body.sections,
        themes=themes,
        target_groups=target_groups,
        organisations=organisations,
        evidence_level=record.evidence_level,
    )
