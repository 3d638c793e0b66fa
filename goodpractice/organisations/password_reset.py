"""The admin's password-reset form, rate-limited like the public forms.

Per client address and per e-mail address: a bot cannot flood the site's mail server,
nor one person's inbox. Over the limit the form looks the same ("check your e-mail")
but sends nothing, so it reveals neither the limit nor which addresses have accounts.
"""

import logging

from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm

from goodpractice.operations import ratelimit

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


class RateLimitedPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().lower()
        per_address = request is not None and ratelimit.exceeded(
            request, "accounts:password-reset", settings.PASSWORD_RESET_RATE_LIMIT, WINDOW_SECONDS
        )
        per_email = (
            ratelimit.hit(f"accounts:password-reset-to:{email}", WINDOW_SECONDS)
            > settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL
        )
        if per_address or per_email:
            logger.warning("Password reset not sent: rate limit reached")
            return
        super().save(*args, request=request, **kwargs)
