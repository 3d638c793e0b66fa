from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EvidenceLevel, TargetGroup, Theme

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


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, TargetGroupViewSet, EvidenceLevelViewSet)
    menu_icon = "list-ul"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


taxonomy_group = TaxonomyViewSetGroup()
