"""A small fixed-window rate limit for public forms, kept in Django's cache."""

from django.core.cache import cache

from .clients import client_address  # noqa: F401  (the address callers count by)


def exceeded(key, limit, window_seconds):
    """Count one hit on key; True when more than limit hits fell in the current window."""
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
