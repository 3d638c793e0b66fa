"""The jury of a round: members, conflicts of interest and scores."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from goodpractice.validators import NO_HETU


class Role(models.TextChoices):
    JUROR = "juror", _("Juror")
    CHAIR = "chair", _("Chair of the jury")
    PANEL = "panel", _("Client panel (expert by experience)")


class JuryMemberQuerySet(models.QuerySet):
    def jurors(self):
        """Members whose scores form the jury's ranking: jurors and the chair."""
        return self.exclude(role=Role.PANEL)

    def panel(self):
        return self.filter(role=Role.PANEL)


class JuryMember(models.Model):
    round = ParentalKey("awards.Round", on_delete=models.CASCADE, related_name="jury_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="jury_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.JUROR)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="jury_members",
        help_text=_("The member's employer; nominations of it and its county are conflicted."),
    )

    objects = JuryMemberQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("role"), FieldPanel("organisation")]),
    ]

    class Meta:
        ordering = ["round", "role", "pk"]
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="awards_jurymember_unique"),
        ]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.get_role_display()})"

    @property
    def is_chair(self):
        return self.role == Role.CHAIR

    @property
    def is_panel(self):
        return self.role == Role.PANEL


class Conflict(models.Model):
    jury_member = models.ForeignKey(
        JuryMember,
        verbose_name=_("jury member"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reason = models.TextField(_("reason"), blank=True, validators=NO_HETU)
    automatic = models.BooleanField(
        _("automatic"),
        default=False,
        help_text=_("Found from the member's organisation rather than declared."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["jury_member", "nomination"], name="awards_conflict_unique"
            ),
        ]

    def __str__(self):
        return f"{self.jury_member} – {self.nomination}"

    def clean(self):
        super().clean()
        if not self.automatic and not self.reason.strip():
            raise ValidationError({"reason": _("Give a reason for the conflict of interest.")})


class ScoreQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Score(models.Model):
    # PROTECT: scores are the jury's record; a member or criterion with scores stays.
    jury_member = models.ForeignKey(
        JuryMember, verbose_name=_("jury member"), on_delete=models.PROTECT, related_name="scores"
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        "awards.Criterion",
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    value = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, validators=NO_HETU)
    submitted_at = models.DateTimeField(
        _("submitted"), null=True, blank=True, help_text=_("Empty while the score is a draft.")
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["nomination", "jury_member", "criterion__sort_order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["jury_member", "nomination", "criterion"], name="awards_score_unique"
            ),
        ]

    def __str__(self):
        # No value: the label is stored in the audit log, which others may read.
        return f"{self.jury_member} / {self.nomination.reference} / {self.criterion}"

    def clean(self):
        super().clean()
        criterion = self.criterion
        if self.value is not None and not criterion.scale_min <= self.value <= criterion.scale_max:
            raise ValidationError(
                {
                    "value": _("Give a score from %(low)s to %(high)s.")
                    % {"low": criterion.scale_min, "high": criterion.scale_max}
                }
            )
        rounds = {self.jury_member.round_id, self.nomination.round_id, criterion.round_id}
        if len(rounds) != 1:
            raise ValidationError(_("The member, nomination and criterion must share a round."))


class JuryWork(models.Model):
    """Holds the jury's permissions, nothing else.

    Model permissions on scores or conflicts would also open Wagtail's generic views of
    those models to jurors (site history, choosers, exports). A permission on a model that
    is never stored or logged opens nothing but the jury views, which check it.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("score_nominations", "Can score nominations of the rounds one sits on"),
            ("declare_conflicts", "Can declare conflicts of interest"),
        ]
