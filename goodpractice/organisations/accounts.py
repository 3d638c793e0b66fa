"""Accounts for people of organisations: requests, invitations, approval and e-mails.

An approved request or an invitation creates the user, gives them the membership and the
Contributors group, and e-mails a link to set a password. The link uses Django's password
reset tokens, so it works once and expires.

When an account with that e-mail already exists, nothing is attached to it silently: its
owner gets a signed link and joins the organisation only by confirming it while signed in
(`accept_joining`). Until then the organisation sees only the name the inviter typed.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from goodpractice.i18n import user_language
from goodpractice.practices.permissions import CONTRIBUTORS

from .models import AccountRequest, Membership, Role

REVIEW_PERMISSION = "organisations.change_accountrequest"


def _split_name(name):
    first, _sep, last = name.strip().rpartition(" ")
    return (first, last) if first else (last, "")


def find_user(email):
    return get_user_model().objects.filter(email__iexact=email.strip()).first()


def _create_user(name, email, language):
    first_name, last_name = _split_name(name)
    user = get_user_model()(
        username=email.strip().lower(),
        email=email.strip(),
        first_name=first_name,
        last_name=last_name,
    )
    # No password until the person sets one through the e-mailed link.
    user.set_unusable_password()
    user.save()
    # The admin speaks the language the person used on the site.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def add_to_contributors(user):
    """Members of organisations use the admin through the Contributors group."""
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))


def set_password_url(user, language):
    with translation.override(language):
        path = reverse(
            "account_set_password",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(template, subject, context, email, language):
    with translation.override(language):
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "login_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login"),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }
        body = render_to_string(template, context)
        send_mail(str(subject), body, settings.DEFAULT_FROM_EMAIL, [email])


JOIN_SALT = "organisations.join"


def join_url(account_request, user):
    token = signing.dumps({"request": account_request.pk, "user": user.pk}, salt=JOIN_SALT)
    path = reverse("organisations_join", kwargs={"token": token})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


class InvalidJoinLink(Exception):
    pass


def account_request_to_join(token, user):
    """The request or invitation a join link stands for, if it was sent to this user."""
    try:
        data = signing.loads(token, salt=JOIN_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature as error:
        raise InvalidJoinLink from error
    account_request = AccountRequest.objects.filter(
        pk=data.get("request"), status=AccountRequest.Status.APPROVED, user__isnull=True
    ).first()
    if (
        account_request is None
        or data.get("user") != user.pk
        or account_request.email.strip().lower() != user.email.strip().lower()
    ):
        raise InvalidJoinLink
    return account_request


@transaction.atomic
def accept_joining(token, user):
    """The owner of an existing account confirms the membership. Returns the request."""
    account_request = account_request_to_join(token, user)
    _give_membership(account_request, user)
    return account_request


def _ask_existing_account(account_request, user):
    with translation.override(account_request.language):
        subject = _("Confirm joining %(organisation)s on %(site)s") % {
            "organisation": account_request.organisation.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }
    _send(
        "organisations/email/confirm_joining.txt",
        subject,
        {"account_request": account_request, "join_url": join_url(account_request, user)},
        user.email,
        account_request.language,
    )


@transaction.atomic
def grant_access(account_request):
    """Give the person of a request or invitation their account and membership, and e-mail
    them. Returns the user, or None while an existing account has to confirm joining."""
    user = find_user(account_request.email)
    if user is not None:
        _ask_existing_account(account_request, user)
        return None
    user = _create_user(account_request.name, account_request.email, account_request.language)
    _give_membership(account_request, user)
    context = {"account_request": account_request, "user": user}
    with translation.override(account_request.language):
        context["set_password_url"] = set_password_url(user, account_request.language)
        subject = (
            _("Your account for %(site)s")
            if account_request.kind == AccountRequest.Kind.REQUEST
            else _("You have been invited to %(site)s")
        ) % {"site": settings.WAGTAIL_SITE_NAME}
    _send(
        "organisations/email/account_ready.txt",
        subject,
        context,
        account_request.email,
        account_request.language,
    )
    return user


def _give_membership(account_request, user):
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=account_request.organisation,
        defaults={"role": account_request.role},
    )
    if not created and account_request.role == Role.ADMIN and membership.role != Role.ADMIN:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role"])
    add_to_contributors(user)
    account_request.user = user
    account_request.save(update_fields=["user"])


@transaction.atomic
def submit_request(account_request, *, language):
    """Store a request from the public form and tell the editors."""
    account_request.language = language
    account_request.save()
    notify_reviewers(account_request)
    return account_request


def notify_reviewers(account_request):
    """Tell the editors who decide account requests that a new one is waiting."""
    reviewers = (
        get_user_model()
        .objects.with_perm(REVIEW_PERMISSION, include_superusers=False)
        .filter(is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "organisations_accountrequest:index"
    )
    for reviewer in reviewers:
        language = user_language(reviewer)
        with translation.override(language):
            # One line whatever was stored: a line break would end the header.
            name = " ".join(account_request.name.split())
            subject = _("New account request: %(name)s") % {"name": name}
        _send(
            "organisations/email/new_request.txt",
            subject,
            {"account_request": account_request, "review_url": review_url},
            reviewer.email,
            language,
        )


class AlreadyDecided(Exception):
    pass


def _decide(account_request, status, user, message=""):
    # Lock the row: two editors deciding at once must not both succeed.
    if (
        not AccountRequest.objects.select_for_update()
        .filter(pk=account_request.pk, status=AccountRequest.Status.PENDING)
        .exists()
    ):
        raise AlreadyDecided
    account_request.status = status
    account_request.decided_by = user
    account_request.decided_at = timezone.now()
    account_request.decision_message = message
    account_request.save()


@transaction.atomic
def approve(account_request, user):
    """An editor approves a request: the account is created and the person e-mailed."""
    _decide(account_request, AccountRequest.Status.APPROVED, user)
    return grant_access(account_request)


@transaction.atomic
def decline(account_request, user, message=""):
    """An editor declines a request; the person gets a polite e-mail."""
    _decide(account_request, AccountRequest.Status.DECLINED, user, message)
    with translation.override(account_request.language):
        subject = _("Your account request for %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}
    _send(
        "organisations/email/account_declined.txt",
        subject,
        {"account_request": account_request},
        account_request.email,
        account_request.language,
    )


@transaction.atomic
def invite(*, inviter, organisation, name, email, role, language):
    """An organisation admin invites a colleague: decided at once by the inviter."""
    if not Membership.objects.filter(
        user=inviter, organisation=organisation, role=Role.ADMIN
    ).exists():
        raise PermissionError("Only the organisation's admins may invite to it.")
    invitation = AccountRequest.objects.create(
        kind=AccountRequest.Kind.INVITATION,
        name=name,
        email=email,
        organisation=organisation,
        role=role,
        language=language,
        invited_by=inviter,
        status=AccountRequest.Status.APPROVED,
        decided_by=inviter,
        decided_at=timezone.now(),
    )
    grant_access(invitation)
    return invitation


def organisations_administered_by(user):
    from .models import Organisation

    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.ADMIN
    ).distinct()
