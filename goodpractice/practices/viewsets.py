from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Adoption, EvidenceLevel, TargetGroup, Theme, ThesaurusConcept

NAME_COLUMNS = ["name_fi", "name_sv", "name_en", "slug"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = NAME_COLUMNS
    search_fields = ["name_fi", "name_sv", "name_en", "slug"]
    ordering = ["sort_order", "name_fi"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = NAME_COLUMNS
    ordering = ["sort_order", "name_fi"]


class EvidenceLevelViewSet(SnippetViewSet):
    model = EvidenceLevel
    icon = "success"
    list_display = ["rank", *NAME_COLUMNS]
    ordering = ["rank"]


class ThesaurusViewSet(SnippetViewSet):
    """Search synonyms in three languages; saving applies them at once (no reindex)."""

    model = ThesaurusConcept
    icon = "search"
    list_display = ["slug", "terms_fi", "terms_sv", "terms_en"]
    search_fields = ["slug", "terms_fi", "terms_sv", "terms_en"]
    ordering = ["slug"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TargetGroupViewSet, EvidenceLevelViewSet, ThesaurusViewSet)
    menu_icon = "list-ul"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


taxonomy_group = TaxonomyViewSetGroup()


class AdoptionCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        # The admin form leaves out created_by; the editor who adds it is on record.
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class AdoptionViewSet(ModelViewSet):
    """Editors list, correct and remove adoptions; organisations register them on the site.

    Only users with the model permissions (the Editors group) reach these views.
    """

    model = Adoption
    add_view_class = AdoptionCreateView
    name = "adoptions"
    url_namespace = "practices_adoption"
    icon = "resubmit"
    menu_label = _("Adoptions")
    menu_name = "adoptions"
    add_to_admin_menu = True
    menu_order = 212
    form_fields = [
        "practice",
        "organisation",
        "adopted_on",
        "changes",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]
    list_display = ["practice", "organisation", "adopted_on", "contact_name", "created_at"]
    search_fields = ["practice__title", "organisation__name_fi", "organisation__name_sv"]
    search_backend_name = None
    ordering = ["-created_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Adoption.objects.select_related("practice", "organisation")


adoption_viewset = AdoptionViewSet()
