"""The admin dashboard panel that shows editors the account requests waiting for them."""

from wagtail.admin.ui.components import Component

from .models import AccountRequest

SHOWN = 5


class PendingAccountRequestsPanel(Component):
    name = "pending_account_requests"
    template_name = "organisations/admin/pending_requests_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        pending = AccountRequest.objects.filter(status=AccountRequest.Status.PENDING)
        return {
            "requests": pending.select_related("organisation")[:SHOWN],
            "count": pending.count(),
        }
