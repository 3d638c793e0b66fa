"""The "We use this too" form behind a practice page: thin over adoptions.py."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from goodpractice.i18n import current_language

from . import adoptions
from .adoption_forms import AdoptionForm
from .models import Adoption, PracticePage, original_practice

# The practice page shows the outcome once, after the redirect.
SESSION_KEY = "practices_adoption_saved"


def _published_practice(pk):
    page = PracticePage.objects.live().public().filter(pk=pk).first()
    if page is None:
        raise Http404(_("No published practice has this id."))
    return page


@require_http_methods(["GET", "POST"])
def adopt(request, pk):
    page = _published_practice(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    context = {"practice": page, "page_title": _("We use this too")}
    practice = original_practice(page)
    organisations = adoptions.member_organisations(request.user)
    eligible = list(organisations.exclude(pk__in=practice.organisations.values("pk")))
    if not eligible:
        # No organisation of theirs could adopt it: none at all, or only its own.
        context["own_practice"] = organisations.exists()
        return render(request, "practices/adoption_refused.html", context, status=403)
    existing = list(
        Adoption.objects.filter(practice=practice, organisation__in=eligible).select_related(
            "organisation"
        )
    )
    instance = None
    if request.method == "GET" and len(eligible) == 1 and existing:
        # Registering again updates: start from what is on record.
        instance = existing[0]
    form = AdoptionForm(
        request.POST or None, instance=instance, user=request.user, practice=practice
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adoption, created = adoptions.register_adoption(
                user=request.user,
                practice=page,
                language=current_language(),
                **{name: data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = {
                "translation_key": str(page.translation_key),
                "organisation": adoption.organisation_id,
                "created": created,
            }
            return redirect(page.get_url(request) + "#adoptions")
    context.update({"form": form, "existing": existing})
    return render(request, "practices/adoption_form.html", context)
