"""Admin panels of the prize beyond Wagtail's field panels."""

from wagtail.admin.panels import Panel


class AttachmentsPanel(Panel):
    """The nomination's attachments as download links; files are replaced by nominators only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "awards/admin/attachments_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["attachments"] = list(instance.attachments.all()) if instance.pk else []
            return context
