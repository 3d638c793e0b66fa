"""The admin dashboard's panel for contributors: add a practice, and their own practices."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from . import contributor, permissions


class ContributorPanel(Component):
    name = "my_practices"
    template_name = "practices/admin/my_practices_panel.html"
    order = 40

    def __init__(self, user, index, add_url):
        self.user = user
        self.index = index
        self.add_url = add_url

    def get_context_data(self, parent_context):
        return {
            "add_url": self.add_url,
            "rows": contributor.practice_rows(self.user),
            "total": contributor.own_practices(self.user).count(),
            "explore_url": reverse("wagtailadmin_explore", args=[self.index.pk]),
        }


def contributor_panel(user):
    """The panel for members of an organisation who may add practices; None for others."""
    if not permissions.organisation_ids(user):
        return None
    index = contributor.practice_index_for_language()
    add_url = contributor.add_practice_url(user, index)
    if add_url is None:
        return None
    return ContributorPanel(user, index, add_url)
