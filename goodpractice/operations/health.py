"""GET /health/: whether the database and the search engine answer, for load balancers
and monitoring.

The status is 200 while the database answers (search falls back to the database when the
engine is down, so the site still works: "degraded") and 503 when it does not.
"""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def search_state():
    from search import connection as search_connection
    from search.models import PendingIndexUpdate

    if not search_connection.is_configured():
        return {"state": "not configured"}
    state = "ok" if search_connection.get_engine().ping() else "unavailable"
    try:
        pending = PendingIndexUpdate.objects.count()
    except DatabaseError:
        pending = None
    return {"state": state, "pending_updates": pending}


@never_cache
@require_GET
def health(request):
    database = database_state()
    search = search_state()
    if database != "ok":
        status = "error"
    elif search["state"] == "unavailable":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "search": search},
        status=503 if status == "error" else 200,
    )
