"""Editors' tools for one person's data: find it, export it as JSON, erase it."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import PersonSearchForm
from .models import MANAGE_PERMISSION
from .registry import Erasure


class PersonalDataMixin(WagtailAdminTemplateMixin):
    header_icon = "user"
    page_title = gettext_lazy("Personal data")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def person_form(self):
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        return PersonSearchForm(data if data.keys() & {"email", "name"} else None)

    def query(self, form):
        return {key: form.cleaned_data[key] for key in ("email", "name") if form.cleaned_data[key]}

    def search_url(self, form):
        return reverse("privacy_person") + "?" + urlencode(self.query(form))


class PersonView(PersonalDataMixin, TemplateView):
    template_name = "privacy/admin/person.html"

    def get_context_data(self, **kwargs):
        form = self.person_form()
        context = super().get_context_data(form=form, **kwargs)
        if form is not None and form.is_valid():
            records = services.find_person(**self.query(form))
            context.update(
                records=records,
                searched=True,
                erasable=services.erasable(records),
                query=self.query(form),
            )
        return context


class ExportView(PersonalDataMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request):
        form = self.person_form()
        if form is None or not form.is_valid():
            return redirect("privacy_person")
        query = self.query(form)
        records = services.find_person(**query)
        document = services.export_person(records, request.user, **query)
        response = HttpResponse(document, content_type="application/json; charset=utf-8")
        filename = f"personal-data-{datetime.date.today():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class EraseView(PersonalDataMixin, TemplateView):
    template_name = "privacy/admin/erase_confirm.html"
    page_title = gettext_lazy("Erase personal data")

    def get_context_data(self, **kwargs):
        form = self.person_form()
        records = services.find_person(**self.query(form)) if form.is_valid() else []
        return super().get_context_data(
            form=form,
            records=records,
            erasable=services.erasable(records),
            kept=[r for r in records if r.entry.erasure == Erasure.KEEP],
            query=self.query(form) if form.is_valid() else {},
            **kwargs,
        )

    def get(self, request):
        form = self.person_form()
        if form is None or not form.is_valid():
            return redirect("privacy_person")
        return super().get(request)

    def post(self, request):
        form = self.person_form()
        if form is None or not form.is_valid():
            return redirect("privacy_person")
        records = services.find_person(**self.query(form))
        try:
            erased = services.erase_person(records, request.user)
        except services.ErasureRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(self.search_url(form))
        messages.success(
            request,
            _("Erased the personal data of %(count)d records.") % {"count": len(erased.records)},
        )
        return redirect(self.search_url(form))
