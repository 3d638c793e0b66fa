"""The jury's admin views: scoring for jurors and the client panel, results for the chair.

Views only look things up and render; the rules live in services, access and progress.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import access, exports, services
from .forms import ConflictForm, DecisionForm, ScoreForm
from .models import Conflict, JuryMember, PhaseError, Round
from .progress import ScoringStatus, member_progress, round_progress, status_matrix
from .results import round_results


def _message(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class JuryTemplateView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("awards_jury:rounds"), "label": _("Jury")},
        ]


class RoundMixin:
    """Loads the round from the URL; subclasses check the user's place in it."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.round = get_object_or_404(Round, pk=kwargs["round_id"])

    def round_breadcrumbs(self):
        return [
            *JuryTemplateView.get_breadcrumbs_items(self),
            {"url": reverse("awards_jury:round", args=[self.round.pk]), "label": str(self.round)},
        ]


class RoundsView(JuryTemplateView):
    template_name = "awards/jury/rounds.html"
    page_title = gettext_lazy("Jury")

    def dispatch(self, request, *args, **kwargs):
        if not access.may_open_jury_area(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Jury")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = JuryMember.objects.filter(user=self.request.user).select_related("round")
        context["memberships"] = [member_progress(member) for member in memberships]
        if access.is_overseer(self.request.user):
            context["all_rounds"] = Round.objects.all()
        return context


class RoundView(RoundMixin, JuryTemplateView):
    """The nominations a member scores in a round, with their status."""

    template_name = "awards/jury/round.html"

    def dispatch(self, request, *args, **kwargs):
        self.member = access.member_or_404(request.user, self.round)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.round)

    def get_breadcrumbs_items(self):
        return [
            *JuryTemplateView.get_breadcrumbs_items(self),
            {"url": "", "label": str(self.round)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        nominations = list(access.member_nominations(self.member).select_related("nominee"))
        statuses = status_matrix(self.round, [self.member], nominations)
        context.update(
            member=self.member,
            round=self.round,
            rows=[(n, statuses[(self.member.pk, n.pk)]) for n in nominations],
            statuses=ScoringStatus,
        )
        return context


class NominationView(RoundMixin, JuryTemplateView):
    """A nomination's description, the conflict declaration and the scoring form."""

    template_name = "awards/jury/nomination.html"

    def dispatch(self, request, *args, **kwargs):
        self.member = access.member_or_404(request.user, self.round)
        # Nominations not assigned to the member do not exist for them.
        self.nomination = get_object_or_404(
            access.member_nominations(self.member).select_related("nominee", "practice"),
            pk=kwargs["nomination_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.nomination.reference

    def get_breadcrumbs_items(self):
        return [*self.round_breadcrumbs(), {"url": "", "label": self.nomination.reference}]

    def url(self):
        return reverse("awards_jury:nomination", args=[self.round.pk, self.nomination.pk])

    def score_form(self, data=None):
        own = services.visible_scores(self.member, self.nomination).filter(jury_member=self.member)
        return ScoreForm(
            data,
            criteria=self.round.criteria.all(),
            scores={s.criterion_id: s for s in own},
            simple=self.member.is_panel,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        conflicted = services.is_conflicted(self.member, self.nomination)
        submitted = not conflicted and services.has_submitted(self.member, self.nomination)
        scoring_open = self.round.scoring_is_open()
        context.update(
            round=self.round,
            nomination=self.nomination,
            member=self.member,
            simple=self.member.is_panel,
            conflicted=conflicted,
            conflict=Conflict.objects.filter(
                jury_member=self.member, nomination=self.nomination
            ).first(),
            submitted=submitted,
            scoring_open=scoring_open,
            scoring_closed=self.round.scoring_has_closed(),
            may_score=scoring_open and not conflicted and not submitted,
            may_declare=not conflicted and not self.round.scoring_has_closed(),
        )
        if not conflicted:
            context["score_groups"] = self.score_groups()
            context["attachments"] = list(self.nomination.attachments.all())
        if context["may_score"]:
            context.setdefault("form", self.score_form())
        if context["may_declare"]:
            context.setdefault("conflict_form", ConflictForm())
        return context

    def score_groups(self):
        """The scores the member may see, grouped by member, their own first."""
        groups = {}
        scores = services.visible_scores(self.member, self.nomination).select_related(
            "jury_member__user", "criterion"
        )
        for score in scores.order_by("jury_member__pk", "criterion__sort_order"):
            groups.setdefault(score.jury_member, []).append(score)
        own = groups.pop(self.member, None)
        others = list(groups.items())
        return [(self.member, own), *others] if own else others

    def post(self, request, *args, **kwargs):
        access.scoring_member(request.user, self.round)
        try:
            # Said first: after the deadline, form errors would only distract.
            self.round.ensure_scoring_open()
        except PhaseError as error:
            messages.error(request, _message(error))
            return redirect(self.url())
        form = self.score_form(request.POST)
        if not form.is_valid():
            messages.validation_error(request, _("The scores could not be saved."), form)
            return self.render_to_response(self.get_context_data(form=form))
        if form.submitting and not form.confirmed:
            # Submitting cannot be undone: show what will be sent and ask first.
            return self.render_to_response(
                {
                    **self.get_context_data(form=form),
                    "confirming": True,
                    "summary": form.summary(),
                    "hidden_values": form.hidden_values(),
                }
            )
        try:
            services.save_scores(
                self.member,
                self.nomination,
                form.values(),
                submit=form.submitting,
                user=request.user,
            )
        except PhaseError as error:
            messages.error(request, _message(error))
            return redirect(self.url())
        except ValidationError as error:
            form.add_error(None, error)
            messages.error(request, _message(error))
            return self.render_to_response(self.get_context_data(form=form))
        if form.submitting:
            messages.success(request, _("Your scores are submitted. Thank you!"))
        else:
            messages.success(request, _("Your draft is saved. You can continue later."))
        return redirect(self.url())


class DeclareConflictView(RoundMixin, View):
    http_method_names = ["post"]

    def post(self, request, round_id, nomination_id):
        member = access.member_or_404(request.user, self.round)
        if not request.user.has_perm(access.CONFLICT_PERMISSION):
            raise PermissionDenied
        nomination = get_object_or_404(access.member_nominations(member), pk=nomination_id)
        url = reverse("awards_jury:nomination", args=[self.round.pk, nomination.pk])
        form = ConflictForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give a reason for the conflict of interest."))
            return redirect(url)
        try:
            services.declare_conflict(
                member, nomination, form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            messages.error(request, _message(error))
            return redirect(url)
        messages.success(
            request, _("Your conflict of interest is recorded. You will not score this nomination.")
        )
        return redirect(reverse("awards_jury:round", args=[self.round.pk]))


class ResultsMixin(RoundMixin):
    """For the chair of the round and the secretariat."""

    def dispatch(self, request, *args, **kwargs):
        self.member = access.results_viewer(request.user, self.round)
        self.check_access()
        self.scores_visible = access.may_see_scores(self.member)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self):
        pass

    @property
    def is_chair(self):
        return self.member is not None and self.member.is_chair


class ResultsView(ResultsMixin, JuryTemplateView):
    template_name = "awards/jury/results.html"

    def get_page_title(self):
        return _("Results: %(round)s") % {"round": self.round}

    def get_breadcrumbs_items(self):
        return [*self.round_breadcrumbs(), {"url": "", "label": _("Results")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            round=self.round,
            progress=round_progress(self.round),
            scores_visible=self.scores_visible,
            is_chair=self.is_chair,
            decision=getattr(self.round, "decision", None) if self.round.has_decision else None,
        )
        if self.scores_visible:
            context["results"] = round_results(self.round)
        return context


class ExportView(ResultsMixin, View):
    formats = {
        "csv": (exports.as_csv, exports.CSV_CONTENT_TYPE),
        "xlsx": (exports.as_xlsx, exports.XLSX_CONTENT_TYPE),
    }

    def get(self, request, round_id, fmt):
        if not self.scores_visible:
            raise PermissionDenied
        if fmt not in self.formats:
            raise Http404
        build, content_type = self.formats[fmt]
        response = HttpResponse(build(self.round), content_type=content_type)
        filename = exports.filename(self.round, fmt)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class DecisionView(ResultsMixin, JuryTemplateView):
    template_name = "awards/jury/decision.html"

    def check_access(self):
        # The secretariat follows the results, but only the chair records the decision.
        if not self.is_chair:
            raise PermissionDenied

    def get_page_title(self):
        return _("Decision: %(round)s") % {"round": self.round}

    def get_breadcrumbs_items(self):
        return [
            *self.round_breadcrumbs(),
            {
                "url": reverse("awards_jury:results", args=[self.round.pk]),
                "label": _("Results"),
            },
            {"url": "", "label": _("Decision")},
        ]

    def results_url(self):
        return reverse("awards_jury:results", args=[self.round.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            self.round.ensure_decision_allowed()
        except PhaseError as error:
            context["closed_message"] = _message(error)
        else:
            context.setdefault("form", DecisionForm(round_=self.round))
        context["round"] = self.round
        return context

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST, round_=self.round)
        if form.is_valid():
            try:
                services.record_decision(
                    self.round,
                    user=request.user,
                    winner=form.cleaned_data["winner"],
                    honourable_mentions=form.cleaned_data["honourable_mentions"],
                    rationale_fi=form.cleaned_data["rationale_fi"],
                    rationale_sv=form.cleaned_data["rationale_sv"],
                )
            except PhaseError as error:
                messages.error(request, _message(error))
                return redirect(self.results_url())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect(self.results_url())
        messages.validation_error(request, _("The decision could not be recorded."), form)
        return self.render_to_response(self.get_context_data(form=form))
