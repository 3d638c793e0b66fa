"""The editors' overview of practices by moderation status, organisation and county.

A practice's status combines Wagtail's publication state with its moderation workflow:
a workflow in progress or waiting for changes wins over the publication state, because
that is what the editors have to act on.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page, WorkflowState

from goodpractice.organisations.models import Organisation

from .models import PracticePage


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_MODERATION = "in_moderation", _("In moderation")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    PUBLISHED_WITH_CHANGES = "published_with_changes", _("Published, with unpublished changes")


def _active_workflow_status():
    """The status of the page's workflow that is in progress or waiting for changes."""
    return models.Subquery(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(models.OuterRef("pk"), models.CharField()),
            status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
        )
        .order_by("-created_at")
        .values("status")[:1]
    )


def practices_with_status():
    """Original practices (not their aliases in other languages), each with `report_status`."""
    return (
        PracticePage.objects.filter(alias_of__isnull=True)
        .annotate(workflow_status=_active_workflow_status())
        .annotate(
            report_status=models.Case(
                models.When(
                    workflow_status=WorkflowState.STATUS_IN_PROGRESS,
                    then=models.Value(ReportStatus.IN_MODERATION),
                ),
                models.When(
                    workflow_status=WorkflowState.STATUS_NEEDS_CHANGES,
                    then=models.Value(ReportStatus.CHANGES_REQUESTED),
                ),
                models.When(
                    live=True,
                    has_unpublished_changes=True,
                    then=models.Value(ReportStatus.PUBLISHED_WITH_CHANGES),
                ),
                models.When(live=True, then=models.Value(ReportStatus.PUBLISHED)),
                default=models.Value(ReportStatus.DRAFT),
                output_field=models.CharField(),
            )
        )
    )


def status_counts(queryset):
    """(status, label, count) for every status, zeros included, in workflow order."""
    counts = dict(
        queryset.order_by()
        .values_list("report_status")
        .annotate(n=models.Count("pk", distinct=True))
    )
    return [(value, label, counts.get(value, 0)) for value, label in ReportStatus.choices]


class PracticeStatusFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ReportStatus.choices, field_name="report_status"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(practices__isnull=False).distinct(),
        method="filter_organisation",
    )
    county = django_filters.ModelChoiceFilter(
        label=_("Wellbeing services county"),
        queryset=Organisation.objects.regions(),
        method="filter_county",
    )

    class Meta:
        model = PracticePage
        fields = []

    # Through a subquery, so a practice of several organisations is listed once.
    def filter_organisation(self, queryset, name, value):
        return queryset.filter(pk__in=PracticePage.objects.filter(organisations=value).values("pk"))

    def filter_county(self, queryset, name, value):
        return queryset.filter(
            pk__in=PracticePage.objects.filter(organisations__region=value).values("pk")
        )
