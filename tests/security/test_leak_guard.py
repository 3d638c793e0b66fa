"""The leak guard: every admin URL, as every role, against every other role's secrets.

One dataset is seeded per module (seeded_world.py); the URLs come from the resolver
(admin_urls.py), so a new view is swept without being listed. A URL whose probe with
ids that do not exist is refused is not a view the role can reach and is skipped with
all its ids. GET only: views that need a POST body are still asked with GET.
"""

import html

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .admin_urls import Ids, admin_patterns, model_pairs, urls_for
from .responses import response_text
from .seeded_world import ROLES, hidden_secrets, seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


@pytest.fixture
def sweep(world, db, django_db_blocker):
    # Whatever a GET changes is undone before the next role.
    with django_db_blocker.unblock(), transaction.atomic():
        yield world
        transaction.set_rollback(True)


def refused(response):
    if response.status_code in (401, 403, 405):
        return True
    if response.status_code in (301, 302):
        location = response.get("Location", "")
        return location.startswith(reverse("wagtailadmin_login")) or location == reverse(
            "wagtailadmin_home"
        )
    return False


def leaks_for(role, world):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"][role])
    client.cookies["django_language"] = "en"
    hidden = hidden_secrets(world, role)
    ids = Ids(first=world["ids"]["first"], second=world["ids"]["second"], models=model_pairs())
    leaks, asked = [], 0
    for pattern in admin_patterns():
        probe, urls = urls_for(pattern, ids)
        if probe is not None and refused(client.get(probe)):
            continue
        for url in urls:
            asked += 1
            text = html.unescape(response_text(client.get(url)))
            leaks += [f"{url} shows {secret!r}" for secret in sorted(hidden) if secret in text]
    print(f"{role}: {asked} URLs asked")
    assert asked > 50, "the sweep asked almost nothing: is the role signed in?"
    return leaks


@pytest.mark.parametrize("role", ROLES)
def test_role_sees_no_other_roles_secrets(sweep, role):
    leaks = leaks_for(role, sweep)
    assert not leaks, f"{role} sees secrets:\n" + "\n".join(leaks)
