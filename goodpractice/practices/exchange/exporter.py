"""Writing practices in the exchange format."""

import json
import re

from django.db.models import Exists, OuterRef
from wagtail_localize.models import Translation

from ..models import PracticePage
from .body import compose_body, page_sections
from .format import (
    CONTACT_KEYS,
    DEFAULT_EVIDENCE_LEVEL,
    build_record,
    comparable,
    keyword_list,
    organisation_order,
    organisation_reference,
    theme_order,
    unique,
)

GENERATED_ID = re.compile(r"page-(\d+)")


def original_practices():
    """Practices as their authors wrote them: no aliases, no wagtail-localize translations."""
    translations = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale")
    )
    return PracticePage.objects.filter(alias_of__isnull=True).exclude(Exists(translations))


def external_id(page):
    """The page's external id; practices created in the admin get a stable generated one."""
    return page.external_id or f"page-{page.pk}"


def current_version(page):
    """What a page says now: the live content, or the latest draft of an unpublished page."""
    if not page.live and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


def practice_record(page):
    """The canonical exchange record of an original practice page."""
    version = current_version(page)
    language = page.locale.language_code
    contact = {key: (getattr(version, f"contact_{key}") or "").strip() for key in CONTACT_KEYS}
    links = sorted(version.links.all(), key=lambda link: link.sort_order or 0)
    return build_record(
        {
            "external_id": external_id(page),
            "language": language,
            "title": version.title.strip(),
            "summary": (version.summary or "").strip(),
            "body": compose_body(page_sections(version), language),
            "themes": [term.slug for term in theme_order(version.themes.all())],
            "target_groups": [term.slug for term in theme_order(version.target_groups.all())],
            "organisations": [
                organisation_reference(org)
                for org in organisation_order(version.organisations.all())
            ],
            "started_year": version.started_year,
            "status": version.status,
            "evidence_level": (
                version.evidence_level.slug if version.evidence_level else DEFAULT_EVIDENCE_LEVEL
            ),
            "evaluation": (version.evaluation or "").strip(),
            "contact": contact if any(contact.values()) else None,
            "links": unique(link.url.strip() for link in links if link.url.strip()),
            "keywords": keyword_list(tag.name for tag in version.keywords.all()),
            "published": page.live,
        }
    )


def comparable_record(page):
    return comparable(practice_record(page))


def dumps(record):
    return json.dumps(record, ensure_ascii=False)


def export_records():
    """Every original practice's record, ordered by external id."""
    pages = original_practices().select_related("locale", "evidence_level")
    return sorted((practice_record(page) for page in pages), key=lambda r: r["external_id"])


def export_lines():
    for record in export_records():
        yield dumps(record) + "\n"
