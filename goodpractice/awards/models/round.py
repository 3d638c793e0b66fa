"""A yearly prize round, its phases and its scoring criteria."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from goodpractice.i18n import localized_value
from goodpractice.validators import NO_HETU


class PhaseError(ValidationError):
    """An action attempted outside the round phase that allows it."""


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    NOMINATION = "nomination", _("Open for nominations")
    SCREENING = "screening", _("Screening nominations")
    SCORING = "scoring", _("Jury scoring")
    DELIBERATION = "deliberation", _("Jury deliberation")
    ANNOUNCED = "announced", _("Announced")


def _as_local_date(moment):
    """Dates in a round are calendar days in Finland; accept a date or a datetime."""
    if moment is None:
        return timezone.localdate()
    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


# (earlier field, later field): the order the round's dates must follow.
DATE_ORDER = [
    ("nominations_open", "nominations_close"),
    ("nominations_close", "screening_end"),
    ("screening_end", "scoring_open"),
    ("scoring_open", "scoring_close"),
    ("scoring_close", "announcement_date"),
]


class Round(ClusterableModel):
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2013), MaxValueValidator(2100)],
        help_text=_("The prize year, e.g. the year the winner is announced."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200, validators=NO_HETU)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, validators=NO_HETU)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True, validators=NO_HETU)
    call_text_fi = models.TextField(_("call text in Finnish"), blank=True, validators=NO_HETU)
    call_text_sv = models.TextField(_("call text in Swedish"), blank=True, validators=NO_HETU)
    call_text_en = models.TextField(_("call text in English"), blank=True, validators=NO_HETU)

    nominations_open = models.DateField(_("nominations open"))
    nominations_close = models.DateField(
        _("nominations close"), help_text=_("The last day nominations are accepted.")
    )
    screening_end = models.DateField(
        _("screening ends"), help_text=_("The day by which the secretariat has screened.")
    )
    scoring_open = models.DateField(_("jury scoring opens"))
    scoring_close = models.DateField(
        _("jury scoring closes"), help_text=_("The last day jurors can change scores.")
    )
    announcement_date = models.DateField(_("announcement date"))
    announcement_published = models.BooleanField(
        _("announcement published"),
        default=False,
        help_text=_("Publish the winner now, before the announcement date."),
    )

    panel_weight = models.DecimalField(
        _("client panel weight"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Share of the client panel's score in the ranking, from 0 (not counted) to 1; "
            "the jury has the rest."
        ),
    )

    panels = [
        FieldPanel("year"),
        MultiFieldPanel(
            [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [FieldPanel("call_text_fi"), FieldPanel("call_text_sv"), FieldPanel("call_text_en")],
            heading=_("Call for nominations"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("nominations_open"), FieldPanel("nominations_close")]),
                FieldPanel("screening_end"),
                FieldRowPanel([FieldPanel("scoring_open"), FieldPanel("scoring_close")]),
                FieldRowPanel(
                    [FieldPanel("announcement_date"), FieldPanel("announcement_published")]
                ),
            ],
            heading=_("Schedule"),
        ),
        InlinePanel(
            "criteria",
            heading=_("Criteria"),
            label=_("Criterion"),
            help_text=_("Left empty, the prize's published criteria are added."),
        ),
        FieldPanel("panel_weight"),
        InlinePanel("jury_members", heading=_("Jury and client panel"), label=_("Member")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("prize round")
        verbose_name_plural = _("prize rounds")

    def __str__(self):
        return f"{self.name} ({self.year})" if self.name else str(self.year)

    @property
    def name(self):
        return localized_value(self, "name")

    @property
    def call_text(self):
        return localized_value(self, "call_text")

    def clean(self):
        super().clean()
        errors = {}
        for earlier, later in DATE_ORDER:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                errors[later] = _("This date cannot be before “%(other)s”.") % {
                    "other": self._meta.get_field(earlier).verbose_name
                }
        if self.announcement_published and not self.has_decision:
            errors["announcement_published"] = _(
                "The announcement can be published only after the decision is recorded."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def status(self):
        return Phase(self.phase()).label

    status.fget.short_description = _("phase")

    @property
    def has_decision(self):
        return self.pk is not None and hasattr(self, "decision")

    # Phases. Each date is a whole day in Finnish time; the close dates are inclusive.

    def phase(self, today=None):
        today = _as_local_date(today)
        if self.announcement_published or today >= self.announcement_date:
            return Phase.ANNOUNCED
        if today < self.nominations_open:
            return Phase.UPCOMING
        if today <= self.nominations_close:
            return Phase.NOMINATION
        if today < self.scoring_open:
            return Phase.SCREENING
        if today <= self.scoring_close:
            return Phase.SCORING
        return Phase.DELIBERATION

    def accepts_nominations(self, now=None):
        return self.phase(now) == Phase.NOMINATION

    def scoring_is_open(self, now=None):
        return self.phase(now) == Phase.SCORING

    def scoring_has_closed(self, now=None):
        return _as_local_date(now) > self.scoring_close or self.announcement_published

    def is_announced(self, now=None):
        """Public only when the phase has come and there is a decision to show."""
        return self.phase(now) == Phase.ANNOUNCED and self.has_decision

    def ensure_accepts_nominations(self, now=None):
        if not self.accepts_nominations(now):
            raise PhaseError(
                _("Nominations for %(year)s are accepted from %(start)s to %(end)s.")
                % {
                    "year": self.year,
                    "start": date_format(self.nominations_open),
                    "end": date_format(self.nominations_close),
                },
                code="nominations_closed",
            )

    def ensure_scoring_open(self, now=None):
        if self.scoring_has_closed(now):
            raise PhaseError(
                _("Scoring closed on %(end)s; scores can no longer be changed.")
                % {"end": date_format(self.scoring_close)},
                code="scoring_closed",
            )
        if not self.scoring_is_open(now):
            raise PhaseError(
                _("Scoring opens on %(start)s.") % {"start": date_format(self.scoring_open)},
                code="scoring_not_open",
            )

    def ensure_decision_allowed(self, now=None):
        if not self.scoring_has_closed(now):
            raise PhaseError(
                _("The decision can be recorded after scoring closes on %(end)s.")
                % {"end": date_format(self.scoring_close)},
                code="scoring_not_closed",
            )
        if self.phase(now) == Phase.ANNOUNCED and self.has_decision:
            raise PhaseError(
                _("The winner has been announced; the decision can no longer be changed."),
                code="announced",
            )


class Criterion(Orderable):
    round = ParentalKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name_fi = models.CharField(_("name in Finnish"), max_length=200, validators=NO_HETU)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, validators=NO_HETU)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True, validators=NO_HETU)
    description_fi = models.TextField(_("description in Finnish"), blank=True, validators=NO_HETU)
    description_sv = models.TextField(_("description in Swedish"), blank=True, validators=NO_HETU)
    description_en = models.TextField(_("description in English"), blank=True, validators=NO_HETU)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Relative weight: a criterion with weight 2 counts twice as much as 1."),
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)

    panels = [
        FieldRowPanel([FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")]),
        FieldRowPanel(
            [
                FieldPanel("description_fi"),
                FieldPanel("description_sv"),
                FieldPanel("description_en"),
            ]
        ),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="awards_criterion_scale_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="awards_criterion_weight_positive"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized_value(self, "name")

    @property
    def description(self):
        return localized_value(self, "description")

    def clean(self):
        super().clean()
        if (
            self.scale_min is not None
            and self.scale_max is not None
            and self.scale_max <= self.scale_min
        ):
            raise ValidationError(
                {"scale_max": _("The highest score must be greater than the lowest.")}
            )

    def scale(self):
        return range(self.scale_min, self.scale_max + 1)
