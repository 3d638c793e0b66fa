from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from goodpractice.validators import validate_no_personal_identity_code

from .assignment import UNASSIGN_SCORED_MESSAGE, members_with_scores
from .models import Nomination, Score

# Inline relation -> (Score field pointing to it, message when removal is refused).
PROTECTED_CHILDREN = {
    "criteria": ("criterion", _("A criterion that has scores cannot be removed.")),
    "jury_members": ("jury_member", _("A jury member who has scored cannot be removed.")),
}


class RoundAdminForm(WagtailAdminModelForm):
    """Refuses to delete criteria or jury members that already carry scores."""

    def is_valid(self):
        # Checked after the inline formsets are cleaned, which happens after clean().
        if not super().is_valid():
            return False
        for name, (field, message) in PROTECTED_CHILDREN.items():
            formset = self.formsets.get(name)
            if formset is None:
                continue
            for form in formset.deleted_forms:
                if form.instance.pk and Score.objects.filter(**{field: form.instance}).exists():
                    self.add_error(None, message)
                    break
        return not self.errors


class NominationAdminForm(WagtailAdminModelForm):
    """Screening: the jury members to score the nomination are chosen from its round's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("assigned_members")
        if field is None:
            return
        if self.instance.pk:
            field.queryset = self.instance.round.jury_members.select_related("user")
        else:
            # A new nomination gets the whole jury (assignment.py); choose after saving.
            del self.fields["assigned_members"]

    def clean_assigned_members(self):
        chosen = self.cleaned_data["assigned_members"]
        removed = self.instance.assigned_members.exclude(pk__in=[m.pk for m in chosen])
        scored = members_with_scores(self.instance, list(removed.select_related("user")))
        if scored:
            raise forms.ValidationError(
                UNASSIGN_SCORED_MESSAGE % {"members": ", ".join(str(m) for m in scored)}
            )
        return chosen


class ScoreForm(forms.Form):
    """One score and comment per criterion; a draft may leave scores empty."""

    def __init__(self, *args, criteria, scores=None, simple=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            low, high = criterion.scale_min, criterion.scale_max
            if simple:
                hint = _("%(low)s means not at all, %(high)s means very well.")
            else:
                hint = _("From %(low)s (weakest) to %(high)s (strongest).")
            existing = scores.get(criterion.pk)
            self.fields[self.score_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[(value, str(value)) for value in criterion.scale()],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=hint % {"low": low, "high": high},
                initial=existing.value if existing else None,
            )
            self.fields[self.comment_name(criterion)] = forms.CharField(
                label=_("Your thoughts (optional)") if simple else _("Comment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                validators=[validate_no_personal_identity_code],
                initial=existing.comment if existing else "",
            )

    @staticmethod
    def score_name(criterion):
        return f"score_{criterion.pk}"

    @staticmethod
    def comment_name(criterion):
        return f"comment_{criterion.pk}"

    @property
    def submitting(self):
        return self.data.get("action") == "submit"

    @property
    def confirmed(self):
        """Submitted scores are final: the member confirms after seeing a summary."""
        return self.submitting and self.data.get("confirmed") == "1"

    def summary(self):
        """(criterion, score, comment) of the posted scores, for the confirmation."""
        return [
            (
                c,
                self.cleaned_data.get(self.score_name(c)),
                self.cleaned_data.get(self.comment_name(c)),
            )
            for c in self.criteria
        ]

    def hidden_values(self):
        """The posted scores and comments, sent again with the confirmation."""
        names = [n for c in self.criteria for n in (self.score_name(c), self.comment_name(c))]
        return [(name, self.data.get(name, "")) for name in names]

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [(c, self[self.score_name(c)], self[self.comment_name(c)]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score_name = self.score_name(criterion)
            if score_name in self.errors or cleaned.get(score_name) is not None:
                continue
            if self.submitting:
                self.add_error(score_name, _("Choose a score before submitting."))
            elif cleaned.get(self.comment_name(criterion)):
                self.add_error(score_name, _("Choose a score to save the comment."))
        return cleaned

    def values(self):
        """Criterion -> (score, comment) for every scored criterion, as services expect."""
        return {
            c: (self.cleaned_data[self.score_name(c)], self.cleaned_data[self.comment_name(c)])
            for c in self.criteria
            if self.cleaned_data.get(self.score_name(c)) is not None
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_personal_identity_code],
        help_text=_("For example: I work with the nominated team, or I took part in the work."),
    )


class DecisionForm(forms.Form):
    winner = forms.ModelChoiceField(
        label=_("Winner"), queryset=Nomination.objects.none(), widget=forms.RadioSelect
    )
    honourable_mentions = forms.ModelMultipleChoiceField(
        label=_("Honourable mentions"),
        queryset=Nomination.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rationale_fi = forms.CharField(
        label=_("Rationale in Finnish"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "fi"}),
        validators=[validate_no_personal_identity_code],
    )
    rationale_sv = forms.CharField(
        label=_("Rationale in Swedish"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "sv"}),
        validators=[validate_no_personal_identity_code],
    )

    def __init__(self, *args, round_, **kwargs):
        decision = getattr(round_, "decision", None) if round_.has_decision else None
        if decision is not None:
            kwargs.setdefault(
                "initial",
                {
                    "winner": decision.winner_id,
                    "honourable_mentions": list(
                        decision.honourable_mentions.values_list("pk", flat=True)
                    ),
                    "rationale_fi": decision.rationale_fi,
                    "rationale_sv": decision.rationale_sv,
                },
            )
        super().__init__(*args, **kwargs)
        eligible = round_.nominations.eligible().select_related("nominee")
        self.fields["winner"].queryset = eligible
        self.fields["honourable_mentions"].queryset = eligible

    def clean(self):
        cleaned = super().clean()
        winner = cleaned.get("winner")
        if winner and winner in cleaned.get("honourable_mentions", []):
            self.add_error(
                "honourable_mentions", _("The winner cannot also get an honourable mention.")
            )
        return cleaned
