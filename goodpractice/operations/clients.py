"""The address of the person behind a request, for rate limits.

Behind a reverse proxy REMOTE_ADDR is the proxy's own address, shared by everyone.
With TRUSTED_PROXY_COUNT proxies in front, the client is the address that the outermost
of them added to X-Forwarded-For; anything further left was written by the client and
cannot be trusted.
"""

from django.conf import settings


def client_address(request):
    if request is None:
        return "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "unknown"
