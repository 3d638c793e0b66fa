"""Error pages. A database outage (e.g. PostgreSQL restarting) gets its own answer.

Django turns any uncaught exception, in a view or a middleware, into a call to
handler500 with the exception still being handled, so this is the one place that sees
them all. A lost database connection answers 503 with Retry-After and a page that says
nothing was saved and to try again, instead of the generic 500 page. The page is
rendered without a request context, so it needs no query.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as default_server_error

RETRY_AFTER_SECONDS = 30


def server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable(request)
    return default_server_error(request)


def database_unavailable(request):
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
