"""GET /health/: whether the database and the search engine answer, for load balancers
and monitoring.

The status is 200 while the database answers (search falls back to the database when the
engine is down, so the site still works: "degraded") and 503 when it does not.

The search part gives the cluster's health and the practice index's. Yellow (replicas not
placed, as on a single node, or while a lost node's copies are rebuilt) serves every
search; red (a shard with no copy at all) loses results, so it makes the site "degraded".
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
    found = _engine_health(search_connection.get_engine())
    try:
        found["pending_updates"] = PendingIndexUpdate.objects.count()
    except DatabaseError:
        found["pending_updates"] = None
    return found


def _engine_health(engine):
    from search.connection import EngineError
    from search.documents import alias_name

    try:
        cluster = engine.cluster_health()
        # Asking the health of a missing index would wait for it to appear: look first.
        targets = engine.alias_targets(alias_name())
        index = engine.cluster_health(index=",".join(targets))["status"] if targets else None
    except EngineError:
        return {"state": "unavailable"}
    return {
        # Only the practice index decides: another index's red shard does not hide ours.
        "state": "error" if index == "red" else "ok",
        "cluster": cluster["status"],
        "nodes": cluster.get("number_of_nodes"),
        "index": index,
    }


@never_cache
@require_GET
def health(request):
    database = database_state()
    search = search_state()
    if database != "ok":
        status = "error"
    elif search["state"] in ("unavailable", "error"):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "search": search},
        status=503 if status == "error" else 200,
    )
