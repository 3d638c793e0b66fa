"""Settings of the app servers and workers that the scale-out tests start as processes:
the test settings, but shared state the way production has it (database caches, the task
queue in the database, e-mail queued and sent over SMTP) and production's search timings."""

from goodpractice.settings.env import env, env_cache
from goodpractice.settings.test import *  # noqa: F403

DEBUG = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {
    "default": env_cache("CACHE_URL", "db://goodpractice_cache"),
    "pages": env_cache("PAGE_CACHE_URL", "db://goodpractice_page_cache", max_entries=50_000),
}
PAGE_CACHE_SECONDS = 300
EMAIL_BACKEND = "goodpractice.operations.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_RETRY_DELAYS = env("EMAIL_RETRY_DELAYS", "1,1,1").split(",")
SEARCH_RETRY_SECONDS = float(env("SEARCH_RETRY_SECONDS", "10"))
SEARCH_TIMEOUT = float(env("SEARCH_TIMEOUT", "2"))
