"""Small helpers for reading settings from the environment."""

import os

import dj_database_url


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_database(default_url):
    # Connections are reused for a minute; the health check on each request's first use
    # replaces one that died (e.g. PostgreSQL restarted) instead of failing the request.
    return dj_database_url.parse(
        env("DATABASE_URL", default_url), conn_max_age=60, conn_health_checks=True
    )


def concurrent_sqlite(database):
    """SQLite set up for the site and the task worker writing at the same time.

    WAL lets readers and one writer work together; IMMEDIATE transactions take the write
    lock when they begin, so a writer waits (up to the timeout) instead of failing with
    "database is locked" when it upgrades a read transaction. Other engines unchanged.
    """
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return database
    options = database.setdefault("OPTIONS", {})
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 30)
    return database


CACHE_BACKENDS = {
    "db": "django.core.cache.backends.db.DatabaseCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def env_cache(name, default_url, max_entries=None):
    """A CACHES entry from a URL: db://<table>, locmem://<name>, file:///<folder>,
    redis://host:port/db (needs the redis package) or dummy://."""
    url = env(name, default_url)
    scheme, _, rest = url.partition("://")
    if scheme not in CACHE_BACKENDS:
        raise ValueError(
            f"{name}: unknown cache {scheme!r}; expected one of {', '.join(CACHE_BACKENDS)}"
        )
    cache = {"BACKEND": CACHE_BACKENDS[scheme], "LOCATION": url if scheme == "redis" else rest}
    if max_entries:
        cache["OPTIONS"] = {"MAX_ENTRIES": max_entries}
    return cache
