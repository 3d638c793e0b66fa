"""A small fixed-window rate limit for public forms, kept in Django's cache."""

from django.core.cache import cache


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def exceeded(key, limit, window_seconds):
    """Count one hit on key; True when more than limit hits fell in the current window."""
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
