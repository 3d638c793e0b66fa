"""The page editor's checklist of what a practice needs before it is submitted."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .checklist import checklist, checklist_for_page


class SubmissionChecklistPanel(Panel):
    """Each required item with done or missing: from the practice as last saved, or from
    what was just posted when the editor shows the form again with errors."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Before submitting for moderation"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "submission_checklist"

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/submission_checklist_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            cleaned_data = getattr(self.form, "cleaned_data", None)
            if self.form.is_bound and cleaned_data is not None:
                items = checklist(
                    lambda name: cleaned_data.get(name, getattr(self.instance, name, None))
                )
            else:
                items = checklist_for_page(self.instance)
            context["items"] = items
            context["missing_count"] = sum(1 for _key, _label, done in items if not done)
            return context
