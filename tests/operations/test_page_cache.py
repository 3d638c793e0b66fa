"""Anonymous visitors get cached public pages; any publish shows at once; no one else's token."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.practices.models import PracticeIndexPage, Theme
from tests.awards.factories import make_round, shifted_schedule
from tests.factories import make_practice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()


@pytest.fixture
def practice(site):
    return make_practice(title="Perhekeskuksen kotikäynnit", themes=("family-centre",))


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_second_visit_is_served_from_the_cache_without_queries(
    client, practice, django_assert_num_queries
):
    first = fetch(client, practice.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = fetch(client, practice.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers are added per response, outside the cache.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    assert second["Content-Language"] == "fi"


def test_query_string_and_language_are_part_of_the_key(client, practice):
    index = PracticeIndexPage.objects.get(locale__language_code="fi").url
    fetch(client, index)
    assert fetch(client, index + "?theme=family-centre")["X-Page-Cache"] == "miss"
    assert fetch(client, index + "?theme=family-centre")["X-Page-Cache"] == "hit"
    swedish = PracticeIndexPage.objects.get(locale__language_code="sv").url
    assert fetch(client, swedish)["X-Page-Cache"] == "miss"


def test_publishing_a_change_shows_at_once(client, practice, django_capture_on_commit_callbacks):
    fetch(client, practice.url)
    assert fetch(client, practice.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        practice.title = "Perhekeskuksen kotikäynnit ja vertaisryhmät"
        practice.save_revision().publish()
    response = fetch(client, practice.url)
    assert response["X-Page-Cache"] == "miss"
    assert "kotikäynnit ja vertaisryhmät" in response.content.decode()


def test_unpublishing_removes_the_page_at_once(
    client, practice, django_capture_on_commit_callbacks
):
    index = PracticeIndexPage.objects.get(locale__language_code="fi").url
    assert "Perhekeskuksen kotikäynnit" in fetch(client, index).content.decode()
    fetch(client, practice.url)
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert client.get(practice.url).status_code == 404
    assert "Perhekeskuksen kotikäynnit" not in fetch(client, index).content.decode()


def test_a_taxonomy_change_shows_at_once(client, practice, django_capture_on_commit_callbacks):
    fetch(client, practice.url)
    with django_capture_on_commit_callbacks(execute=True):
        theme = Theme.objects.get(slug="family-centre")
        theme.name_fi = "Perhekeskukset ja neuvolat"
        theme.save()
    assert "Perhekeskukset ja neuvolat" in fetch(client, practice.url).content.decode()


def test_a_change_committed_while_rendering_is_not_kept(client, practice):
    from goodpractice.operations import page_cache

    # The version changes between reading it and storing the page.
    original = page_cache.PageCacheMiddleware.__call__

    def bump_during_render(self, request):
        inner = self.get_response

        def render_then_publish(request):
            response = inner(request)
            caches["pages"].set(page_cache.VERSION_KEY, "newer", None)
            return response

        self.get_response = render_then_publish
        try:
            return original(self, request)
        finally:
            self.get_response = inner

    page_cache.PageCacheMiddleware.__call__ = bump_during_render
    try:
        fetch(client, practice.url)
    finally:
        page_cache.PageCacheMiddleware.__call__ = original
    assert fetch(client, practice.url)["X-Page-Cache"] == "miss"


def test_signed_in_users_never_get_or_fill_cached_pages(client, practice):
    fetch(client, practice.url)
    client.force_login(make_user())
    for _ in range(2):
        assert "X-Page-Cache" not in fetch(client, practice.url)


def test_pages_with_a_form_token_are_not_cached(client, site):
    from tests.awards.factories import organisations

    organisations()
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    with translation.override("fi"):
        path = reverse("awards_nominate")
    for _ in range(2):
        response = fetch(client, path)
        assert "X-Page-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()
    # A visitor who has never been here gets their own token, not the previous one's.
    assert response.cookies.get("csrftoken") or client.cookies.get("csrftoken")


def test_visitors_with_a_session_are_not_served_cached_pages(client, practice):
    fetch(client, practice.url)
    session = client.session
    session["search_history"] = ["perhekeskus"]
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert "X-Page-Cache" not in fetch(client, practice.url)


def test_page_cache_off(client, practice, settings):
    settings.PAGE_CACHE_SECONDS = 0
    fetch(client, practice.url)
    assert "X-Page-Cache" not in fetch(client, practice.url)
