"""The JSON shapes of the open data API: the one place that decides what is public.

Contact e-mail addresses and phone numbers are personal data and never leave the site
through the API. Names meant for people (organisations, evidence levels) are given in the
response language; slugs and codes are the values the filters accept.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.site_url import absolute_url

from ..models import Status
from ..sections import SECTION_FIELDS
from .forms import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# The public page shows the same rendition, so the API reuses it.
IMAGE_RENDITION = "width-960"
# A site-relative href or src inside a tag of rendered rich text; "//host" is not relative.
_RELATIVE_URL = re.compile(r'(<[a-z][^<>]*?\s(?:href|src)=")(/(?!/)[^"]*)"')


def licence():
    return {"name": settings.OPEN_DATA_LICENCE["name"], "url": settings.OPEN_DATA_LICENCE["url"]}


def absolute_html(html, request):
    """Make the site-relative links of rendered rich text absolute for use elsewhere."""
    return _RELATIVE_URL.sub(lambda match: f'{match[1]}{absolute_url(match[2])}"', html)


def rich_text(page, field, request):
    html = getattr(page, field)
    if not html:
        return ""
    # Internal links resolve to the linked page in the active locale: use the text's own.
    with translation.override(page.language):
        return absolute_html(expand_db_html(html), request)


def isoformat(value):
    return value.isoformat() if value else None


def detail_url(page, request):
    return absolute_url(reverse("api_practice_detail", args=[page.pk]))


def page_url(page, request):
    url = page.get_url(request=request)
    return absolute_url(url) if url else None


def organisation_data(organisation):
    return {
        "name": organisation.name,
        "code": organisation.code,
        "kind": organisation.kind,
        "slug": organisation.slug,
    }


def practice_item(page, request):
    """A practice in the list: what is needed to choose and filter practices."""
    return {
        "id": page.pk,
        "title": page.title,
        "url": page_url(page, request),
        "detail": detail_url(page, request),
        "language": page.language,
        "summary": page.summary,
        "themes": [theme.slug for theme in page.themes.all()],
        "target_groups": [group.slug for group in page.target_groups.all()],
        "organisations": [organisation_data(org) for org in page.organisations.all()],
        # The values of the county filter: county codes, or "helsinki".
        "counties": [region.region_key for region in page.regions],
        "evidence_level": page.evidence_level.slug if page.evidence_level else None,
        "status": page.status,
        "started_year": page.started_year,
        "external_id": page.external_id,
        # The site's own first publication date, which imports may carry over.
        "first_published_at": isoformat(page.first_published_on or page.first_published_at),
        "last_published_at": isoformat(page.last_published_at),
        # Organisations that have told they use the practice too (any language version).
        "adoption_count": page.adoption_count,
    }


def image_data(image, request):
    if image is None:
        return None
    try:
        rendition = image.get_rendition(IMAGE_RENDITION)
    except SourceImageIOError:
        return None
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text,
    }


def adoption_data(adoption):
    """Who else uses the practice: never the adopter's contact person."""
    organisation = adoption.organisation
    return {
        "organisation": organisation_data(organisation),
        "county": organisation.region.region_key if organisation.region else None,
        "adopted_year": adoption.adopted_on.year,
        "changes": adoption.changes,
        "language": adoption.language,
    }


def practice_detail(page, translations, adoptions, request):
    """Every public field of one practice; translations are its other published versions,
    adoptions the organisations that use it too."""
    data = practice_item(page, request)
    data.update({field: rich_text(page, field, request) for field in SECTION_FIELDS})
    data.update(
        {
            "keywords": sorted(tag.name for tag in page.keywords.all()),
            "evaluation": page.evaluation,
            "evidence_level_name": page.evidence_level.name if page.evidence_level else None,
            "contact": {"name": page.contact_name, "title": page.contact_title},
            "links": [{"url": link.url, "title": link.title} for link in page.links.all()],
            "documents": [
                {
                    "title": item.document.title,
                    "url": absolute_url(item.document.url),
                }
                for item in page.documents.all()
            ],
            "image": image_data(page.image, request),
            "adopted_by": [adoption_data(adoption) for adoption in adoptions],
            "translations": [
                {
                    "language": other.language,
                    "url": page_url(other, request),
                    "detail": detail_url(other, request),
                }
                for other in translations
            ],
        }
    )
    return data


def page_link(request, number):
    query = request.GET.copy()
    query["page"] = number
    return absolute_url(f"{request.path}?{query.urlencode()}")


def practice_list(page_obj, request):
    return {
        "count": page_obj.paginator.count,
        "next": page_link(request, page_obj.next_page_number()) if page_obj.has_next() else None,
        "previous": (
            page_link(request, page_obj.previous_page_number()) if page_obj.has_previous() else None
        ),
        "licence": licence(),
        "results": [practice_item(page, request) for page in page_obj.object_list],
    }


def api_index(request):
    """A short description that makes the API discoverable from its root."""

    def url(name, *args):
        return absolute_url(reverse(name, args=args))

    return {
        "name": _("Good practices in child protection: open data"),
        "description": _(
            "Good practices of Finnish municipalities and wellbeing services counties in "
            "child protection, as JSON. Every response is open data under the licence below."
        ),
        "licence": licence(),
        "languages": {
            "values": list(CONTENT_LANGUAGES),
            "how": _(
                "Names and error messages follow the lang parameter or the Accept-Language "
                "header. Practices are given in the language they are written in."
            ),
        },
        "endpoints": {
            "practices": {
                "url": url("api_practice_list"),
                "description": _(
                    "Published practices, newest publication first. Each language version "
                    "of a practice is listed separately."
                ),
                "filters": {
                    "theme": _("theme slug"),
                    "target_group": _("target group slug"),
                    "county": _(
                        "wellbeing services county code such as VS, or helsinki; includes "
                        "the practices of the county's municipalities"
                    ),
                    "municipality": _("municipality code such as 853"),
                    "organisation": _("organisation slug"),
                    "language": " | ".join(CONTENT_LANGUAGES),
                    "evidence_level": _("evidence level slug"),
                    "status": " | ".join(Status.values),
                    "year": _("start year"),
                },
                "pagination": {
                    "page": _("page number, from 1"),
                    "page_size": _("results per page: default %(default)s, at most %(max)s")
                    % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE},
                },
            },
            "practice": {
                "url": url("api_practice_detail", 0).replace("/0/", "/{id}/"),
                "description": _(
                    "One practice with its full description, links, documents, other "
                    "language versions and the organisations that use it too (no contact "
                    "details)."
                ),
            },
            "search": {
                "url": url("search_api"),
                "description": _("Full-text search of practices, with the same filters."),
            },
        },
    }


def error(detail):
    return {"detail": str(detail)}
