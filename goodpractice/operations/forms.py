from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from .clients import client_address
from .login_throttle import is_throttled


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing to check passwords after repeated failures."""

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _(
            "Too many failed sign-in attempts. Wait %(minutes)s minutes and try again, "
            "or reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_throttled(username, client_address(self.request)):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_SECONDS // 60},
            )
        return super().clean()
