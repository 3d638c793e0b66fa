"""Wagtail's user admin, with each user's organisations in the listing."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users


def organisation_names(user):
    return ", ".join(
        f"{membership.organisation} ({membership.get_role_display()})"
        for membership in user.memberships.all()
    )


class UserIndexView(users.IndexView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        # After name and user name.
        columns.insert(
            3, Column("organisations", label=_("Organisations"), accessor=organisation_names)
        )
        return columns

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("memberships__organisation")


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
