"""Project middleware."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for machine-facing paths.

    Django answers a 404 outside the language prefixes with a redirect to /fi/<path>
    when that path would resolve, and Wagtail's catch-all page route makes every path
    resolve. An API client asking for a missing record must get the API's own 404.
    """

    UNPREFIXED = ("/api/", "/health/", "/admin/", "/documents/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
