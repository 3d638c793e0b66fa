from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    menu_name = "organisations"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name_fi", "name_sv", "kind", "code", "region"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    ordering = ["name_fi"]


organisation_viewset = OrganisationViewSet()
