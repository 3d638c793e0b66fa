"""Admin views: editors decide account requests; organisation admins invite colleagues."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from goodpractice.i18n import current_language
from goodpractice.operations import ratelimit

from . import accounts
from .accounts import REVIEW_PERMISSION
from .forms import DeclineForm, InvitationForm
from .models import AccountRequest, Membership

INVITATION_WINDOW_SECONDS = 3600


class DecideAccountRequestView(WagtailAdminTemplateMixin, FormView):
    """Confirm approving or declining one pending request."""

    template_name = "organisations/admin/decide_request.html"
    header_icon = "user"
    approve = True
    index_url_name = "organisations_accountrequest:index"

    def dispatch(self, request, pk):
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        self.object = get_object_or_404(
            AccountRequest.objects.select_related("organisation"), pk=pk
        )
        if not self.object.is_pending:
            messages.error(request, _("This request has already been decided."))
            return redirect(self.index_url_name)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Approve account request") if self.approve else _("Decline account request")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Account requests")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, form_class=None):
        return None if self.approve else DeclineForm(**self.get_form_kwargs())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        try:
            if self.approve:
                accounts.approve(self.object, request.user)
                message = _("Approved: %(email)s can now set a password and sign in.")
            else:
                accounts.decline(self.object, request.user, form.cleaned_data["message"])
                message = _("Declined: %(email)s has been told.")
        except accounts.AlreadyDecided:
            messages.error(request, _("This request has already been decided."))
        else:
            messages.success(request, message % {"email": self.object.email})
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            approve=self.approve,
            existing_user=accounts.find_user(self.object.email),
            **kwargs,
        )


class OrganisationMembersView(WagtailAdminTemplateMixin, FormView):
    """An organisation admin's page: the organisation's people, and inviting a colleague."""

    template_name = "organisations/admin/members.html"
    page_title = gettext_lazy("My organisation")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        self.organisations = accounts.organisations_administered_by(request.user)
        if not self.organisations.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"language": current_language()}

    def get_form(self, form_class=None):
        return InvitationForm(organisations=self.organisations, **self.get_form_kwargs())

    def form_valid(self, form):
        data = form.cleaned_data
        if (
            ratelimit.hit(f"accounts:invitations:{self.request.user.pk}", INVITATION_WINDOW_SECONDS)
            > settings.INVITATION_RATE_LIMIT
        ):
            form.add_error(None, _("Too many invitations in a short time. Try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        accounts.invite(
            inviter=self.request.user,
            organisation=data["organisation"],
            name=data["name"],
            email=data["email"],
            role=data["role"],
            language=data["language"],
        )
        messages.success(
            self.request,
            _("%(email)s has been invited and will receive a link to set a password.")
            % {"email": data["email"]},
        )
        return redirect("organisations_members")

    def get_context_data(self, **kwargs):
        members = Membership.objects.filter(organisation__in=self.organisations).select_related(
            "user", "organisation"
        )
        return super().get_context_data(members=members, **kwargs)


class JoinOrganisationView(WagtailAdminTemplateMixin, TemplateView):
    """The owner of an existing account confirms joining an organisation (accounts.py)."""

    template_name = "organisations/admin/join.html"
    header_icon = "group"

    def dispatch(self, request, token):
        try:
            self.account_request = accounts.account_request_to_join(token, request.user)
        except accounts.InvalidJoinLink:
            messages.error(request, _("This link is not valid for your account."))
            return redirect("wagtailadmin_home")
        self.token = token
        return super().dispatch(request, token)

    def get_page_title(self):
        return _("Join %(organisation)s") % {"organisation": self.account_request.organisation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(account_request=self.account_request, **kwargs)

    def post(self, request, token):
        accounts.accept_joining(token, request.user)
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": self.account_request.organisation},
        )
        return redirect("wagtailadmin_home")
