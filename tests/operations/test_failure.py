"""Failures under load, for real: the search engine killed, PostgreSQL restarted, the mail
server refusing. Run alone with `pytest -m failure tests/operations/test_failure.py`.

Visitors are threads with their own HTTP sessions against the live server, which answers
each request in its own thread with its own database connection.
"""

import re
import threading
import time
from email.header import decode_header, make_header
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.core import signing
from django.core.management import call_command
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus

from goodpractice.awards import views as award_views
from goodpractice.awards.models import Nomination
from goodpractice.practices.models import PracticeIndexPage
from search.models import PendingIndexUpdate
from search.testing import drop_indices, reset_process_state, unique_prefix
from tests.awards.factories import make_round, organisations, shifted_schedule
from tests.factories import make_practice

from .mailserver import MailServer, free_port
from .outages import PrivateEngine, postgres_restart_command, restart_postgres

pytestmark = [pytest.mark.failure, pytest.mark.django_db(transaction=True)]

UNAVAILABLE_FI = "Palvelu on hetken poissa käytöstä"


class Visitors:
    """Threads requesting `paths` in turn until stopped; every answer is recorded."""

    def __init__(self, base_url, paths, count=4):
        self.base_url, self.paths = base_url, paths
        self.results = []  # (monotonic time, path, status, search backend or None)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(count)]

    def _run(self, number):
        with requests.Session() as session:
            self._visit(session, number)

    def _visit(self, session, number):
        position = number
        while not self._stop.is_set():
            path = self.paths[position % len(self.paths)]
            position += 1
            try:
                response = session.get(self.base_url + path, timeout=30)
                status = response.status_code
                backend = response.json().get("backend") if "/api/search/" in path else None
            except (requests.RequestException, ValueError):
                status, backend = 0, None
            with self._lock:
                self.results.append((time.monotonic(), path, status, backend))
            time.sleep(0.02)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def between(self, start, end):
        return [r for r in self.results if start <= r[0] < end]


@pytest.fixture(scope="module")
def private_engine():
    engine = PrivateEngine()
    try:
        engine.start()
    except RuntimeError as error:
        pytest.skip(f"no search engine for the failure tests: {error}")
    yield engine
    engine.stop()


@pytest.fixture
def engine_site(live_site, settings, private_engine):
    from search import connection
    from search.indexing import ensure_index

    settings.SEARCH_URL = private_engine.url
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_INDEX_PREFIX = unique_prefix()
    reset_process_state()
    ensure_index(connection.get_engine())
    yield live_site
    if private_engine.url:
        drop_indices(settings.SEARCH_INDEX_PREFIX)


@pytest.fixture(autouse=True)
def _no_rate_limit_left_over():
    from django.core.cache import cache

    cache.clear()


def _refresh():
    from search import connection
    from search.documents import alias_name

    connection.get_engine().refresh(alias_name())


def test_engine_killed_mid_load_pages_and_search_keep_answering_then_catch_up(
    engine_site, private_engine, settings
):
    practices = [make_practice(title=f"Perhekeskuksen kotikäynnit {n}") for n in range(4)]
    _refresh()
    listing = PracticeIndexPage.objects.get(locale__language_code="fi").url
    with translation.override("fi"):
        search_page = reverse("search")
    paths = [
        practices[0].url,
        listing + "?theme=family-centre",
        search_page + "?q=perhekeskuksen",
        "/api/search/?q=perhekeskuksen",
        practices[1].url,
        "/api/search/?q=kotikäynnit",
    ]
    with Visitors(engine_site.url, paths) as visitors:
        time.sleep(3)
        killed_at = time.monotonic()
        private_engine.kill()
        # Published during the outage: saved, its index update kept for later.
        late = make_practice(title="Jälkihuollon tukiasunnot", themes=("aftercare",))
        assert PendingIndexUpdate.objects.filter(page_id=late.pk).exists()
        time.sleep(4)
        restarted_at = time.monotonic()
        settings.SEARCH_URL = private_engine.start()
        back_at = time.monotonic()
        # The index catches up by itself, on the next searches that reach the engine.
        deadline = back_at + 60
        found = None
        while time.monotonic() < deadline:
            found = requests.get(engine_site.url + "/api/search/?q=tukiasunnot", timeout=30).json()
            if found["backend"] == "engine" and found["count"] == 1:
                break
            time.sleep(0.5)
        caught_up_at = time.monotonic()
        time.sleep(2)

    errors = [r for r in visitors.results if r[2] != 200]
    assert not errors, f"{len(errors)} of {len(visitors.results)} requests failed: {errors[:5]}"
    during = visitors.between(killed_at + 0.5, restarted_at)
    assert during, "no requests during the outage"
    assert {r[3] for r in during if r[3]} == {"database"}
    assert (found["backend"], found["count"]) == ("engine", 1)
    assert not PendingIndexUpdate.objects.exists()
    after = visitors.between(caught_up_at, caught_up_at + 10)
    assert {r[3] for r in after if r[3]} == {"engine"}
    print(
        f"\nengine outage: {len(during)} requests answered while down, 0 errors; "
        f"index caught up {caught_up_at - back_at:.1f} s after the engine was back"
    )


