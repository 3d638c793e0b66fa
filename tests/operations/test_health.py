"""The health endpoint that load balancers and monitoring poll."""

from search.models import PendingIndexUpdate

DEAD_URL = "http://127.0.0.1:9"  # discard port: nothing listens there


def test_without_a_search_engine_the_site_is_healthy(db, client, settings):
    settings.SEARCH_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": {"state": "not configured"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_engine_is_degraded_not_down(db, client, settings):
    settings.SEARCH_URL = DEAD_URL
    PendingIndexUpdate.objects.create(page_id=12345)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == {"state": "unavailable", "pending_updates": 1}
