"""The test suite: PostgreSQL (DATABASE_URL), fast hashing, mail kept in memory."""

from .base import *  # noqa: F403
from .env import env, env_database

SECRET_KEY = "test-only-key"
DATABASES = {"default": env_database("postgres://goodpractice@127.0.0.1:54329/goodpractice")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# The test client's host is the site's address, so absolute URLs lead back to it.
SITE_URL = WAGTAILADMIN_BASE_URL = env("TEST_SITE_URL", "http://testserver")
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "goodpractice.private_storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
SEARCH_URL = env("SEARCH_URL")
# Tasks run at once so tests are deterministic; outage catch-up is tested without a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SEARCH_RETRY_SECONDS = 0
# Page caching is tested on its own (tests/operations/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
# Never the development index; tests/search uses a fresh prefix per test.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "test-")
# Static files come from the apps' folders (no collectstatic before tests); WhiteNoise
# still wants its root to exist.
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
