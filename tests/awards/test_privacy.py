"""purge_nominator_contacts: nominators' contact details go a set time after the announcement."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from goodpractice.awards.models import Nomination
from goodpractice.awards.privacy import CONTACT_FIELDS

from .announced import decided_round
from .factories import at, make_nomination, make_round, organisations, shifted_schedule

pytestmark = pytest.mark.django_db


def purge(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("purge_nominator_contacts", *args, stdout=out)
    return out.getvalue()


def days_since_announcement(round_):
    return (timezone.localdate() - round_.announcement_date).days


def test_contacts_are_removed_after_the_retention_time_once(settings):
    announced = decided_round(2026)  # announced on 12 February 2026
    current = make_round(2027, schedule=shifted_schedule(timezone.localdate(), "scoring"))
    running = make_nomination(current, organisations()["oulu"], now=at(current.nominations_open))
    age = days_since_announcement(announced)

    settings.AWARDS_CONTACT_RETENTION_DAYS = age + 1
    assert purge().startswith("Removed the contact details of 0 nominations in 0 rounds")

    settings.AWARDS_CONTACT_RETENTION_DAYS = age
    out = purge()
    count = Nomination.objects.filter(round=announced).count()
    assert out.startswith(f"Removed the contact details of {count} nominations in 1 rounds")
    for nomination in Nomination.objects.filter(round=announced):
        assert all(getattr(nomination, name) == "" for name in CONTACT_FIELDS)
        assert nomination.contacts_removed_at is not None
        # The nomination itself stays valid and editable.
        nomination.full_clean(exclude=["sequence", "reference"])
    running.refresh_from_db()
    assert running.nominator_email == "nina@example.invalid"

    # Idempotent: a second run changes nothing and says so.
    stamps = set(Nomination.objects.values_list("contacts_removed_at", flat=True))
    out = purge()
    assert out.startswith("Removed the contact details of 0 nominations in 1 rounds")
    assert f"({count} already removed)" in out
    assert set(Nomination.objects.values_list("contacts_removed_at", flat=True)) == stamps


def test_days_option_and_dry_run():
    announced = decided_round(2026)
    age = days_since_announcement(announced)
    out = purge("--days", str(age), "--dry-run")
    assert out.startswith("Would remove the contact details of 2 nominations")
    assert Nomination.objects.filter(contacts_removed_at__isnull=True).count() == 2
    purge("--days", str(age))
    assert not Nomination.objects.filter(round=announced).exclude(nominator_email="").exists()


def test_default_retention_is_a_year(settings):
    del settings.AWARDS_CONTACT_RETENTION_DAYS
    from goodpractice.awards.privacy import retention_days

    assert retention_days() == 365
    announced = decided_round(2026)
    announced.announcement_date = timezone.localdate() - datetime.timedelta(days=364)
    announced.save()
    assert purge().startswith("Removed the contact details of 0 nominations")
