"""A contributor's start in the admin: where to add a practice, their own practices and
their status, and the editor's latest request for changes."""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from . import permissions
from .change_requests import change_request
from .models import PracticeIndexPage, PracticePage
from .status_report import ReportStatus, practices_with_status

SHOWN = 10


def practice_index_for_language(language=None):
    """The practice index of the admin language's site (the default language's if none)."""
    language = (language or translation.get_language() or "").split("-")[0]
    index = PracticeIndexPage.objects.filter(locale__language_code=language).first()
    return index or PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()


def add_practice_url(user, index):
    """The page editor for a new practice under the index, if the user may add one."""
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return None
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk))


def own_practices(user):
    """The practices of the user's organisations (originals), latest edited first."""
    ids = permissions.organisation_ids(user)
    if not ids:
        return PracticePage.objects.none()
    return (
        practices_with_status()
        .filter(organisations__in=ids)
        .distinct()
        .order_by("-latest_revision_created_at", "-pk")
    )


def practice_rows(user, limit=SHOWN):
    """(practice, status label, change request or None) for the dashboard."""
    labels = dict(ReportStatus.choices)
    rows = []
    for practice in own_practices(user)[:limit]:
        requested = None
        if practice.report_status == ReportStatus.CHANGES_REQUESTED:
            requested = change_request(practice)
        rows.append((practice, labels[practice.report_status], requested))
    return rows
