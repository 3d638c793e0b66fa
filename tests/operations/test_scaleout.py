"""Scaled out for real: a three-node search cluster, two gunicorn app servers and two task
workers, all separate processes sharing the test database. Run alone with
`pytest -m failure tests/operations/test_scaleout.py`.

Search nodes are killed with SIGKILL under load (searches through /api/search/ of both
servers, practices published meanwhile); sessions, the page cache and the task queue are
checked across the two servers and the two workers.
"""

import json
import os
import re
import subprocess
import sys
import time

import pytest
import requests
from django.db import connection

from search.testing import drop_indices, reset_process_state, unique_prefix
from tests.factories import make_practice

from .mailserver import CountingMailServer
from .scaleout import ROOT, AppServer, PrivateCluster, Worker, lose_a_node, process_env

pytestmark = [pytest.mark.failure, pytest.mark.django_db(transaction=True)]

PREFIX = unique_prefix()
SERVER_PORTS = (8791, 8792)


@pytest.fixture(scope="module")
def cluster():
    cluster = PrivateCluster()
    try:
        cluster.start()
    except RuntimeError as error:
        pytest.skip(f"no search cluster for the scale-out tests: {error}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def mail_server():
    with CountingMailServer(delay=1.0) as server:
        yield server


@pytest.fixture(scope="module")
def shared_env(django_db_setup, django_db_blocker, cluster, mail_server):
    from django.conf import settings

    settings.SEARCH_REPLICAS = 1  # what the processes get; the test's own is set per test
    env = process_env(
        connection.settings_dict["NAME"],
        cluster.url,
        PREFIX,
        SEARCH_TIMEOUT=10,
        EMAIL_PORT=mail_server.port,
    )
    # The database caches the servers share (production's `createcachetable`).
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    return env


@pytest.fixture(scope="module")
def servers(shared_env):
    started = []
    try:
        for number, port in enumerate(SERVER_PORTS, 1):
            started.append(AppServer(port, shared_env, f"scaleout-server-{number}").start())
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def workers(shared_env):
    started = [Worker(shared_env, f"scaleout-worker-{n}").start() for n in (1, 2)]
    yield started
    for worker in started:
        worker.stop()


@pytest.fixture
def scaled(transactional_db, settings, cluster, servers):
    """This test process as one more app host: same database, cluster, index and queue."""
    from search import connection as search_connection
    from search.indexing import ensure_index
    from tests.conftest import _build_site, _restore_migration_data

    _build_site()
    _restore_migration_data()
    settings.SEARCH_URL = cluster.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_INDEX_PREFIX = PREFIX
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_TIMEOUT = 10
    # Publishing here queues the index update for the workers, as on a production host.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reset_process_state()
    ensure_index(search_connection.get_engine())
    cluster.wait_for("green")
    yield servers
    drop_indices(PREFIX)


def test_search_engine_status_shows_each_node_of_the_cluster(cluster):
    env = dict(
        os.environ,
        SEARCH_ENGINE_VAR_DIR=str(cluster.var),
        DJANGO_SETTINGS_MODULE="goodpractice.settings.test",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "search_engine", "status"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout)["cluster"]
    assert found["health"] in ("green", "yellow")
    assert found["nodes_joined"] == 3
    assert [node["running"] for node in found["nodes"]] == [True, True, True]
    assert ",".join(node["url"] for node in found["nodes"]) == cluster.url


def _publish(number):
    return make_practice(title=f"Perhekeskuksen kotikäynnit {number}").pk


def _report(figures):
    print(
        f"\n{figures['victim']} {figures['node']} killed: {figures['searches']} searches, "
        f"{figures['searches_while_degraded']} until green again, "
        f"{len(figures['failed_searches'])} failed or from the database, "
        f"p95 {figures['p95_ms']:.0f} ms, max {figures['max_ms']:.0f} ms; "
        f"{figures['published']} published ({figures['published_while_degraded']} until green), "
        f"none lost; node back in "
        f"{figures['restart_seconds']:.1f} s, green {figures['green_after_rejoin_seconds']:.1f} s "
        f"later; index caught up {figures['index_caught_up_seconds']:.1f} s after; "
        f"manager now {figures['new_manager']}"
    )


@pytest.mark.parametrize("victim", ["data node", "cluster manager"])
def test_a_search_node_killed_under_load_loses_no_search_and_no_publish(
    scaled, workers, cluster, victim
):
    for number in range(5):
        make_practice(title=f"Perhekeskus {number}")
    figures = lose_a_node(cluster, scaled, _publish, victim)
    _report(figures)
    if victim == "cluster manager":
        assert figures["new_manager"] != figures["node"]
    assert not figures["failed_searches"], figures["failed_searches"][:5]
    assert figures["searches_while_degraded"] > 20
    assert not figures["publish_errors"], figures["publish_errors"][:3]
    assert figures["published_while_degraded"] >= 2
    # Exactly the published practices, none lost, none left over.
    assert figures["indexed"] == figures["expected"]
    assert cluster.health()["status"] == "green"


def _sign_in(browser, server, user):
    form = browser.get(f"{server.url}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = browser.post(
        f"{server.url}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": user.username, "password": "pw"},
        headers={"Referer": f"{server.url}/admin/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]


def test_a_session_started_on_one_server_is_valid_on_the_other(scaled):
    from tests.factories import make_user

    first, second = scaled
    user = make_user(superuser=True, first_name="Eeva", last_name="Editori")
    with requests.Session() as browser:
        _sign_in(browser, first, user)
        # The same cookies (a cookie is for the host, whatever the port) on the other server.
        response = browser.get(f"{second.url}/admin/", allow_redirects=False, timeout=30)
        assert response.status_code == 200
        assert "Eeva" in response.text
        signed_out = requests.get(f"{second.url}/admin/", allow_redirects=False, timeout=30)
        assert signed_out.status_code == 302


def _listing(server, path):
    response = requests.get(server.url + path, timeout=30)
    assert response.status_code == 200
    return response


def test_a_publish_on_one_server_drops_the_cached_pages_of_both(scaled, workers, cluster):
    from goodpractice.practices.models import PracticeIndexPage, PracticePage
    from tests.factories import make_user

    from .scaleout import wait_until_indexed

    first, second = scaled
    make_practice(title="Perhekeskuksen kotikäynnit")
    draft = make_practice(title="Sijaishuollon nuorten tukihenkilöt", publish=False)
    wait_until_indexed(cluster)
    path = PracticeIndexPage.objects.get(locale__language_code="fi").get_url()
    for server in scaled:
        _listing(server, path)
        cached = _listing(server, path)
        assert cached.headers.get("X-Page-Cache") == "hit"
        assert "Sijaishuollon" not in cached.text

    user = make_user(superuser=True)
    with requests.Session() as browser:
        _sign_in(browser, first, user)
        action = f"{first.url}/admin/bulk/wagtailcore/page/publish/?id={draft.pk}"
        form = browser.get(action, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        published = browser.post(
            action,
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": action},
            allow_redirects=False,
            timeout=30,
        )
    assert published.status_code == 302
    assert PracticePage.objects.get(pk=draft.pk).live

    # The worker indexes it; both servers then show it, neither serves its old copy.
    deadline, shown = time.monotonic() + 60, {}
    while time.monotonic() < deadline and len(shown) < 2:
        for server in scaled:
            if "Sijaishuollon" in _listing(server, path).text:
                shown[server.port] = time.monotonic()
        time.sleep(0.5)
    assert set(shown) == {first.port, second.port}


def test_each_queued_email_is_sent_once_even_when_a_worker_is_killed_mid_task(
    scaled, workers, mail_server, settings
):
    from django.core.mail import send_mail
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = "goodpractice.operations.mail.QueuedEmailBackend"
    mail_server.counts.clear()
    count = 16
    for number in range(count):
        send_mail(f"Viesti {number}", "Hei!", "noreply@example.invalid", ["eeva@example.invalid"])
    deliveries = DBTaskResult.objects.filter(task_path__endswith="mail.deliver_email")
    assert deliveries.count() == count

    # Killed while it delivers a message (the mail server takes a second to answer).
    victim, survivor = workers
    deadline = time.monotonic() + 60
    while not deliveries.filter(
        status=TaskResultStatus.RUNNING, worker_ids__contains=[victim.name]
    ).exists():
        assert time.monotonic() < deadline, "the worker never started a delivery"
        time.sleep(0.02)
    victim.kill()

    deadline = time.monotonic() + 90
    while (
        sum(mail_server.counts.values()) < count
        or deliveries.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    ):
        assert time.monotonic() < deadline, (
            f"{sum(mail_server.counts.values())} of {count} sent; "
            f"{list(deliveries.values_list('status', 'worker_ids'))}"
        )
        time.sleep(0.5)
    time.sleep(2)  # nothing more arrives
    assert len(mail_server.counts) == count
    assert set(mail_server.counts.values()) == {1}
    # The task the killed worker held was run again by the other one.
    assert deliveries.filter(worker_ids__contains=[victim.name, survivor.name]).exists()


def _indexing_totals(cluster):
    from search.documents import alias_name

    [stats] = cluster._ask(f"/{alias_name()}/_stats/indexing")["indices"].values()
    found = stats["primaries"]["indexing"]
    return found["index_total"], found["index_failed"]


def test_each_queued_index_update_is_applied_once_even_when_a_worker_is_killed_mid_task(
    scaled, shared_env, cluster
):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from search.models import PendingIndexUpdate

    from .scaleout import wait_until_indexed

    # Queued while no worker runs: one pending update per page (and language version).
    for number in range(6):
        make_practice(title=f"Perhekeskus {number}")
    queued = PendingIndexUpdate.objects.count()
    assert queued >= 6
    tasks = DBTaskResult.objects.filter(task_path__endswith="update_index")
    victim = Worker(shared_env, "scaleout-worker-1").start()
    survivor = Worker(shared_env, "scaleout-worker-2").start()
    try:
        deadline = time.monotonic() + 60
        while not tasks.filter(
            status=TaskResultStatus.RUNNING, worker_ids__contains=[victim.name]
        ).exists():
            assert time.monotonic() < deadline, "the worker never started an index update"
            time.sleep(0.01)
        victim.kill()
        waited, expected, indexed = wait_until_indexed(cluster, seconds=90)
    finally:
        victim.stop()
        survivor.stop()
    assert indexed == expected
    assert len(expected) == queued
    # Each update written once: an update sent again after the kill is refused by version.
    written, _refused = _indexing_totals(cluster)
    assert written == queued
    assert not tasks.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    print(f"\nworker killed mid index update: {queued} updates, each applied once, {waited:.1f} s")
