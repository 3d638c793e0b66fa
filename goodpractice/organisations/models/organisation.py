from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from goodpractice.i18n import LocalizedNameMixin
from goodpractice.validators import validate_no_personal_identity_code

# Helsinki organises its own social and health services instead of a wellbeing
# services county, so it acts as a region of its own.
HELSINKI_CODE = "091"


class OrganisationQuerySet(models.QuerySet):
    def regions(self):
        """Counties and Helsinki: the bodies that organise child protection."""
        return self.filter(
            models.Q(kind=Organisation.Kind.COUNTY) | models.Q(code=HELSINKI_CODE)
        ).order_by("name_fi")

    def by_region_code(self, code):
        """Organisations in a region given by county code ("VS") or "helsinki"."""
        return self.filter(region__code=region_code(code))

    def lookup(self, reference):
        """Find an organisation by municipality or county code, "helsinki" or exact name."""
        reference = (reference or "").strip()
        if not reference:
            return None
        code = region_code(reference)
        match = self.filter(code__iexact=code).first()
        if match:
            return match
        return self.filter(
            models.Q(name_fi__iexact=reference)
            | models.Q(name_sv__iexact=reference)
            | models.Q(name_en__iexact=reference)
        ).first()


def region_code(value):
    value = (value or "").strip()
    return HELSINKI_CODE if value.lower() == "helsinki" else value.upper()


class Organisation(index.Indexed, LocalizedNameMixin, models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("Wellbeing services county")
        OTHER = "other", _("Other organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Statistics Finland municipality code or county code; empty for others."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_fi = models.CharField(
        _("name in Finnish"), max_length=200, validators=[validate_no_personal_identity_code]
    )
    name_sv = models.CharField(
        _("name in Swedish"),
        max_length=200,
        blank=True,
        validators=[validate_no_personal_identity_code],
    )
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        validators=[validate_no_personal_identity_code],
    )
    region = models.ForeignKey(
        "self",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_(
            "The wellbeing services county (or Helsinki) that organises child protection "
            "for this organisation."
        ),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("code")]),
        MultiFieldPanel(
            [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")],
            heading=_("Name"),
        ),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("population"), FieldPanel("website")]),
    ]

    search_fields = [
        index.SearchField("name_fi"),
        index.SearchField("name_sv"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_fi"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def is_region(self):
        return self.kind == self.Kind.COUNTY or self.code == HELSINKI_CODE

    @property
    def region_key(self):
        """The value used for the county filter: county code, or "helsinki"."""
        return "helsinki" if self.code == HELSINKI_CODE else self.code

    def get_absolute_url(self):
        return reverse("organisation_detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        # A region is its own region, so filtering by county finds the county's own practices.
        if self.is_region and self.pk:
            self.region_id = self.pk
        super().save(*args, **kwargs)
        if self.is_region and self.region_id != self.pk:
            type(self).objects.filter(pk=self.pk).update(region=self.pk)
            self.region_id = self.pk
