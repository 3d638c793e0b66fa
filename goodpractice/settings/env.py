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
    return dj_database_url.parse(env("DATABASE_URL", default_url), conn_max_age=60)
