"""Development: SQLite by default, debug on, e-mail to the console."""

from .base import *  # noqa: F403
from .env import concurrent_sqlite, env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The site and the task worker both write: without this SQLite answers "database is
# locked" (a 500 after the page was in fact saved).
DATABASES["default"] = concurrent_sqlite(DATABASES["default"])  # noqa: F405
# Template and code edits don't invalidate cached pages: no page cache unless asked for.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))

# Without SEARCH_URL, use the project's own engine if it runs (`manage.py search_engine
# start`, which `make run` does); otherwise search answers from the database.
if not env("SEARCH_URL"):
    from search.engine import launcher

    _kind = SEARCH_ENGINE if SEARCH_ENGINE in launcher.KINDS else "opensearch"  # noqa: F405
    SEARCH_URL = launcher.url(_kind) or ""
