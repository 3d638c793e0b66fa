from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import services
from .models import MANAGE_PERMISSION
from .views import EraseView, ExportView, PersonView


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("personal-data/", PersonView.as_view(), name="privacy_person"),
        path("personal-data/export/", ExportView.as_view(), name="privacy_export"),
        path("personal-data/erase/", EraseView.as_view(), name="privacy_erase"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_privacy_menu_item():
    return PersonalDataMenuItem(
        _("Personal data"), reverse("privacy_person"), name="personal-data", icon_name="user"
    )


@hooks.register("register_log_actions")
def register_privacy_actions(actions):
    actions.register_action(
        services.EXPORT_ACTION, _("Export personal data"), _("Personal data exported")
    )
    actions.register_action(
        services.ERASE_ACTION, _("Erase personal data"), _("Personal data erased")
    )
