"""Filtering practices: one form shared by the public index, theme pages and the API."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.organisations.models import Organisation, region_code

from .models import EvidenceLevel, Status, TargetGroup, Theme


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", required=False
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
    )
    county = forms.ModelChoiceField(
        label=_("Wellbeing services county"),
        queryset=Organisation.objects.regions(),
        to_field_name="code",
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY),
        to_field_name="code",
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
    )
    evidence_level = forms.ModelChoiceField(
        label=_("Evidence level"),
        queryset=EvidenceLevel.objects.all(),
        to_field_name="slug",
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "")] + Status.choices, required=False
    )
    year = forms.IntegerField(label=_("Start year"), required=False, min_value=1900, max_value=2100)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", "")] + [(code, code) for code in CONTENT_LANGUAGES],
        required=False,
    )

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None and data.get("county"):
            # "helsinki" and lower-case county codes are accepted in URLs.
            data["county"] = region_code(data["county"])
        super().__init__(data, *args, **kwargs)
        self.fields["county"].label_from_instance = lambda org: org.name
        for name in ("theme", "target_group", "municipality", "evidence_level", "county"):
            self.fields[name].empty_label = _("All")

    def active_filters(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


def apply_filters(queryset, filters):
    """Narrow a PracticePage queryset by the cleaned values of PracticeFilterForm."""
    if theme := filters.get("theme"):
        queryset = queryset.filter(themes=theme)
    if group := filters.get("target_group"):
        queryset = queryset.filter(target_groups=group)
    if county := filters.get("county"):
        queryset = queryset.filter(organisations__region=county)
    if municipality := filters.get("municipality"):
        queryset = queryset.filter(organisations=municipality)
    if organisation := filters.get("organisation"):
        queryset = queryset.filter(organisations=organisation)
    if level := filters.get("evidence_level"):
        queryset = queryset.filter(evidence_level=level)
    if status := filters.get("status"):
        queryset = queryset.filter(status=status)
    if year := filters.get("year"):
        queryset = queryset.filter(started_year=year)
    if language := filters.get("language"):
        queryset = queryset.filter(language=language)
    if words := filters.get("q"):
        queryset = queryset.filter(
            Q(title__icontains=words)
            | Q(summary__icontains=words)
            | Q(description__icontains=words)
        )
    return queryset.distinct()
