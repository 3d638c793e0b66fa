"""Query parameters of the open data API, validated like the public site's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..filters import PracticeFilterForm

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class ApiFilterForm(PracticeFilterForm):
    """The public site's filters under the same names; full-text search is /api/search/."""

    q = None


class PageForm(forms.Form):
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)
    page_size = forms.IntegerField(label=_("Page size"), required=False, min_value=1)

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean_page_size(self):
        # Larger requests are served at the maximum rather than refused, as in most APIs.
        size = self.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE
        return min(size, MAX_PAGE_SIZE)


def form_errors(*forms_):
    """{field: [messages]} of every form, in the active language."""
    return {
        field: [str(message) for message in messages]
        for form in forms_
        for field, messages in form.errors.items()
    }
