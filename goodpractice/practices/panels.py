"""The page editor's checklist of what a practice needs before it is submitted."""

import json

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .change_requests import change_request
from .checklist import FIELD_GROUPS, REQUIRED_CONTENT, checklist, checklist_for_page


def summary_text(missing_count):
    if not missing_count:
        return gettext(
            "Everything required is filled in: the practice can be submitted for moderation."
        )
    return ngettext(
        "One item is still missing. You can save a draft at any time, but the practice can "
        "be submitted for moderation only when everything below is done.",
        "%(counter)s items are still missing. You can save a draft at any time, but the "
        "practice can be submitted for moderation only when everything below is done.",
        missing_count,
    ) % {"counter": missing_count}


class SubmissionChecklistPanel(Panel):
    """Each required item with done or missing: from the practice as last saved, or from
    what was just posted when the editor shows the form again with errors. A script ticks
    items off as the form is filled in, before anything is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Before submitting for moderation"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "submission_checklist"

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/submission_checklist_panel.html"

        class Media:
            js = ["practices/submission_checklist.js"]
            css = {"all": ["practices/submission_checklist.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            cleaned_data = getattr(self.form, "cleaned_data", None)
            if self.form.is_bound and cleaned_data is not None:
                items = checklist(
                    lambda name: cleaned_data.get(name, getattr(self.instance, name, None))
                )
            else:
                items = checklist_for_page(self.instance)
            missing_count = sum(1 for _key, _label, done in items if not done)
            context["items"] = [
                (key, label, done, json.dumps(FIELD_GROUPS[key])) for key, label, done in items
            ]
            context["missing_count"] = missing_count
            context["summary"] = summary_text(missing_count)
            # Every sentence the script may need, already in the user's language and plural.
            context["texts"] = {
                "done": gettext("done"),
                "missing": gettext("missing"),
                "summary": [summary_text(n) for n in range(len(REQUIRED_CONTENT) + 1)],
            }
            return context


class ChangeRequestPanel(Panel):
    """The editor's latest request for changes, on the edit page until resubmission."""

    @property
    def clean_name(self):
        return super().clean_name or "change_request"

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/admin/change_request_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.requested = change_request(self.instance) if self.instance.pk else None

        def is_shown(self):
            return self.requested is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            comment, _editor, finished_at = self.requested
            context.update(comment=comment, finished_at=finished_at)
            return context
