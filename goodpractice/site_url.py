"""The site's canonical address (settings.SITE_URL) and absolute URLs built on it.

Never the request's host: a page reached as http://10.0.0.5:8000/ or through a proxy still
links to the one public address, and e-mails and background tasks have no request at all.
"""

from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_url() -> str:
    """The base URL without a trailing slash, e.g. https://hyvatkaytannot.fi."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (root-relative, or already absolute) on the canonical address."""
    if not path:
        return site_url() + "/"
    if urlsplit(path).scheme:
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path


def scheme() -> str:
    return urlsplit(site_url()).scheme or "http"


def netloc() -> str:
    """host[:port] as it appears in URLs (the port only when not the scheme's default)."""
    return urlsplit(site_url()).netloc


def hostname_and_port() -> tuple[str, int]:
    """What the Wagtail Site record holds: Wagtail derives its root URL from the port
    (80 → http, 443 → https, any other → http://host:port)."""
    parts = urlsplit(site_url())
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)