def _nominate(session, base_url, path, nominee, title):
    """What a browser does: load the form, send it. Returns the answer to the form or to
    the sending, and whether it was sent."""
    form = session.get(base_url + path, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if form.status_code != 200 or not token:
        return form, False
    response = session.post(
        base_url + path,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "nominee": nominee,
            "title": title,
            "what_was_done": "Tuki neuvolasta alkaen.",
            "for_whom": "Lapsiperheet",
            "results": "Vähemmän kiireellisiä sijoituksia.",
            "nominator_name": "Nina Nimeäjä",
            "nominator_email": "nina@example.invalid",
            "consent_to_publish": "on",
        },
        headers={"Referer": base_url + path},
        allow_redirects=False,
        timeout=30,
    )
    return response, True


def _nominator(base_url, path, nominee, number, results, stop):
    """One visitor sending nominations one after another."""
    with requests.Session() as session:
        _send_until(session, base_url, path, nominee, number, results, stop)


def _send_until(session, base_url, path, nominee, number, results, stop):
    sent = 0
    while not stop.is_set():
        title = f"Ehdotus {number}-{sent}"
        try:
            response, posted = _nominate(session, base_url, path, nominee, title)
        except requests.RequestException as error:
            results.append(("post", 0, title, repr(error)))
            continue
        if posted:
            sent += 1
            results.append(("post", response.status_code, title, response))
        else:
            results.append(("form", response.status_code, None, response))
            time.sleep(0.2)


def _reference(response):
    query = parse_qs(urlparse(response.headers["Location"]).query)
    return signing.loads(query["ref"][0], salt=award_views.THANKS_SALT)


def test_postgres_restart_mid_load_loses_no_nomination(live_site, monkeypatch):
    command = postgres_restart_command()
    if command is None:
        pytest.skip("the test database's cluster can't be restarted from here")
    monkeypatch.setattr(award_views, "NOMINATION_RATE_LIMIT", 1_000_000)
    orgs = organisations()
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    with translation.override("fi"):
        path = reverse("awards_nominate")

    results, stop = [], threading.Event()
    threads = [
        threading.Thread(
            target=_nominator,
            args=(live_site.url, path, orgs["imatra"].pk, n, results, stop),
        )
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        before = len(results)
        downtime = restart_postgres(command)
        after_restart = len(results)
        time.sleep(4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    connections.close_all()  # this thread's connection died with the server

    posts = [r for r in results if r[0] == "post"]
    confirmed = [r for r in posts if r[1] == 302]
    refused = [r for r in posts if r[1] == 503]
    unexpected = [(r[1], r[3]) for r in posts if r[1] not in (302, 503)]
    assert not unexpected, unexpected[:3]
    for _kind, _status, _title, response in refused:
        assert UNAVAILABLE_FI in response.text
        assert response.headers["Retry-After"]
    saved = dict(Nomination.objects.values_list("title", "reference"))
    for _kind, _status, title, response in confirmed:
        assert saved.get(title) == _reference(response), title
    # Nothing saved that the visitor was told failed, nothing confirmed that is missing.
    assert set(saved) == {r[2] for r in confirmed}
    assert before > 0 and len(results) > after_restart, "the load did not span the restart"
    assert any(r[1] == 302 for r in results[after_restart:] if r[0] == "post")
    print(
        f"\nPostgreSQL restart ({downtime:.1f} s): {len(posts)} nominations sent, "
        f"{len(confirmed)} saved and confirmed, {len(refused)} refused with 503, 0 lost"
    )


def test_failing_mail_server_does_not_lose_a_nomination(live_site, settings):
    settings.EMAIL_BACKEND = "goodpractice.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    settings.EMAIL_RETRY_DELAYS = ["1", "1"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    orgs = organisations()
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    with translation.override("fi"):
        path = reverse("awards_nominate")
    # Closing the session ends its keep-alive connection, and with it the server thread
    # and that thread's database connection.
    with requests.Session() as session:
        response, posted = _nominate(
            session, live_site.url, path, orgs["imatra"].pk, "Hyvinvointineuvola"
        )
    assert posted and response.status_code == 302
    nomination = Nomination.objects.get(title="Hyvinvointineuvola")
    assert nomination.reference == _reference(response)

    # The mail server is down: the worker's first attempt fails and is retried later.
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    deliveries = DBTaskResult.objects.filter(task_path__endswith="mail.deliver_email")
    assert deliveries.filter(status=TaskResultStatus.READY).exists()
    with MailServer(failures=1) as server:
        settings.EMAIL_PORT = server.port
        deadline = time.monotonic() + 30
        while not server.received and time.monotonic() < deadline:
            time.sleep(1)
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    [(_sender, recipients, message)] = server.received[:1]
    assert recipients == ["nina@example.invalid"]
    assert nomination.reference in str(make_header(decode_header(message["Subject"])))
    assert not deliveries.exclude(status=TaskResultStatus.SUCCESSFUL).exists()
