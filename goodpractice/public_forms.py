"""What every public form shares: one message per error and required fields marked in text.

Forms a visitor fills in once (nomination, account request, adoption, feedback) use
PublicFormMixin before Django's form class.
"""

from django.forms.boundfield import BoundField
from django.utils.html import format_html
from django.utils.translation import gettext as _


class MarkedBoundField(BoundField):
    """The label says "(required)" in words, not only by colour or an asterisk."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        contents = contents or self.label
        if self.field.required and contents:
            contents = format_html(
                '{} <span class="field-required">({})</span>', contents, _("required")
            )
        return super().label_tag(contents, attrs, label_suffix="", tag=tag)


class PublicFormMixin:
    bound_field_class = MarkedBoundField

    def full_clean(self):
        super().full_clean()
        # The form field and the model's clean() may both say "This field is required.";
        # the visitor should read it once.
        for errors in (self._errors or {}).values():
            seen, unique = set(), []
            for error in errors.as_data():
                text = " ".join(error.messages)
                if text not in seen:
                    seen.add(text)
                    unique.append(error)
            errors.data[:] = unique


def organisation_choices(queryset, empty_label):
    """Organisations grouped by wellbeing services county (optgroups), in the visitor's
    language: each county first in its own group, then its municipalities; bodies without
    a county (Helsinki, Åland, associations) in a last group."""
    from goodpractice.organisations.models import Organisation

    organisations = sorted(queryset.select_related("region"), key=lambda o: o.name.casefold())
    groups, others = {}, []
    for organisation in organisations:
        county = organisation if organisation.kind == Organisation.Kind.COUNTY else None
        region = organisation.region
        if county is None and region is not None and region.kind == Organisation.Kind.COUNTY:
            county = region
        if county is None:
            others.append(organisation)
        else:
            groups.setdefault(county, []).append(organisation)
    choices = [("", empty_label)]
    for county in sorted(groups, key=lambda c: c.name.casefold()):
        members = sorted(groups[county], key=lambda o: (o.pk != county.pk, o.name.casefold()))
        choices.append((county.name, [(o.pk, o.name) for o in members]))
    if others:
        choices.append((_("Other organisations"), [(o.pk, o.name) for o in others]))
    return choices


def searchable(field):
    """site.js puts a search box before the list; without scripts it is a plain list (in
    which typing the first letters still jumps to a name)."""
    field.widget.attrs["data-filterable"] = "true"
    field.widget.attrs["data-filter-label"] = _("Search the list: %(label)s") % {
        "label": field.label
    }
    return field
