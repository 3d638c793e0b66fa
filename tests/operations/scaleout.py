"""Scale-out pieces for the failure tests and tests/bench/cluster.py: a private three-node
search cluster to kill nodes of, gunicorn app servers and `db_worker` processes, all run as
separate processes against the test database (see scaleout_settings.py)."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Away from the shared single nodes (9200, 9201 and their fallbacks).
CLUSTER_PORT = int(os.environ.get("FAILURE_CLUSTER_PORT", "9230"))


def _get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read())


class PrivateCluster:
    """Three OpenSearch nodes of their own (own folder and ports), started by the launcher's
    start_cluster(); it reuses the jars the launcher has already fetched."""

    def __init__(self, name="cluster-tests", nodes=3, port=CLUSTER_PORT):
        self.var = ROOT / "var" / f"search-{name}"
        self.nodes, self.port = nodes, port
        self.url = None

    def _launcher(self, call):
        from search.engine import launcher

        env = dict(os.environ, SEARCH_ENGINE_VAR_DIR=str(self.var))
        env.setdefault("SEARCH_ENGINE_HEAP", "256m")
        code = f"from search.engine import launcher; print(launcher.{call})"
        self.var.mkdir(parents=True, exist_ok=True)
        lib = self.var / "lib-opensearch"
        if (launcher.VAR / "lib-opensearch").is_dir() and not lib.exists():
            lib.symlink_to(launcher.VAR / "lib-opensearch")
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"launcher.{call} failed:\n{result.stderr[-3000:]}")
        return result.stdout.strip().splitlines()[-1]

    def start(self):
        """Start the missing nodes (all at first, a killed one later); returns SEARCH_URL."""
        self.url = self._launcher(f"start_cluster({self.nodes}, {self.port})")
        return self.url

    def stop(self):
        self._launcher("stop('opensearch', cluster=True)")

    def urls(self):
        return self.url.split(",")

    def _state(self, name):
        return json.loads((self.var / f"{name}.json").read_text())

    def kill(self, name):
        """SIGKILL, as a crash or the out-of-memory killer would: no clean shutdown."""
        pid = self._state(name)["pid"]
        os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} did not die")

    def _ask(self, path):
        for url in self.urls():
            try:
                return _get(url + path)
            except OSError:
                continue
        raise RuntimeError(f"no node answers {path}")

    def health(self, index=""):
        return self._ask(f"/_cluster/health/{index}")

    def manager(self):
        """The name of the elected cluster manager node."""
        return self._ask("/_cat/cluster_manager?format=json")[0]["node"]

    def shard_nodes(self, index):
        """Names of the nodes holding a copy of a shard of `index` (an alias works too)."""
        rows = self._ask(f"/_cat/shards/{index}?format=json")
        return sorted({row["node"] for row in rows if row.get("node")})

    def wait_for(self, status="green", index="", seconds=180):
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            try:
                health = self.health(index)
            except RuntimeError:
                health = {}
            if health.get("status") == status and health.get("number_of_nodes") == self.nodes:
                return time.monotonic() - started
            time.sleep(0.5)
        raise AssertionError(f"cluster not {status} after {seconds} s: {health}")


def process_env(database_name, search_url, prefix, **extra):
    """Environment of an app server or worker: the test database, the cluster, our index."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database_name}"
    if db.get("PASSWORD"):
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{database_name}"
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.operations.scaleout_settings",
        DATABASE_URL=url,
        SEARCH_URL=search_url,
        SEARCH_INDEX_PREFIX=prefix,
        SEARCH_REPLICAS=str(settings.SEARCH_REPLICAS),
        PYTHONPATH=str(ROOT),
        **{key: str(value) for key, value in extra.items()},
    )


