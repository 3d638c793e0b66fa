"""Stale content: when practices were last reviewed, and reminding their authors.

A practice counts as reviewed whenever a version of it is published (an editor approved
it) and when an editor marks it as reviewed without changes. Practices not reviewed for
PRACTICE_REVIEW_MONTHS are stale: editors see them in a report, and the contributors of
their organisations get a reminder at most once per PRACTICE_REVIEW_REMINDER_DAYS.
"""

import calendar
import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from goodpractice.i18n import user_language

from .models import PracticePage, ReviewReminder

MARK_REVIEWED_ACTION = "practices.mark_reviewed"

logger = logging.getLogger(__name__)


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (clamped to month end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def review_cutoff(now=None):
    return months_before(now or timezone.now(), settings.PRACTICE_REVIEW_MONTHS)


def set_reviewed(page, when=None):
    """Record a review on the original practice and the aliases that show it elsewhere."""
    original_id = page.alias_of_id or page.pk
    when = when or timezone.now()
    PracticePage.objects.filter(Q(pk=original_id) | Q(alias_of_id=original_id)).update(
        last_reviewed_at=when
    )
    page.last_reviewed_at = when
    return when


def may_mark_reviewed(user, page):
    from .permissions import ALL_PRACTICES_PERMISSION

    return (
        user.has_perm(ALL_PRACTICES_PERMISSION)
        and page.live
        and page.permissions_for_user(user).can_publish()
    )


@transaction.atomic
def mark_reviewed(page, user):
    """An editor confirms that the published practice is still accurate."""
    if not may_mark_reviewed(user, page):
        raise PermissionError("Only editors mark practices as reviewed.")
    set_reviewed(page)
    log(instance=page, action=MARK_REVIEWED_ACTION, user=user)


def stale_practices(now=None):
    """Published practices (originals, not their aliases) whose review is overdue."""
    return PracticePage.objects.live().filter(
        Q(last_reviewed_at__lt=review_cutoff(now)) | Q(last_reviewed_at__isnull=True),
        alias_of__isnull=True,
    )


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def remind_stale_practices(now=None):
    """E-mail each contributor of the organisations of stale practices one list of them.

    Practices reminded about within the reminder interval are skipped, so a daily run
    sends each reminder once. Returns the number of e-mails sent.
    """
    from goodpractice.organisations.models import Membership

    now = now or timezone.now()
    recently = now - datetime.timedelta(days=settings.PRACTICE_REVIEW_REMINDER_DAYS)
    practices = list(
        stale_practices(now)
        .exclude(review_reminders__sent_at__gte=recently)
        .prefetch_related("organisations")
        .order_by("last_reviewed_at", "title")
        .distinct()
    )
    practices_of = defaultdict(list)
    for practice in practices:
        for organisation in practice.organisations.all():
            practices_of[organisation.pk].append(practice)
    memberships = (
        Membership.objects.filter(organisation__in=practices_of.keys(), user__is_active=True)
        .exclude(user__email="")
        .select_related("user__wagtail_userprofile")
        .order_by("pk")
    )
    by_user = defaultdict(list)
    recipients = defaultdict(int)
    for membership in memberships:
        for practice in practices_of[membership.organisation_id]:
            if practice not in by_user[membership.user]:
                by_user[membership.user].append(practice)
                recipients[practice.pk] += 1

    sent = 0
    for user, user_practices in by_user.items():
        language = user_language(user)
        with translation.override(language):
            context = {
                "user": user,
                "practices": [
                    (practice, _admin_url("wagtailadmin_pages:edit", practice.pk))
                    for practice in user_practices
                ],
                "months": settings.PRACTICE_REVIEW_MONTHS,
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            subject = _("Please check that your practices are up to date")
            body = render_to_string("practices/email/review_reminder.txt", context)
        try:
            send_mail(subject, body.strip(), settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:
            # One bad address must not hold back everybody else's reminders.
            logger.exception("Review reminder to %s failed", user.email)
            continue
        sent += 1
    # Practices without contributors to remind are recorded too: the editors' report
    # still lists them, and a daily run need not look at them again for a while.
    ReviewReminder.objects.bulk_create(
        ReviewReminder(practice=practice, recipients=recipients[practice.pk])
        for practice in practices
    )
    return sent
