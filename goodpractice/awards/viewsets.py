from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import merge_nomination
from .forms import NominationAdminForm, RoundAdminForm
from .models import Nomination, Round
from .services import likely_duplicates


class RoundViewSet(SnippetViewSet):
    model = Round
    icon = "date"
    menu_label = _("Rounds")
    list_display = ["year", "name_fi", "nominations_open", "nominations_close", "status"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    ordering = ["-year"]
    edit_handler = ObjectList(Round.panels, base_form_class=RoundAdminForm)


def _duplicate_references(nomination):
    return ", ".join(other.reference for other in likely_duplicates(nomination))


class NominationViewSet(SnippetViewSet):
    model = Nomination
    icon = "form"
    menu_label = _("Nominations")
    list_display = [
        "reference",
        "title",
        "nominee",
        "screening_status",
        "duplicate_of",
        Column("likely_duplicates", label=_("Likely duplicates"), accessor=_duplicate_references),
        "created_at",
    ]
    list_filter = ["round", "screening_status"]
    search_fields = ["reference", "title", "nominee__name_fi", "nominee__name_sv"]
    ordering = ["-round__year", "sequence"]
    edit_handler = ObjectList(Nomination.panels, base_form_class=NominationAdminForm)

    def get_queryset(self, request):
        return Nomination.objects.select_related("round", "nominee", "duplicate_of")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("merge/<str:pk>/", merge_nomination, name="merge"),
        ]


class AwardsViewSetGroup(SnippetViewSetGroup):
    items = (RoundViewSet, NominationViewSet)
    menu_icon = "calendar-check"
    menu_label = _("Prize")
    menu_name = "prize"
    menu_order = 220


awards_group = AwardsViewSetGroup()
