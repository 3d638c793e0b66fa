"""A change drops the cached pages that show it, and only those.

The listings here come from the database (no engine); the engine's side (listings and
related practices refreshed by the indexing task) is in tests/search/test_stored_related.py.
"""

import datetime
import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticeIndexPage, PracticePage, Theme
from goodpractice.practices.services import save_practice
from search.testing import reset_process_state
from tests.awards.factories import make_round
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SEARCH_URL = ""
    reset_process_state()
    caches["pages"].clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def cache_state(client, path):
    return client.get(path).get("X-Page-Cache")


def warm(client, paths):
    for path in paths:
        fetch(client, path)
        assert cache_state(client, path) == "hit", path


def theme_url(slug):
    with translation.override("fi"):
        return Theme.objects.get(slug=slug).get_absolute_url()


def organisation_url(code):
    with translation.override("fi"):
        return Organisation.objects.lookup(code).get_absolute_url()


def fi_url(name):
    with translation.override("fi"):
        return reverse(name)


def versions(practice):
    return [
        page.url for page in PracticePage.objects.filter(translation_key=practice.translation_key)
    ]


@pytest.fixture
def catalogue(site):
    changed = make_practice(
        title="Perhekeskus Lumo", themes=("family-centre",), organisations=("853",)
    )
    unrelated = make_practice(
        title="Nuorten olohuone", themes=("aftercare",), organisations=("837",)
    )
    return changed, unrelated


def unrelated_pages(unrelated):
    return [*versions(unrelated), theme_url("aftercare"), organisation_url("837")]


def affected_pages(changed):
    index = PracticeIndexPage.objects.get(locale__language_code="fi").url
    return [
        *versions(changed),
        "/fi/",
        "/sv/",
        index,
        f"{index}?theme=family-centre",
        theme_url("family-centre"),
        organisation_url("853"),
        organisation_url("VS"),
        fi_url("practice_map"),
        fi_url("theme_list"),
        fi_url("organisation_list"),
    ]


def test_an_unrelated_practice_keeps_its_cached_pages_through_a_publish(client, catalogue, commit):
    changed, unrelated = catalogue
    assert len(versions(unrelated)) == 3  # fi, and the sv and en copies
    warm(client, unrelated_pages(unrelated))
    with commit():
        changed.title = "Perhekeskus Lumo ja Tuikku"
        changed.save_revision().publish()
    for path in unrelated_pages(unrelated):
        assert cache_state(client, path) == "hit", path


def test_a_publish_refreshes_every_page_that_shows_the_practice(client, catalogue, commit):
    changed, _unrelated = catalogue
    pages = affected_pages(changed)
    warm(client, pages)
    with commit():
        changed.title = "Perhekeskus Lumo ja Tuikku"
        changed.save_revision().publish()
    for path in pages:
        response = fetch(client, path)
        assert response["X-Page-Cache"] == "miss", path
    for path in [*versions(changed), "/fi/", pages[4], theme_url("family-centre")]:
        assert "Lumo ja Tuikku" in fetch(client, path).content.decode(), path


def test_moving_a_practice_to_other_themes_and_organisations_refreshes_old_and_new(
    client, catalogue, commit
):
    changed, _unrelated = catalogue
    old = [theme_url("family-centre"), organisation_url("853"), organisation_url("VS")]
    new = [theme_url("aftercare"), organisation_url("837"), organisation_url("PI")]
    warm(client, old + new)
    with commit():
        save_practice(
            changed,
            language="fi",
            themes=Theme.objects.filter(slug="aftercare"),
            organisations=[Organisation.objects.lookup("837")],
        )
    for path in old:
        assert "Perhekeskus Lumo" not in fetch(client, path).content.decode(), path
    for path in new:
        assert "Perhekeskus Lumo" in fetch(client, path).content.decode(), path


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_unpublishing_or_deleting_drops_it_everywhere_and_keeps_the_rest(
    client, catalogue, commit, action
):
    changed, unrelated = catalogue
    own, listing = versions(changed), affected_pages(changed)[3:]
    warm(client, own + listing + unrelated_pages(unrelated))
    with commit():
        if action == "unpublish":
            changed.unpublish()
        else:
            changed.delete()
    for path in own:
        assert client.get(path).status_code == 404, path
    for path in listing:
        assert "Perhekeskus Lumo" not in fetch(client, path).content.decode(), path
    for path in unrelated_pages(unrelated):
        assert cache_state(client, path) == "hit", path


def test_an_adoption_refreshes_the_practice_and_the_adopter(client, catalogue, commit):
    from goodpractice.practices.adoptions import record_adoption

    changed, unrelated = catalogue
    adopter = Organisation.objects.lookup("091")
    pages = [*versions(changed), organisation_url("091")]
    warm(client, pages + versions(unrelated))
    with commit():
        record_adoption(
            changed,
            adopter,
            adopted_on=datetime.date(2024, 1, 1),
            contact_name="Anna Esimerkki",
            contact_email="anna@example.invalid",
            changes="Kokeiltu kahdessa perhekeskuksessa",
        )
    for path in pages:
        assert cache_state(client, path) == "miss", path
    assert "Kokeiltu kahdessa" in fetch(client, changed.url).content.decode()
    for path in versions(unrelated):
        assert cache_state(client, path) == "hit", path


def test_a_prize_round_change_still_refreshes_everything(client, catalogue, commit):
    _changed, unrelated = catalogue
    warm(client, unrelated_pages(unrelated))
    with commit():
        make_round()
    for path in unrelated_pages(unrelated):
        assert cache_state(client, path) == "miss", path


def test_invalidation_goes_through_the_shared_database_cache(client, catalogue, commit, settings):
    """Issue 16 runs several app servers: the group versions live in the cache table that
    they share, not in one process's memory."""
    changed, unrelated = catalogue
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_page_cache_shared",
        },
    }
    call_command("createcachetable", "test_page_cache_shared", verbosity=0)
    warm(client, [changed.url, unrelated.url])
    with commit():
        changed.title = "Perhekeskus Lumo ja Tuikku"
        changed.save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM test_page_cache_shared WHERE cache_key LIKE %s",
            ["%group:practice:%"],
        )
        assert cursor.fetchone()[0] >= 2
    assert "Lumo ja Tuikku" in fetch(client, changed.url).content.decode()
    assert cache_state(client, unrelated.url) == "hit"


def test_counts_are_kept_between_renders_and_follow_a_publish(client, catalogue, commit, settings):
    settings.PAGE_CACHE_SECONDS = 0
    home = fetch(client, "/fi/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert fetch(client, "/fi/").content.decode() == home
    assert not [q for q in queries if "COUNT(DISTINCT" in q["sql"]]
    before = theme_count(client, "family-centre")
    with commit():
        make_practice(title="Perhekeskus Tuikku", themes=("family-centre",))
    assert theme_count(client, "family-centre") == before + 1


def theme_count(client, slug):
    body = fetch(client, fi_url("theme_list")).content.decode()
    url = re.escape(theme_url(slug))
    return int(re.search(rf'href="{url}">.*?<p class="count">(\d+)', body, re.DOTALL)[1])
