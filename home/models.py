from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from goodpractice.validators import validate_no_personal_identity_code


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from goodpractice.practices.models import PracticeIndexPage
        from goodpractice.practices.queries import newest, public_practices

        context = super().get_context(request, *args, **kwargs)
        practices = public_practices()
        context.update(
            featured_practices=newest(practices.filter(featured=True), 3),
            newest_practices=newest(practices, 6),
            practice_index=PracticeIndexPage.objects.live()
            .filter(locale=self.locale)
            .order_by("pk")
            .first(),
        )
        return context


class InfoPage(Page):
    """A page of the public sector's obligations, created in every language by setup_site
    and edited by the editors; linked from every footer."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class ContactPage(InfoPage):
    template = "home/info_page.html"

    class Meta:
        verbose_name = _("contact page")


class AccessibilityStatementPage(InfoPage):
    """The accessibility statement the Act on the Provision of Digital Services (306/2019)
    requires, with its feedback form."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    compliance = models.CharField(
        _("compliance with WCAG 2.1 level AA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    known_gaps = RichTextField(
        _("known gaps"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("The content that is not yet accessible, and when it will be fixed."),
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    assessment = models.CharField(_("how it was assessed"), max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("compliance"),
        FieldPanel("known_gaps"),
        FieldPanel("assessed_on"),
        FieldPanel("assessment"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    def serve(self, request, *args, **kwargs):
        from .feedback import handle_feedback

        return handle_feedback(self, request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .feedback import AccessibilityFeedbackForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", AccessibilityFeedbackForm())
        return context


class PrivacyNoticePage(InfoPage):
    """The privacy notice; what is processed and why comes from the personal data registry
    (goodpractice/privacy/registry.py), so the notice follows the code."""

    controller = RichTextField(
        _("controller and contact"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("controller"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        from goodpractice.privacy import registry

        context = super().get_context(request, *args, **kwargs)
        context["register"] = sorted(
            registry.entries(), key=lambda entry: str(entry.verbose_name())
        )
        return context


class AccessibilityFeedback(models.Model):
    """Feedback on the site's accessibility, for the editors to answer (within 14 days)."""

    message = models.TextField(_("feedback"), validators=[validate_no_personal_identity_code])
    page_address = models.CharField(_("page address"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail for the reply"), blank=True)
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.message[:60]}"
