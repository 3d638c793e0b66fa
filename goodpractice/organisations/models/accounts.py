"""Users' membership of organisations, and requests and invitations for an account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.validators import validate_no_personal_identity_code

LANGUAGE_CHOICES = [(code, code) for code in CONTENT_LANGUAGES]


class Role(models.TextChoices):
    CONTRIBUTOR = "contributor", _("Contributor")
    ADMIN = "admin", _("Organisation admin")


class MembershipQuerySet(models.QuerySet):
    def administered_by(self, user):
        """Memberships in the organisations where user is an organisation admin."""
        return self.filter(
            organisation__memberships__user=user, organisation__memberships__role=Role.ADMIN
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name_fi", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        permissions = [
            (
                "work_on_all_practices",
                _("Can see and edit the practices of every organisation"),
            )
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} – {self.organisation}"


class AccountRequest(models.Model):
    """A person's request for an account, or an organisation admin's invitation.

    Requests wait for an editor's decision; invitations are decided by the inviting
    organisation admin when they are sent.
    """

    class Kind(models.TextChoices):
        REQUEST = "request", _("Request")
        INVITATION = "invitation", _("Invitation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REQUEST)
    name = models.CharField(
        _("name"), max_length=200, validators=[validate_no_personal_identity_code]
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="account_requests",
    )
    email = models.EmailField(_("work e-mail"))
    reason = models.TextField(
        _("reason"), blank=True, validators=[validate_no_personal_identity_code]
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.CONTRIBUTOR
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="fi")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(
        _("message to the applicant"),
        blank=True,
        validators=[validate_no_personal_identity_code],
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_requests",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING
