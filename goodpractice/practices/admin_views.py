"""Editors' admin reports (practices by status, stale content) and "mark as reviewed"."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView, ReportView

from . import review
from .models import PracticePage
from .permissions import ALL_PRACTICES_PERMISSION
from .status_report import (
    PracticeStatusFilterSet,
    ReportStatus,
    practices_with_status,
    status_counts,
)


class EditorsOnlyMixin:
    def user_has_permission(self, permission):
        # Editors only: contributors' page permissions must not open it.
        return self.request.user.has_perm(ALL_PRACTICES_PERMISSION) and super().user_has_permission(
            permission
        )


class PracticeStatusReportView(EditorsOnlyMixin, ReportView):
    """Every practice with its moderation status, organisations and counties; exportable."""

    page_title = gettext_lazy("Practices by status")
    header_icon = "list-ul"
    results_template_name = "practices/admin/status_report_results.html"
    index_url_name = "practices_status_report"
    index_results_url_name = "practices_status_report_results"
    filterset_class = PracticeStatusFilterSet
    # Checked by EditorsOnlyMixin (this view has no model, so no permission policy).
    permission_required = "publish"
    list_export = [
        "title",
        "organisation_names",
        "county_names",
        "status_label",
        "last_published_at",
        "last_reviewed_at",
        "locale_label",
    ]
    export_headings = {
        "title": gettext_lazy("Title"),
        "organisation_names": gettext_lazy("Organisations"),
        "county_names": gettext_lazy("Wellbeing services counties"),
        "status_label": gettext_lazy("Status"),
        "last_published_at": gettext_lazy("Last published"),
        "last_reviewed_at": gettext_lazy("Last reviewed"),
        "locale_label": gettext_lazy("Language"),
    }
    # Formulas in titles are neutralised for every export (operations/spreadsheets.py).

    def get_filename(self):
        return f"practices-by-status-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            practices_with_status()
            .select_related("locale")
            .prefetch_related("organisations__region")
            .order_by("title", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        labels = dict(ReportStatus.choices)
        for page in object_list:
            organisations = list(page.organisations.all())
            counties = {o.region_id: o.region for o in organisations if o.region_id}
            page.organisation_names = ", ".join(str(o) for o in organisations)
            page.county_names = ", ".join(str(c) for c in counties.values())
            page.status_label = str(labels[page.report_status])
            page.locale_label = page.locale.get_display_name()
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The counts follow the organisation and county filters, not the status filter,
        # so that they show how the chosen practices are spread over the statuses.
        data = self.request.GET.copy()
        data.pop("status", None)
        others = self.filterset_class(data=data, request=self.request)
        base = practices_with_status()
        context["status_counts"] = status_counts(
            others.filter_queryset(base) if others.is_valid() else base
        )
        return context


class StalePracticesReportView(EditorsOnlyMixin, PageReportView):
    """Published practices not reviewed in PRACTICE_REVIEW_MONTHS, oldest review first."""

    page_title = gettext_lazy("Practices to review")
    header_icon = "time"
    results_template_name = "practices/admin/stale_practices_results.html"
    index_url_name = "practices_stale_report"
    index_results_url_name = "practices_stale_report_results"
    permission_required = "publish"
    export_headings = {
        "title": gettext_lazy("Title"),
        "organisation_names": gettext_lazy("Organisations"),
        "last_reviewed_at": gettext_lazy("Last reviewed"),
        "last_published_at": gettext_lazy("Last published"),
    }
    list_export = ["title", "organisation_names", "last_reviewed_at", "last_published_at"]

    def get_filename(self):
        return f"practices-to-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = (
            review.stale_practices()
            .select_related("locale")
            .prefetch_related("organisations")
            .order_by("last_reviewed_at", "title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.organisation_names = ", ".join(str(o) for o in page.organisations.all())
        return object_list

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = settings.PRACTICE_REVIEW_MONTHS
        return context


class MarkReviewedView(WagtailAdminTemplateMixin, TemplateView):
    """An editor confirms that a published practice is still accurate, without editing it."""

    template_name = "practices/admin/mark_reviewed.html"
    header_icon = "tick"
    page_title = gettext_lazy("Mark as reviewed")

    def dispatch(self, request, pk):
        self.page = get_object_or_404(PracticePage, pk=pk, alias_of__isnull=True)
        if not review.may_mark_reviewed(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def next_url(self):
        url = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(url, {self.request.get_host()}):
            return url
        return reverse("wagtailadmin_pages:edit", args=(self.page.pk,))

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, next=self.next_url(), **kwargs)

    def post(self, request, pk):
        review.mark_reviewed(self.page, request.user)
        messages.success(
            request,
            _("'%(title)s' has been marked as reviewed.")
            % {"title": self.page.get_admin_display_title()},
        )
        return redirect(self.next_url())
