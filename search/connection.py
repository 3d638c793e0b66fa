"""A thin layer over elasticsearch-py and opensearch-py.

The rest of the search app builds request bodies with elasticsearch-dsl and sends them
through Engine, which hides which client library talks to the cluster and turns every
transport or API failure into EngineError, so callers have one thing to catch.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class EngineError(Exception):
    """The engine is unreachable, too slow or refused the request."""


class EngineNotConfigured(EngineError):
    pass


_lock = threading.Lock()
_clients = {}
# Monotonic time until which the engine is considered down (per process).
_down_until = 0.0


def _settings_key():
    return (
        settings.SEARCH_ENGINE,
        settings.SEARCH_URL,
        settings.SEARCH_API_KEY,
        settings.SEARCH_USERNAME,
        settings.SEARCH_PASSWORD,
        settings.SEARCH_CA_BUNDLE,
        settings.SEARCH_TIMEOUT,
    )


def node_urls(value=None):
    """The cluster's node URLs: SEARCH_URL may list several, separated by commas."""
    value = settings.SEARCH_URL if value is None else value
    return [url.strip() for url in (value or "").split(",") if url.strip()]


def _make_client(kind, url, api_key, username, password, ca_bundle, timeout):
    auth = (username, password) if username else None
    hosts = node_urls(url)
    # A node that refuses the connection or answers 502/503/504 is skipped for a while and
    # the request goes to the next node; a timeout is not retried (a slow cluster would
    # only get slower), and with a single URL nothing is retried.
    retries = len(hosts) - 1
    if kind == "elasticsearch":
        from elasticsearch import Elasticsearch

        options = {"request_timeout": timeout, "max_retries": retries, "retry_on_timeout": False}
        if api_key:
            options["api_key"] = api_key
        if auth:
            options["basic_auth"] = auth
        if ca_bundle:
            options["ca_certs"] = ca_bundle
        return Elasticsearch(hosts, **options)

    from opensearchpy import OpenSearch

    options = {"timeout": timeout, "max_retries": retries, "retry_on_timeout": False}
    if api_key:
        options["headers"] = {"Authorization": f"ApiKey {api_key}"}
    if auth:
        options["http_auth"] = auth
    if ca_bundle:
        options["ca_certs"] = ca_bundle
        options["verify_certs"] = True
    return OpenSearch(hosts=hosts, **options)


def is_configured():
    return bool(node_urls())


def get_engine():
    """The Engine for the current settings (clients are cached and thread-safe)."""
    if not is_configured():
        raise EngineNotConfigured("SEARCH_URL is empty")
    key = _settings_key()
    with _lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = _make_client(*key)
    return Engine(client, settings.SEARCH_ENGINE)


def mark_down():
    global _down_until
    _down_until = time.monotonic() + settings.SEARCH_RETRY_SECONDS


def mark_up():
    global _down_until
    _down_until = 0.0


def recently_down():
    """True for a few seconds after a failure, so requests don't each wait for a timeout."""
    return time.monotonic() < _down_until


def _error_types():
    import elastic_transport
    import elasticsearch
    import opensearchpy

    return (
        elasticsearch.ApiError,
        elastic_transport.TransportError,
        opensearchpy.exceptions.OpenSearchException,
        OSError,
    )


