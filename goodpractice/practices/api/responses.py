"""HTTP conventions shared by every open data endpoint."""

from functools import wraps

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from goodpractice.i18n import CONTENT_LANGUAGES, current_language

CONTENT_TYPE = "application/json; charset=utf-8"
CACHE_SECONDS = 300
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


# The same escapes as Django's json_script: JSON parsers read them back unchanged.
_HTML_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class HtmlSafeJSONEncoder(DjangoJSONEncoder):
    """JSON in which <, > and & never appear as such: a query value echoed in an error
    message cannot become markup even where a response is mistaken for HTML."""

    def encode(self, o):
        return super().encode(o).translate(_HTML_ESCAPES)


def json_response(data, status=200):
    return JsonResponse(
        data,
        status=status,
        content_type=CONTENT_TYPE,
        encoder=HtmlSafeJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )


def error_response(status, detail=None, errors=None):
    body = {"errors": errors} if errors is not None else {"detail": str(detail)}
    return json_response(body, status=status)


def response_language(request):
    """?lang= when given, otherwise what LocaleMiddleware read from Accept-Language."""
    lang = request.GET.get("lang", "")
    return lang if lang in CONTENT_LANGUAGES else current_language()


def open_data(view):
    """Read-only, cacheable, usable from any origin, messages in the requested language."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = response_language(request)
        with translation.override(language):
            if request.method == "OPTIONS":
                # CORS preflight, sent by browsers when a script adds non-simple headers.
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
                response["Access-Control-Allow-Headers"] = "*"
                response["Access-Control-Max-Age"] = "86400"
            elif request.method not in ("GET", "HEAD"):
                response = error_response(405, _("Only GET requests are accepted."))
                response["Allow"] = ALLOWED_METHODS
            else:
                response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        response["Content-Language"] = language
        response["Link"] = f'<{settings.OPEN_DATA_LICENCE["url"]}>; rel="license"'
        return response

    # Nothing here changes state, so a POST gets a JSON 405 rather than a CSRF page.
    return csrf_exempt(wrapper)
