"""Fixed-window counters in Django's cache: rate limits for public forms and sign-in."""

from django.core.cache import cache

from .clients import client_address


def hit(key, window_seconds):
    """Count one hit on key in its current window; return the count so far."""
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def hits(key):
    """The count in key's current window, without adding one."""
    return cache.get(key, 0)


def exceeded(request, scope, limit, window_seconds):
    """Count one hit from the request's client in scope; True once over limit."""
    return hit(f"{scope}:{client_address(request)}", window_seconds) > limit
