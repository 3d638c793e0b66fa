"""Public account pages: requesting an account, and setting the password from the e-mail."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import current_language
from goodpractice.operations import ratelimit

from . import accounts
from .forms import AccountRequestForm

# Requests accepted per client address per hour: ample for a person, a wall for bots that
# would otherwise fill the editors' inboxes.
RATE_LIMIT = getattr(settings, "ACCOUNT_REQUEST_RATE_LIMIT", 5)
RATE_WINDOW_SECONDS = 3600


def account_request(request):
    form = AccountRequestForm(request.POST or None)
    rate_limited = False
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # A bot sees the same answer as a person.
            return redirect("account_request_thanks")
        rate_limited = ratelimit.exceeded(
            request, "accounts:requests", RATE_LIMIT, RATE_WINDOW_SECONDS
        )
        if not rate_limited:
            accounts.submit_request(form.save(commit=False), language=current_language())
            return redirect("account_request_thanks")
    return render(
        request,
        "organisations/account_request.html",
        {"form": form, "rate_limited": rate_limited},
        status=429 if rate_limited else 200,
    )


def account_request_thanks(request):
    valid_days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return render(request, "organisations/account_request_thanks.html", {"valid_days": valid_days})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "organisations/set_password.html"
    success_url = reverse_lazy("account_password_set")
    extra_context = {"page_title": _("Set your password")}


class PasswordSetView(auth_views.PasswordResetCompleteView):
    template_name = "organisations/password_set.html"
    extra_context = {"page_title": _("Your password is set")}
