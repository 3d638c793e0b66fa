from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .accounts import REVIEW_PERMISSION, organisations_administered_by
from .admin_views import JoinOrganisationView, OrganisationMembersView
from .panels import PendingAccountRequestsPanel
from .viewsets import accounts_group, organisation_viewset

register_snippet(organisation_viewset)


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return accounts_group


@hooks.register("register_admin_urls")
def register_members_url():
    return [
        path("my-organisation/", OrganisationMembersView.as_view(), name="organisations_members"),
        path(
            "my-organisation/join/<str:token>/",
            JoinOrganisationView.as_view(),
            name="organisations_join",
        ),
    ]


class OrganisationAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_administered_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_members_menu_item():
    return OrganisationAdminMenuItem(
        _("My organisation"),
        reverse("organisations_members"),
        name="my-organisation",
        icon_name="group",
        order=205,
    )


@hooks.register("construct_homepage_panels")
def add_pending_account_requests_panel(request, panels):
    if request.user.has_perm(REVIEW_PERMISSION):
        panels.append(PendingAccountRequestsPanel())