class Engine:
    def __init__(self, client, kind):
        self.client = client
        self.kind = kind

    def _call(self, method, *args, **kwargs):
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except _error_types() as exc:
            raise EngineError(f"{self.kind} {method} failed: {exc}") from exc

    def _indices(self, method, **kwargs):
        try:
            return getattr(self.client.indices, method)(**kwargs)
        except _error_types() as exc:
            raise EngineError(f"{self.kind} indices.{method} failed: {exc}") from exc

    @staticmethod
    def _body(response):
        # elasticsearch-py wraps responses; opensearch-py returns plain dicts.
        return getattr(response, "body", response)

    # Reading
    def search(self, index, body, **params):
        return self._body(self._call("search", index=index, body=body, **params))

    def ping(self):
        try:
            return bool(self.client.ping())
        except _error_types():
            return False

    # Documents
    def index_document(self, index, doc_id, document, refresh=False):
        return self._call("index", index=index, id=doc_id, body=document, refresh=refresh)

    def delete_document(self, index, doc_id, refresh=False):
        try:
            return self._call("delete", index=index, id=doc_id, refresh=refresh)
        except EngineError as exc:
            if _status(exc.__cause__) == 404:
                return None
            raise

    def bulk(self, actions, parallel=False, **kwargs):
        """Send index/delete actions in chunks; returns (ok count, errors).

        parallel: requests go from two threads, so building the next chunk overlaps
        with the engine indexing the previous one.
        """
        if self.kind == "elasticsearch":
            from elasticsearch.helpers import bulk
        else:
            from opensearchpy.helpers import bulk
        if parallel:
            return self._parallel_bulk(bulk, actions, **kwargs)
        client = self.client
        timeout = kwargs.pop("request_timeout", None)
        if timeout and self.kind == "elasticsearch":
            client = client.options(request_timeout=timeout)
        elif timeout:
            kwargs["request_timeout"] = timeout
        try:
            return bulk(client, actions, raise_on_error=False, max_retries=0, **kwargs)
        except _error_types() as exc:
            raise EngineError(f"{self.kind} bulk failed: {exc}") from exc

    def _parallel_bulk(self, bulk, actions, chunk_size=500, request_timeout=None, **kwargs):
        # Chunks are built here, in the caller's thread (which may read the database
        # inside its transaction), and sent by two threads while the next is built.
        from concurrent.futures import ThreadPoolExecutor
        from itertools import islice

        client = self.client
        if request_timeout and self.kind == "elasticsearch":
            client = client.options(request_timeout=request_timeout)
        elif request_timeout:
            kwargs["request_timeout"] = request_timeout

        def send(chunk):
            return bulk(
                client, chunk, chunk_size=chunk_size, raise_on_error=False, max_retries=0, **kwargs
            )

        ok, errors, pending = 0, [], []
        actions = iter(actions)
        try:
            with ThreadPoolExecutor(2) as pool:
                while chunk := list(islice(actions, chunk_size)):
                    pending.append(pool.submit(send, chunk))
                    while len(pending) >= 3:
                        done, pending = pending[0].result(), pending[1:]
                        ok, errors = ok + done[0], errors + list(done[1])
                for future in pending:
                    done = future.result()
                    ok, errors = ok + done[0], errors + list(done[1])
        except _error_types() as exc:
            raise EngineError(f"{self.kind} bulk failed: {exc}") from exc
        return ok, errors

    # Cluster
    def cluster_health(self, index=None, wait_seconds=None, **params):
        """_cluster/health, of the whole cluster or of one index (or alias); waits up to
        wait_seconds for a wait_for_status given in params."""
        kwargs = {"index": index} if index else {}
        client = self.client
        if wait_seconds and self.kind == "elasticsearch":
            kwargs["timeout"] = f"{wait_seconds}s"
            client = client.options(request_timeout=wait_seconds + 10)
        elif wait_seconds:
            # opensearch-py takes `timeout` for the HTTP request; the API's goes in params.
            kwargs["params"] = {"timeout": f"{wait_seconds}s"}
            kwargs["request_timeout"] = wait_seconds + 10
        try:
            return self._body(client.cluster.health(**kwargs, **params))
        except _error_types() as exc:
            raise EngineError(f"{self.kind} cluster.health failed: {exc}") from exc

    def data_nodes(self):
        """How many nodes of the cluster can hold shards."""
        return int(self.cluster_health().get("number_of_data_nodes") or 0)

    # Indices and aliases
    def create_index(self, name, body, **params):
        return self._indices("create", index=name, body=body, **params)

    def delete_index(self, name):
        return self._indices("delete", index=name)

    def index_exists(self, name):
        return bool(self._body(self._indices("exists", index=name)))

    def refresh(self, name, request_timeout=None):
        if not request_timeout:
            return self._indices("refresh", index=name)
        # After a bulk load the first refresh writes the whole index: allow it time.
        try:
            if self.kind == "elasticsearch":
                indices = self.client.options(request_timeout=request_timeout).indices
                return indices.refresh(index=name)
            return self.client.indices.refresh(index=name, request_timeout=request_timeout)
        except _error_types() as exc:
            raise EngineError(f"{self.kind} indices.refresh failed: {exc}") from exc

    def put_settings(self, name, body):
        return self._indices("put_settings", index=name, body=body)

    def alias_targets(self, alias):
        """Names of the concrete indices an alias points to ([] if it doesn't exist)."""
        try:
            return sorted(self._body(self._indices("get_alias", name=alias)).keys())
        except EngineError as exc:
            if _status(exc.__cause__) == 404:
                return []
            raise

    def indices_matching(self, pattern):
        try:
            return sorted(self._body(self._indices("get", index=pattern)).keys())
        except EngineError as exc:
            if _status(exc.__cause__) == 404:
                return []
            raise

    def update_aliases(self, actions):
        return self._indices("update_aliases", body={"actions": actions})


def _status(exc):
    for attr in ("status_code", "status", "meta"):
        value = getattr(exc, attr, None)
        if attr == "meta" and value is not None:
            value = getattr(value, "status", None)
        if isinstance(value, int):
            return value
    return None
