"""The search thesaurus: one concept, its terms in Finnish, Swedish and English.

A query that names a concept in any language also finds practices that use the
concept's terms in another (search.thesaurus expands queries; no reindex needed).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from goodpractice.validators import validate_no_personal_identity_code

SEPARATOR = ";"


class ThesaurusConcept(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    terms_fi = models.CharField(
        _("Finnish terms"),
        max_length=500,
        blank=True,
        help_text=_("Synonyms separated by semicolons, e.g. sijaishuolto; sijoitus"),
        validators=[validate_no_personal_identity_code],
    )
    terms_sv = models.CharField(
        _("Swedish terms"),
        max_length=500,
        blank=True,
        help_text=_("Synonyms separated by semicolons, e.g. sijaishuolto; sijoitus"),
        validators=[validate_no_personal_identity_code],
    )
    terms_en = models.CharField(
        _("English terms"),
        max_length=500,
        blank=True,
        help_text=_("Synonyms separated by semicolons, e.g. sijaishuolto; sijoitus"),
        validators=[validate_no_personal_identity_code],
    )

    panels = [FieldPanel(name) for name in ("slug", "terms_fi", "terms_sv", "terms_en")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus")

    def __str__(self):
        return self.slug

    def terms(self):
        """Every term of the concept, in all three languages."""
        return [term for _lang, term in self.terms_by_language()]

    def terms_by_language(self):
        """[(language code, term)] of every term."""
        found = []
        for lang, value in (("fi", self.terms_fi), ("sv", self.terms_sv), ("en", self.terms_en)):
            found += [(lang, term.strip()) for term in value.split(SEPARATOR) if term.strip()]
        return found
