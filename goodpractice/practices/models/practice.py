"""The good practice page: a structured description of one operating model."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.validators import (
    NO_HETU,
    single_line_errors,
    validate_phone_number,
)

from ..forms import PracticePageForm
from ..panels import ChangeRequestPanel, SubmissionChecklistPanel
from ..permissions import ALL_PRACTICES_PERMISSION as EDITORS_ONLY
from ..sections import SECTIONS

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class Status(models.TextChoices):
    IN_USE = "in_use", _("In use")
    PILOT = "pilot", _("Pilot")
    ENDED = "ended", _("Ended")


def _section_field(heading, help_text, required=False):
    return RichTextField(
        heading,
        features=RICH_TEXT_FEATURES,
        blank=not required,
        help_text=help_text,
        validators=NO_HETU,
    )


class PracticeKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_keywords"
    )


class PracticePage(Page):
    language = models.CharField(
        _("language of the text"),
        max_length=2,
        choices=[(code, code) for code in CONTENT_LANGUAGES],
        default="fi",
        editable=False,
        help_text=_("Set from the page's locale; an untranslated copy keeps its original's."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Stable identifier used by imports, e.g. innokyla-1234."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        validators=NO_HETU,
        help_text=_("One paragraph, at most 600 characters: what the practice is and for whom."),
    )
    need = _section_field(
        _("the need it answers"), _("What problem or need does the practice answer? For whom?")
    )
    description = _section_field(
        _("what is done"),
        _("Describe step by step what is done, by whom and when."),
        required=True,
    )
    implementers = _section_field(
        _("who does it"), _("Professions, teams and partners (NGOs, schools, health care).")
    )
    participation = _section_field(
        _("how clients participate"),
        _("How children, young people and parents take part in planning and developing it."),
    )
    results = _section_field(
        _("results"), _("What has changed for children and families? Figures where you have them.")
    )
    evaluation = models.TextField(
        _("evaluation"),
        blank=True,
        validators=NO_HETU,
        help_text=_("How the results were followed up or evaluated, and by whom."),
    )
    evidence_level = models.ForeignKey(
        "practices.EvidenceLevel",
        verbose_name=_("evidence level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    resources = _section_field(
        _("resources and costs"), _("Staff, time, money and tools the practice needs.")
    )
    adoption = _section_field(
        _("how to adopt it"),
        _("What another organisation needs to know and do to start using it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_USE
    )
    started_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    organisations = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations"),
        related_name="practices",
        help_text=_("The municipalities, counties or other bodies that run the practice."),
    )
    themes = ParentalManyToManyField(
        "practices.Theme", verbose_name=_("themes"), related_name="practices"
    )
    target_groups = ParentalManyToManyField(
        "practices.TargetGroup",
        verbose_name=_("target groups"),
        related_name="practices",
        blank=True,
    )
    keywords = ClusterTaggableManager(
        _("keywords"),
        through=PracticeKeyword,
        blank=True,
        help_text=_("Free keywords beside the themes."),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, validators=NO_HETU
    )
    contact_title = models.CharField(
        _("contact's title"), max_length=200, blank=True, validators=NO_HETU
    )
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact's phone"), max_length=40, blank=True, validators=[validate_phone_number]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Show on the home page.")
    )
    first_published_on = models.DateTimeField(editable=False, null=True)
    # Kept out of revisions (see with_content_json): set on every publication and by an
    # editor's "mark as reviewed", never rolled back by publishing an older draft.
    last_reviewed_at = models.DateTimeField(_("last reviewed"), editable=False, null=True)

    base_form_class = PracticePageForm
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    content_panels = (
        [ChangeRequestPanel(), SubmissionChecklistPanel()]
        + Page.content_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel(
                [FieldPanel(name) for name, _heading, _formats in SECTIONS if name != "results"],
                heading=_("Description"),
            ),
            MultiFieldPanel(
                [FieldPanel("results"), FieldPanel("evaluation"), FieldPanel("evidence_level")],
                heading=_("Results and evaluation"),
            ),
        ]
    )
    classification_panels = [
        # Drafts save without them; a submission needs them (checklist.py).
        FieldPanel("organisations", required_on_save=False),
        FieldRowPanel([FieldPanel("status"), FieldPanel("started_year")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple, required_on_save=False),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("keywords"),
        FieldPanel("featured"),
    ]
    material_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_title")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact person"),
        ),
        FieldPanel("image"),
        InlinePanel("links", label=_("Links")),
        InlinePanel("documents", label=_("Documents")),
    ]
    # Only editors see these: the slug comes from the title, the search engines' title and
    # description fall back to the title and summary, and practices are not in menus.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=EDITORS_ONLY),
                FieldPanel("seo_title", permission=EDITORS_ONLY),
                FieldPanel("search_description", permission=EDITORS_ONLY),
            ],
            heading=_("For search engines"),
        ),
        FieldPanel("show_in_menus", permission=EDITORS_ONLY),
        FieldPanel("external_id", permission=EDITORS_ONLY),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Description")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(material_panels, heading=_("Contact and material")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("language"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        # "Newest practices" and "featured" read the first rows of these instead of
        # sorting the whole catalogue.
        indexes = [
            models.Index(fields=["-first_published_on", "-page_ptr"], name="practice_newest"),
            models.Index(
                fields=["-first_published_on", "-page_ptr"],
                condition=models.Q(featured=True),
                name="practice_featured_newest",
            ),
        ]

    def clean(self):
        super().clean()
        # Titles end up in e-mail subjects and spreadsheet rows: one line only.
        errors = single_line_errors(self)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The text is written in the language of the page's own locale; an alias in another
        # locale shows its original's text, so it keeps the original's language.
        if not self.alias_of_id and self.locale_id:
            self.language = self.locale.language_code.split("-")[0]
        if self.live and not self.first_published_on:
            self.first_published_on = self.first_published_at or timezone.now()
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page.last_reviewed_at = self.last_reviewed_at
        return page

    def get_context(self, request, *args, **kwargs):
        from goodpractice.operations import page_cache

        # Cached, the page is dropped when this practice (or a related one) changes, not
        # on every publish (operations/page_cache.py).
        page_cache.depends_on(request, page_cache.practice_group(self.translation_key))
        return super().get_context(request, *args, **kwargs)

    def permissions_for_user(self, user):
        from ..permissions import PracticePermissionTester

        return PracticePermissionTester(user, self)

    @property
    def regions(self):
        seen = {}
        for organisation in self.organisations.all():
            region = organisation.region
            if region and region.pk not in seen:
                seen[region.pk] = region
        return list(seen.values())

    def sections(self):
        """(field, heading, html) for each non-empty section, in reading order."""
        return [
            (name, heading, getattr(self, name))
            for name, heading, _formats in SECTIONS
            if getattr(self, name)
        ]


class PracticeLink(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True, validators=NO_HETU)

    panels = [FieldPanel("url"), FieldPanel("title")]


class PracticeDocument(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
