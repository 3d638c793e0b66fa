"""Public account pages: requesting an account, and setting the password from the e-mail."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import current_language

from . import accounts
from .forms import AccountRequestForm


def account_request(request):
    form = AccountRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            accounts.submit_request(form.save(commit=False), language=current_language())
        # A bot sees the same answer as a person.
        return redirect("account_request_thanks")
    return render(request, "organisations/account_request.html", {"form": form})


def account_request_thanks(request):
    return render(request, "organisations/account_request_thanks.html")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "organisations/set_password.html"
    success_url = reverse_lazy("account_password_set")
    extra_context = {"page_title": _("Set your password")}


class PasswordSetView(auth_views.PasswordResetCompleteView):
    template_name = "organisations/password_set.html"
    extra_context = {"page_title": _("Your password is set")}