class AppServer:
    """gunicorn serving the site on 127.0.0.1:port (two processes of four threads)."""

    def __init__(self, port, env, log_name):
        self.port, self.env = port, env
        self.url = f"http://127.0.0.1:{port}"
        self.log = ROOT / "var" / f"{log_name}.log"
        self.process = None

    def start(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "goodpractice.wsgi"]
                + ["-b", f"127.0.0.1:{self.port}", "-w", "2", "--threads", "4"]
                + ["--timeout", "60", "--graceful-timeout", "5"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                _get(self.url + "/health/")
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {self.port} did not answer")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Worker:
    """One `manage.py db_worker` process (index updates, e-mail)."""

    def __init__(self, env, name):
        self.env, self.name = env, name
        self.log = ROOT / "var" / f"{name}.log"
        self.process = None

    def start(self):
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"]
                + ["--worker-id", self.name, "-v", "1"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        return self

    def kill(self):
        """SIGKILL mid-task: no cleanup, the database connection just drops."""
        self.process.kill()
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- a node lost under load ----------------------------------------------------------------


class Searchers:
    """Threads sending /api/search/ to the app servers in turn until stopped; every answer
    is recorded as (monotonic time, server, HTTP status, backend, milliseconds)."""

    QUERIES = ("q=perhekeskus&lang=fi", "q=kotikäynnit&lang=fi", "q=&lang=fi&theme=family-centre")

    def __init__(self, servers, count=4):
        import threading

        self.servers = servers
        self.results, self._lock = [], threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(count)]

    def _run(self, number):
        import requests

        position = number
        with requests.Session() as session:
            while not self._stop.is_set():
                server = self.servers[position % len(self.servers)]
                query = self.QUERIES[position % len(self.QUERIES)]
                position += 1
                started = time.monotonic()
                try:
                    response = session.get(f"{server.url}/api/search/?{query}", timeout=30)
                    status, backend = response.status_code, response.json().get("backend")
                except (requests.RequestException, ValueError) as error:
                    status, backend = 0, repr(error)
                with self._lock:
                    self.results.append(
                        (started, server.port, status, backend, (time.monotonic() - started) * 1e3)
                    )
                time.sleep(0.05)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def failures(self):
        return [row for row in self.results if row[2] != 200 or row[3] != "engine"]

    def between(self, start, end):
        return [row for row in self.results if start <= row[0] < end]


class Publisher:
    """A thread publishing one new practice after another (publish(number) does it)."""

    def __init__(self, publish, pause=0.3):
        import threading

        self.publish, self.pause = publish, pause
        self.published, self.errors = [], []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self):
        from django.db import connection

        number = 0
        try:
            while not self._stop.is_set():
                try:
                    self.published.append((time.monotonic(), self.publish(number)))
                except Exception as error:
                    self.errors.append(repr(error))
                number += 1
                time.sleep(self.pause)
        finally:
            connection.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=60)


def indexed_ids(cluster, index):
    found = cluster._ask(f"/{index}/_search?size=10000&_source=false&q=*:*")
    return {int(hit["_id"]) for hit in found["hits"]["hits"]}


def wait_until_indexed(cluster, seconds=120):
    """Wait until no index update is pending or running and the index holds exactly the
    published practices; returns (seconds waited, database ids, index ids)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from search.documents import alias_name
    from search.indexing import indexable_pages
    from search.models import PendingIndexUpdate

    started = time.monotonic()
    while True:
        cluster._ask(f"/{alias_name()}/_refresh")
        expected = set(indexable_pages().values_list("pk", flat=True))
        found = indexed_ids(cluster, alias_name())
        busy = DBTaskResult.objects.filter(
            task_path__endswith="update_index",
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        ).exists()
        settled = not busy and not PendingIndexUpdate.objects.exists()
        if (settled and found == expected) or time.monotonic() - started > seconds:
            return time.monotonic() - started, expected, found
        time.sleep(0.5)


def lose_a_node(cluster, servers, publish, victim, before=3.0, outage=8.0):
    """Searches and publishes run; the `victim` ("data node" or "cluster manager") is
    killed with SIGKILL, started again `outage` s later; returns the figures."""
    from search.documents import alias_name

    manager = cluster.manager()
    if victim == "cluster manager":
        name = manager
    else:
        # A node holding a copy of the practice index that is not the elected manager.
        holders = [node for node in cluster.shard_nodes(alias_name()) if node != manager]
        name = holders[0]
    with Searchers(servers) as searches, Publisher(publish) as publisher:
        time.sleep(before)
        killed = time.monotonic()
        cluster.kill(name)
        time.sleep(outage)
        restarting = time.monotonic()
        cluster.start()
        rejoined = time.monotonic()
        green = cluster.wait_for("green", seconds=180)
        time.sleep(2)
    caught_up, expected, found = wait_until_indexed(cluster)
    during = searches.between(killed, rejoined + green)
    durations = sorted(row[4] for row in during) or [0]
    return {
        "victim": victim,
        "node": name,
        "new_manager": cluster.manager(),
        "searches": len(searches.results),
        "searches_while_degraded": len(during),
        "failed_searches": searches.failures(),
        # Of those, how many before the node was started again (the rest: while it started).
        "failed_before_restart": sum(1 for row in searches.failures() if row[0] < restarting),
        "p95_ms": durations[round(0.95 * (len(durations) - 1))],
        "max_ms": durations[-1],
        "published": len(publisher.published),
        "published_while_degraded": sum(
            1 for at, _pk in publisher.published if killed <= at < rejoined + green
        ),
        "publish_errors": publisher.errors,
        "restart_seconds": rejoined - restarting,
        "green_after_rejoin_seconds": green,
        "index_caught_up_seconds": caught_up,
        "expected": expected,
        "indexed": found,
    }
