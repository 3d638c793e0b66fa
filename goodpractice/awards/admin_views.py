"""Admin views beyond the generic snippet views: merging duplicates, attachment downloads."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access
from .models import Nomination, NominationAttachment
from .screening import merge_candidates, merge_nominations
from .services import likely_duplicates

LIST_URL = "wagtailsnippets_awards_nomination:list"


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=gettext_lazy("Merge into"),
        queryset=Nomination.objects.none(),
        help_text=gettext_lazy(
            "The nomination that stays. This one's text is kept in its notes, and this one "
            "is no longer screened or scored."
        ),
    )

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = merge_candidates(nomination)
        suggested = nomination.duplicate_of or next(iter(likely_duplicates(nomination)), None)
        if suggested is not None and not suggested.duplicate_of_id:
            self.fields["into"].initial = suggested.pk


def merge_nomination(request, pk):
    if not request.user.has_perm("awards.change_nomination"):
        raise PermissionDenied
    nomination = get_object_or_404(Nomination.objects.select_related("round", "nominee"), pk=pk)
    if nomination.merged_at:
        messages.error(request, _("This nomination has already been merged."))
        return redirect(LIST_URL)
    form = MergeForm(request.POST or None, nomination=nomination)
    if request.method == "POST" and form.is_valid():
        into = form.cleaned_data["into"]
        try:
            merge_nominations(nomination, into, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(duplicate)s was merged into %(into)s.")
                % {"duplicate": nomination.reference, "into": into.reference},
            )
            return redirect(LIST_URL)
    title = _("Merge duplicate %(reference)s") % {"reference": nomination.reference}
    return TemplateResponse(
        request,
        "awards/admin/merge_nomination.html",
        {
            "form": form,
            "nomination": nomination,
            "likely_duplicates": likely_duplicates(nomination),
            "page_title": title,
            "header_title": title,
            "header_icon": "form",
            "action_url": reverse("wagtailsnippets_awards_nomination:merge", args=[pk]),
            "list_url": reverse(LIST_URL),
        },
    )


def download_attachment(request, pk):
    """A nomination's attachment, for the secretariat and the jury members who read it."""
    attachment = get_object_or_404(NominationAttachment, pk=pk)
    access.readable_attachment_nomination(request.user, attachment.nomination_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # Always a download with the sniffed type, never rendered in the admin's origin.
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
