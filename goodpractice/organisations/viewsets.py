from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from .accounts import REVIEW_PERMISSION, add_to_contributors
from .admin_views import DecideAccountRequestView
from .models import AccountRequest, Membership, Organisation


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


class MembershipCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        membership = super().save_instance()
        add_to_contributors(membership.user)
        return membership


class MembershipEditView(ModelViewSet.edit_view_class):
    def save_instance(self):
        membership = super().save_instance()
        add_to_contributors(membership.user)
        return membership


def _user_name(membership):
    return membership.user.get_full_name() or membership.user.get_username()


class MembershipViewSet(ModelViewSet):
    """Which users belong to which organisations, and in what role."""

    model = Membership
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    name = "memberships"
    url_namespace = "organisations_membership"
    icon = "group"
    menu_label = _("Memberships")
    form_fields = ["user", "organisation", "role"]
    list_display = [
        Column("user", label=_("User"), accessor=_user_name),
        Column("email", label=_("E-mail"), accessor="user.email"),
        "organisation",
        "role",
        "created_at",
    ]
    list_filter = ["role", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name_fi"]
    search_backend_name = None
    copy_view_enabled = False

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "organisation")


class AccountRequestIndexView(ModelViewSet.index_view_class):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.is_pending and self.request.user.has_perm(REVIEW_PERMISSION):
            buttons[:0] = [
                ListingButton(
                    _("Approve"),
                    url=reverse("organisations_accountrequest:approve", args=(instance.pk,)),
                    icon_name="check",
                    priority=1,
                ),
                ListingButton(
                    _("Decline"),
                    url=reverse("organisations_accountrequest:decline", args=(instance.pk,)),
                    icon_name="cross",
                    priority=2,
                ),
            ]
        return buttons


class AccountRequestViewSet(ModelViewSet):
    """Requests from the public form and invitations: read, approve or decline; never edited."""

    model = AccountRequest
    name = "account-requests"
    url_namespace = "organisations_accountrequest"
    icon = "mail"
    menu_label = _("Account requests")
    index_view_class = AccountRequestIndexView
    form_fields = ["name", "organisation", "email", "reason"]
    list_display = ["name", "email", "organisation", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "email"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "name",
        "organisation",
        "email",
        "reason",
        "role",
        "language",
        "status",
        "created_at",
        "invited_by",
        "decided_by",
        "decided_at",
        "decision_message",
        "user",
    ]
    copy_view_enabled = False

    def get_queryset(self, request):
        return AccountRequest.objects.select_related("organisation")

    def get_common_view_kwargs(self, **kwargs):
        # Requests come from people, not from the admin: no add or edit views.
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        urlpatterns = [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add", "edit"}
        ]
        return urlpatterns + [
            path(
                "approve/<int:pk>/", DecideAccountRequestView.as_view(approve=True), name="approve"
            ),
            path(
                "decline/<int:pk>/", DecideAccountRequestView.as_view(approve=False), name="decline"
            ),
        ]


class AccountsViewSetGroup(ModelViewSetGroup):
    items = (AccountRequestViewSet, MembershipViewSet)
    menu_icon = "user"
    menu_label = _("Accounts")
    menu_name = "accounts"
    menu_order = 215


organisation_viewset = OrganisationViewSet()
accounts_group = AccountsViewSetGroup()
