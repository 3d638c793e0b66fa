"""A public nomination of an achievement for a round."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from goodpractice.validators import (
    NO_HETU,
    single_line_errors,
)

from ..panels import AttachmentsPanel

REFERENCE_PREFIX = "LT"


def format_reference(year, sequence):
    return f"{REFERENCE_PREFIX}-{year}-{sequence:04d}"


class ScreeningStatus(models.TextChoices):
    PENDING = "pending", _("Not screened")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class NominationQuerySet(models.QuerySet):
    def eligible(self):
        # A merged duplicate is scored through the nomination it was merged into.
        return self.filter(screening_status=ScreeningStatus.ELIGIBLE, duplicate_of__isnull=True)


class Nomination(models.Model):
    round = models.ForeignKey(
        "awards.Round",
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    sequence = models.PositiveIntegerField(_("number in the round"), editable=False)
    reference = models.CharField(
        _("reference number"),
        max_length=20,
        unique=True,
        editable=False,
        validators=[RegexValidator(rf"^{REFERENCE_PREFIX}-\d{{4}}-\d{{4,}}$")],
    )
    nominee = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("nominated organisation"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    title = models.CharField(_("name of the achievement"), max_length=255, validators=NO_HETU)
    what_was_done = models.TextField(_("what was done"), validators=NO_HETU)
    for_whom = models.TextField(_("for whom"), validators=NO_HETU)
    results = models.TextField(_("results"), validators=NO_HETU)
    client_participation = models.TextField(
        _("how clients took part"), blank=True, validators=NO_HETU
    )
    how_to_adopt = models.TextField(_("how others could adopt it"), blank=True, validators=NO_HETU)
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice in the knowledge base"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[("fi", "suomi"), ("sv", "svenska"), ("en", "English")],
        default="fi",
        help_text=_("The language the nominator used; replies are sent in it."),
    )

    # Personal data: shown only to the secretariat, removed after the announcement
    # (blank only once removed; see clean()).
    nominator_name = models.CharField(
        _("nominator's name"), max_length=200, blank=True, validators=NO_HETU
    )
    nominator_email = models.EmailField(_("nominator's e-mail"), blank=True)
    nominator_phone = models.CharField(_("nominator's phone"), max_length=40, blank=True)
    nominator_organisation = models.CharField(
        _("nominator's organisation"), max_length=200, blank=True, validators=NO_HETU
    )
    consent_to_publish = models.BooleanField(
        _("consent to publish"),
        default=False,
        help_text=_("The nominator agrees that the description may be published."),
    )
    contacts_removed_at = models.DateTimeField(
        _("contact details removed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the nominator's contact details were removed after the announcement."),
    )

    screening_status = models.CharField(
        _("screening"),
        max_length=12,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.PENDING,
    )
    screening_reason = models.TextField(
        _("screening reason"),
        blank=True,
        validators=NO_HETU,
        help_text=_("Why the nomination is or is not eligible."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_("Merge this nomination into another one in the same round."),
    )
    notes = models.TextField(
        _("secretariat's notes"),
        blank=True,
        validators=NO_HETU,
        help_text=_("Internal notes, e.g. the text of duplicates merged into this nomination."),
    )
    assigned_members = models.ManyToManyField(
        "awards.JuryMember",
        verbose_name=_("jury members who score it"),
        blank=True,
        related_name="assigned_nominations",
        help_text=_(
            "Every jury and client panel member of the round by default. Members with a "
            "conflict of interest are left out of the scoring anyway."
        ),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = NominationQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("screening_status"), FieldPanel("duplicate_of")]),
                FieldPanel("screening_reason"),
                FieldPanel("notes"),
                FieldPanel("assigned_members", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Screening"),
        ),
        AttachmentsPanel(heading=_("Attachments")),
        FieldPanel("round"),
        FieldPanel("nominee"),
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldPanel("what_was_done"),
                FieldPanel("for_whom"),
                FieldPanel("results"),
                FieldPanel("client_participation"),
                FieldPanel("how_to_adopt"),
                FieldPanel("practice"),
            ],
            heading=_("Description"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("nominator_name"), FieldPanel("nominator_organisation")]),
                FieldRowPanel([FieldPanel("nominator_email"), FieldPanel("nominator_phone")]),
                FieldRowPanel([FieldPanel("language"), FieldPanel("consent_to_publish")]),
            ],
            heading=_("Nominator"),
        ),
    ]

    class Meta:
        ordering = ["round", "sequence"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "sequence"], name="awards_nomination_unique_sequence"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def clean(self):
        super().clean()
        errors = single_line_errors(self)
        if not self.contacts_removed_at:
            for name in ("nominator_name", "nominator_email"):
                if not getattr(self, name):
                    errors[name] = forms.Field.default_error_messages["required"]
        if (
            self.screening_status == ScreeningStatus.INELIGIBLE
            and not self.screening_reason.strip()
        ):
            errors["screening_reason"] = _("Give the reason why the nomination is not eligible.")
        if errors:
            raise ValidationError(errors)
        if self.duplicate_of_id:
            if self.duplicate_of_id == self.pk:
                raise ValidationError({"duplicate_of": _("A nomination cannot duplicate itself.")})
            if self.round_id and self.duplicate_of.round_id != self.round_id:
                raise ValidationError(
                    {"duplicate_of": _("Choose a nomination from the same round.")}
                )

    def save(self, *args, **kwargs):
        if self.reference:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self._allocate_reference()
            return super().save(*args, **kwargs)

    def _allocate_reference(self):
        # Locking the round serialises concurrent nominations, so numbers never collide.
        from .round import Round

        round_ = Round.objects.select_for_update().get(pk=self.round_id)
        last = type(self).objects.filter(round=round_).aggregate(models.Max("sequence"))
        self.sequence = (last["sequence__max"] or 0) + 1
        self.reference = format_reference(round_.year, self.sequence)

    @property
    def is_eligible(self):
        return self.screening_status == ScreeningStatus.ELIGIBLE and not self.duplicate_of_id
