"""Removing nominators' personal data once the round no longer needs it."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Nomination, Round

CONTACT_FIELDS = ("nominator_name", "nominator_email", "nominator_phone", "nominator_organisation")
DEFAULT_RETENTION_DAYS = 365


def retention_days():
    return getattr(settings, "AWARDS_CONTACT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


@dataclass
class PurgeReport:
    rounds: int = 0
    nominations: int = 0
    already_removed: int = 0


@transaction.atomic
def purge_nominator_contacts(*, days=None, now=None, dry_run=False):
    """Empty the nominators' contact details of rounds announced `days` or more ago.

    Idempotent: nominations already emptied are counted, not touched again. Attachments
    are kept: they describe the achievement, not the nominator, and stay part of the
    jury's record; they were never public.
    """
    now = now or timezone.now()
    days = retention_days() if days is None else days
    today = timezone.localdate(now)
    cutoff = today - datetime.timedelta(days=days)
    # Counted from the announcement date even when the result was published earlier; a
    # round that ended without a decision is no reason to keep anyone's data either.
    rounds = Round.objects.filter(announcement_date__lte=cutoff)
    nominations = Nomination.objects.filter(round__in=rounds)
    report = PurgeReport(rounds=rounds.count())
    report.already_removed = nominations.filter(contacts_removed_at__isnull=False).count()
    pending = nominations.filter(contacts_removed_at__isnull=True)
    if dry_run:
        report.nominations = pending.count()
        return report
    report.nominations = pending.update(
        contacts_removed_at=now, **dict.fromkeys(CONTACT_FIELDS, "")
    )
    return report


def purge_for_retention(*, now=None, dry_run=False):
    """The registry's retention rule (see personal_data.py): how many were emptied."""
    return purge_nominator_contacts(now=now, dry_run=dry_run).nominations


def erase_nominator_contact(nomination, user=None, now=None):
    """One nominator's erasure on request: the same as the purge, for one nomination."""
    Nomination.objects.filter(pk=nomination.pk).update(
        contacts_removed_at=now or timezone.now(), **dict.fromkeys(CONTACT_FIELDS, "")
    )
