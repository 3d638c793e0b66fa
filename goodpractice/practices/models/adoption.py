"""An organisation's record that it has taken a published practice into use."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.validators import NO_HETU

OWN_PRACTICE_MESSAGE = _(
    "%(organisation)s runs this practice already: an organisation cannot adopt its own practice."
)
FUTURE_DATE_MESSAGE = _("The date of adoption cannot be in the future.")


def validate_not_in_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(FUTURE_DATE_MESSAGE, code="future_date")


def original_practice(page):
    """The practice as its authors wrote it: the page every language version shares.

    An alias shows its original. A translation made with wagtail-localize is a page of
    its own, so the original is the version of the translation key that is neither an
    alias nor a translation target (as in the exporter); else the oldest version.
    """
    from wagtail_localize.models import Translation

    from .practice import PracticePage

    if page.alias_of_id:
        return PracticePage.objects.get(pk=page.alias_of_id)
    versions = PracticePage.objects.filter(
        translation_key=page.translation_key, alias_of__isnull=True
    ).order_by("pk")
    translated = Translation.objects.filter(
        source__object_id=models.OuterRef("translation_key"),
        target_locale=models.OuterRef("locale"),
    )
    return versions.exclude(models.Exists(translated)).first() or versions.first() or page


class AdoptionQuerySet(models.QuerySet):
    def of_practice(self, page):
        """Adoptions of a practice, whichever language version of it page is."""
        return self.filter(practice__translation_key=page.translation_key)

    def public(self):
        """Adoptions of practices that are published."""
        from .practice import PracticePage

        return self.filter(practice__in=PracticePage.objects.live().public().values("pk"))


class Adoption(models.Model):
    """Organisation X uses practice P too: when, with what changes, and whom to ask.

    Kept on the original practice page (see original_practice), so an adoption counts
    for the practice in every language. The contact is personal data: shown only to the
    practice's own organisations and editors, never on the public page or in open data.
    """

    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("adopting organisation"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    adopted_on = models.DateField(
        _("adopted on"),
        validators=[validate_not_in_future],
        help_text=_("When your organisation started to use the practice."),
    )
    changes = models.TextField(
        _("what was changed"),
        max_length=2000,
        blank=True,
        validators=NO_HETU,
        help_text=_("How your version differs from the original, in a few sentences."),
    )
    language = models.CharField(
        _("language of the text"),
        max_length=2,
        choices=[(code, code) for code in CONTENT_LANGUAGES],
        default="fi",
        editable=False,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, validators=NO_HETU)
    contact_email = models.EmailField(_("contact's e-mail"))
    contact_phone = models.CharField(_("contact's phone"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="one_adoption_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.practice}"

    def clean(self):
        super().clean()
        if self.practice_id:
            self.practice = original_practice(self.practice)
        if (
            self.practice_id
            and self.organisation_id
            and self.practice.organisations.filter(pk=self.organisation_id).exists()
        ):
            raise ValidationError(
                {
                    "organisation": ValidationError(
                        OWN_PRACTICE_MESSAGE,
                        code="own_practice",
                        params={"organisation": self.organisation},
                    )
                }
            )
