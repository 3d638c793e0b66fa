"""Reading practices in the exchange format: one transaction per line."""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from ..models import PracticeIndexPage, PracticePage
from ..sections import SECTION_FIELDS
from ..services import practice_index, save_practice
from .exporter import GENERATED_ID, comparable_record, current_version, original_practices
from .format import CONTACT_KEYS, Resolver, comparable
from .html import to_db
from .schema import parse_record

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
SLUG_MAX = 80

# Model validation errors are reported under the exchange format's key.
MODEL_FIELD_KEYS = {
    **dict.fromkeys(SECTION_FIELDS, "body"),
    "__all__": None,
    "slug": "title",
    "draft_title": "title",
    **{f"contact_{key}": f"contact.{key}" for key in CONTACT_KEYS},
}


@dataclass
class LineError:
    line: int
    key: str | None
    message: str

    def __str__(self):
        if self.key:
            return _('line %(line)d, field "%(field)s": %(message)s') % {
                "line": self.line,
                "field": self.key,
                "message": self.message,
            }
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)
    # (line number, external id, outcome, page id or None)
    outcomes: list = field(default_factory=list)

    def record(self, line, external_id, outcome, page=None):
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.outcomes.append((line, external_id, outcome, page.pk if page else None))

    def summary(self):
        return _(
            "created %(created)d, updated %(updated)d, unchanged %(unchanged)d, failed %(failed)d"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


class ConflictingId(Exception):
    """A page-<number> id stored on one practice while the exporter gives it to another."""


def find_original(external_id):
    """The original practice page an external id refers to, or None.

    page-<number> ids are the exporter's: they name the practice with that number and
    no id of its own. One stored on another practice (an import into another site
    keeps them) is used only when no such practice exists here; both at once is a
    conflict, never resolved in favour of the stored one.
    """
    stored = original_practices().filter(external_id=external_id).order_by("pk").first()
    match = GENERATED_ID.fullmatch(external_id)
    if not match:
        return stored
    generated = original_practices().filter(pk=int(match[1]), external_id="").first()
    if generated is not None and stored is not None:
        raise ConflictingId(external_id)
    return generated or stored


def import_practices(lines, *, user=None):
    """Import exchange-format lines (str or bytes). A bad line saves nothing of itself."""
    report = ImportReport()
    resolver = Resolver()
    seen = {}
    for number, raw in enumerate(lines, start=1):
        errors, external_id, outcome, page = _import_line(number, raw, resolver, seen, user)
        if outcome is None:
            continue
        if errors:
            report.errors.extend(LineError(number, key, message) for key, message in errors)
        report.record(number, external_id, outcome, page)
    return report


def _decode(number, raw):
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None, _("not valid UTF-8 text")
    if number == 1:
        raw = raw.removeprefix("\ufeff")
    return raw, None


def _import_line(number, raw, resolver, seen, user):
    """Returns (errors, external id, outcome, page); outcome None for a blank line."""
    text, problem = _decode(number, raw)
    if problem:
        return [(None, problem)], None, FAILED, None
    if not text.strip():
        return [], None, None, None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = _("not valid JSON: %(error)s (column %(column)d)") % {
            "error": error.msg,
            "column": error.colno,
        }
        return [(None, message)], None, FAILED, None
    if not isinstance(data, dict):
        return [(None, _("each line must be one JSON object"))], None, FAILED, None

    practice, errors = parse_record(data, resolver)
    external_id = data.get("external_id") if isinstance(data.get("external_id"), str) else None
    if errors:
        return errors, external_id, FAILED, None
    record = practice.record
    external_id = record["external_id"]
    if external_id in seen:
        message = _("%(id)s is already on line %(line)d") % {
            "id": external_id,
            "line": seen[external_id],
        }
        return [("external_id", message)], external_id, FAILED, None
    seen[external_id] = number

    try:
        page = find_original(external_id)
    except ConflictingId:
        message = _("%(id)s is the site's own id of another practice") % {"id": external_id}
        return [("external_id", message)], external_id, FAILED, None
    if page is not None:
        if page.locale.language_code != record["language"]:
            message = _(
                "this practice is written in %(language)s; an import cannot change its language"
            ) % {"language": page.locale.language_code}
            return [("language", message)], external_id, FAILED, page
        if comparable_record(page) == comparable(record):
            return [], external_id, UNCHANGED, page
    try:
        with transaction.atomic():
            saved = _save(page, practice, user)
    except ValidationError as error:
        return _model_errors(error), external_id, FAILED, page
    except PracticeIndexPage.DoesNotExist:
        message = _("the site has no practice index in this language")
        return [("language", message)], external_id, FAILED, page
    return [], external_id, (UPDATED if page else CREATED), saved


def _save(page, practice, user):
    record = practice.record
    language = record["language"]
    if page is None:
        index = practice_index(language)
        slug = slugify(record["title"])[:SLUG_MAX].strip("-") or "practice"
        page = PracticePage(
            external_id=record["external_id"],
            slug=find_available_slug(index, slug),
        )
        titles = {}
    else:
        page = current_version(page)
        titles = {link.url: link.title for link in page.links.all()}
    page.title = record["title"]
    page.summary = record["summary"]
    for name in SECTION_FIELDS:
        setattr(page, name, to_db(practice.sections[name]))
    page.evaluation = record.get("evaluation", "")
    page.evidence_level = practice.evidence_level
    page.status = record["status"]
    page.started_year = record.get("started_year")
    contact = record.get("contact") or {}
    for key in CONTACT_KEYS:
        setattr(page, f"contact_{key}", contact.get(key, ""))
    return save_practice(
        page,
        language=language,
        themes=practice.themes,
        target_groups=practice.target_groups,
        organisations=practice.organisations,
        keywords=record.get("keywords", []),
        # Link titles are not in the format: keep those given in the admin.
        links=[(url, titles.get(url, "")) for url in record.get("links", [])],
        publish=record["published"],
        user=user,
    )


def _model_errors(error):
    if not hasattr(error, "error_dict"):
        return [(None, message) for message in error.messages]
    return [
        (MODEL_FIELD_KEYS.get(name, name), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
