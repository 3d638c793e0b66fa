"""Retention and erasure of account data: requests, invitations and user accounts."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from .models import AccountRequest

DEFAULT_RETENTION_DAYS = 90


def retention_days():
    return getattr(settings, "ACCOUNT_REQUEST_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


def _cutoff(now, days):
    return (now or timezone.now()) - datetime.timedelta(
        days=retention_days() if days is None else days
    )


def purge_account_requests(*, now=None, dry_run=False, days=None):
    """Delete requests and invitations decided (approved or declined) `days` ago.

    Pending requests wait for an editor and are kept. An approved person's name and
    address live on in their account, so the request itself is no longer needed.
    """
    decided = AccountRequest.objects.exclude(status=AccountRequest.Status.PENDING).filter(
        decided_at__lt=_cutoff(now, days)
    )
    if dry_run:
        return decided.count()
    return decided.delete()[1].get(AccountRequest._meta.label, 0)


def unused_accounts(*, now=None, days=None):
    """Accounts made from a request or an invitation whose set-password link expired
    `days` ago without ever being used: nobody set a password or signed in."""
    link_valid = datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return (
        get_user_model()
        .objects.filter(
            account_requests__isnull=False,
            password__startswith=UNUSABLE_PASSWORD_PREFIX,
            last_login__isnull=True,
            date_joined__lt=_cutoff(now, days) - link_valid,
            is_superuser=False,
            is_staff=False,
            jury_memberships__isnull=True,
        )
        .distinct()
    )


def purge_unused_accounts(*, now=None, dry_run=False, days=None):
    users = list(unused_accounts(now=now, days=days))
    if dry_run:
        return len(users)
    removed = 0
    for user in users:
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:  # something of the site's record points at it: keep
            continue
        removed += 1
    return removed


def anonymise_user(user, by=None):
    """The account stays (pages, revisions and the jury's record point at it) but no
    longer names the person, and can no longer sign in."""
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()
    user.memberships.all().delete()
    user.groups.clear()


def erase_account_request(account_request, by=None):
    account_request.delete()
