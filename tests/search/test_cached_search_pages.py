"""Cached search pages show a newly published practice as soon as the index has it."""

import pytest
from django.core.cache import caches

from tests.factories import make_practice

from .conftest import refresh


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()


def test_publishing_shows_in_cached_search_results_at_once(
    engine, client, django_capture_on_commit_callbacks
):
    make_practice(title="Perhekeskus Tuikku")
    refresh(engine)
    path = "/fi/haku/?q=perhekeskus"
    assert client.get(path)["X-Page-Cache"] == "miss"
    cached = client.get(path)
    assert cached["X-Page-Cache"] == "hit"
    assert "Tuikku" in cached.content.decode() and "Lumo" not in cached.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_practice(title="Perhekeskus Lumo")
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    body = response.content.decode()
    # Titles are highlighted (<mark>Perhekeskus</mark> Lumo).
    assert "Lumo" in body and "Tuikku" in body
