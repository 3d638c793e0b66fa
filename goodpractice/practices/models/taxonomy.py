"""The curated taxonomy: themes, target groups and evidence levels, named in fi/sv/en."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from goodpractice.i18n import LocalizedNameMixin, localized_value
from goodpractice.validators import NO_HETU


def _name_panels():
    return MultiFieldPanel(
        [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")],
        heading=_("Name"),
    )


class TaxonomyTerm(LocalizedNameMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=150, validators=NO_HETU)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, validators=NO_HETU)
    name_en = models.CharField(_("name in English"), max_length=150, validators=NO_HETU)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_fi"]

    def names(self):
        return [self.name_fi, self.name_sv, self.name_en]


class Theme(TaxonomyTerm):
    description_fi = models.TextField(_("description in Finnish"), blank=True, validators=NO_HETU)
    description_sv = models.TextField(_("description in Swedish"), blank=True, validators=NO_HETU)
    description_en = models.TextField(_("description in English"), blank=True, validators=NO_HETU)

    panels = [
        _name_panels(),
        FieldPanel("slug"),
        MultiFieldPanel(
            [
                FieldPanel("description_fi"),
                FieldPanel("description_sv"),
                FieldPanel("description_en"),
            ],
            heading=_("Description"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    @property
    def description(self):
        return localized_value(self, "description")

    def get_absolute_url(self):
        return reverse("theme_detail", kwargs={"slug": self.slug})


class TargetGroup(TaxonomyTerm):
    panels = [_name_panels(), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class EvidenceLevel(TaxonomyTerm):
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    meaning_fi = models.TextField(_("meaning in Finnish"), blank=True, validators=NO_HETU)
    meaning_sv = models.TextField(_("meaning in Swedish"), blank=True, validators=NO_HETU)
    meaning_en = models.TextField(_("meaning in English"), blank=True, validators=NO_HETU)

    panels = [
        _name_panels(),
        FieldPanel("slug"),
        FieldPanel("rank"),
        MultiFieldPanel(
            [FieldPanel("meaning_fi"), FieldPanel("meaning_sv"), FieldPanel("meaning_en")],
            heading=_("Meaning"),
        ),
    ]

    class Meta:
        ordering = ["rank"]
        verbose_name = _("evidence level")
        verbose_name_plural = _("evidence levels")

    @property
    def meaning(self):
        return localized_value(self, "meaning")
