"""Slow down password guessing on the sign-in form.

Failures are counted per address and user name, and per address alone, in the cache
(a shared cache in production, so every web process sees the same counts). While a
count is over its limit, the sign-in form refuses to try the password at all. Counting
per address and name means nobody can lock a colleague out from elsewhere.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from . import ratelimit
from .clients import client_address


def _keys(username, address):
    name = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:32]
    return f"login-failures:{address}:{name}", f"login-failures:{address}"


def is_throttled(username, address):
    per_name, per_address = _keys(username, address)
    return (
        ratelimit.hits(per_name) >= settings.LOGIN_FAILURE_LIMIT
        or ratelimit.hits(per_address) >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    )


@receiver(user_login_failed)
def record_failure(sender, credentials, request=None, **kwargs):
    for key in _keys(credentials.get("username"), client_address(request)):
        ratelimit.hit(key, settings.LOGIN_FAILURE_WINDOW_SECONDS)


@receiver(user_logged_in)
def forget_failures(sender, request, user, **kwargs):
    cache.delete(_keys(user.get_username(), client_address(request))[0])
