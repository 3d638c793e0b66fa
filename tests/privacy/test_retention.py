"""purge_personal_data runs every registered retention rule; idempotent, with --dry-run."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone, translation

from goodpractice.awards.models import Nomination
from goodpractice.organisations import accounts
from goodpractice.organisations.models import AccountRequest, Organisation
from tests.awards.announced import decided_round
from tests.factories import make_user

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def purge(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def request_decided(days_ago, status=AccountRequest.Status.DECLINED, **fields):
    return AccountRequest.objects.create(
        name=fields.pop("name", "Hakija"),
        email=fields.pop("email", "hakija@example.invalid"),
        organisation=Organisation.objects.lookup("853"),
        status=status,
        decided_at=timezone.now() - days_ago * DAY,
        **fields,
    )


def test_decided_account_requests_go_after_the_retention_time(site, settings):
    settings.ACCOUNT_REQUEST_RETENTION_DAYS = 30
    old_declined = request_decided(31)
    old_approved = request_decided(45, AccountRequest.Status.APPROVED)
    recent = request_decided(29)
    pending = AccountRequest.objects.create(
        name="Odottaja",
        email="odottaja@example.invalid",
        organisation=Organisation.objects.lookup("853"),
    )
    AccountRequest.objects.filter(pk=pending.pk).update(created_at=timezone.now() - 400 * DAY)

    assert "Account requests: would clean 2." in purge("--dry-run")
    assert AccountRequest.objects.count() == 4

    assert "Account requests: cleaned 2." in purge()
    remaining = set(AccountRequest.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, pending.pk}
    assert old_declined.pk not in remaining and old_approved.pk not in remaining
    # Idempotent.
    assert "Account requests: cleaned 0." in purge()


def test_accounts_whose_link_expired_unused_are_deleted(site, settings, mailoutbox):
    settings.ACCOUNT_REQUEST_RETENTION_DAYS = 30
    admin = make_user(groups=("Contributors",))
    turku = Organisation.objects.lookup("853")
    from goodpractice.organisations.models import Membership

    Membership.objects.create(user=admin, organisation=turku, role="admin")
    invited = {
        name: accounts.invite(
            inviter=admin,
            organisation=turku,
            name=name.capitalize(),
            email=f"{name}@example.invalid",
            role="contributor",
            language="fi",
        )
        for name in ("unused", "activated", "recent")
    }
    link_days = settings.PASSWORD_RESET_TIMEOUT // 86400
    users = get_user_model().objects
    users.filter(email__in=["unused@example.invalid", "activated@example.invalid"]).update(
        date_joined=timezone.now() - (link_days + 31) * DAY
    )
    activated = users.get(email="activated@example.invalid")
    activated.set_password("a-good-password-2026")
    activated.save()

    assert "Users: would clean 1." in purge("--dry-run")
    assert users.filter(email="unused@example.invalid").exists()
    assert "Users: cleaned 1." in purge()
    assert not users.filter(email="unused@example.invalid").exists()
    assert users.filter(email="activated@example.invalid").exists()
    assert users.filter(email="recent@example.invalid").exists()
    assert users.filter(pk=admin.pk).exists()
    assert len(invited) == 3


def test_nominator_contacts_are_part_of_the_run(settings):
    announced = decided_round(2026)
    settings.AWARDS_CONTACT_RETENTION_DAYS = (
        timezone.localdate() - announced.announcement_date
    ).days
    count = Nomination.objects.filter(round=announced).count()
    assert f"Nominations: would clean {count}." in purge("--dry-run")
    assert f"Nominations: cleaned {count}." in purge()
    assert not Nomination.objects.filter(round=announced).exclude(nominator_email="").exists()
    assert "Nominations: cleaned 0." in purge()
    # The prize's own command still works beside it.
    out = StringIO()
    with translation.override("en"):
        call_command("purge_nominator_contacts", stdout=out)
    assert out.getvalue().startswith("Removed the contact details of 0 nominations")
