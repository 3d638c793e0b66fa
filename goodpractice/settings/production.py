"""Production: everything from the environment; refuses to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env, env_bool, env_cache
from .storage import media_storage, private_storage

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if env("DATABASE_URL") == "":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": private_storage(PRIVATE_MEDIA_ROOT),  # noqa: F405
}

# Structured logs on standard error: one JSON object a line.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "goodpractice.operations.log_format.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        # The search clients log every request at INFO: failures are what matter.
        "opensearch": {"level": env("SEARCH_LOG_LEVEL", "WARNING")},
        "elastic_transport": {"level": env("SEARCH_LOG_LEVEL", "WARNING")},
    },
}

# A replica of every shard: searches and publishes survive the loss of one search node.
SEARCH_REPLICAS = int(env("SEARCH_REPLICAS", "1"))

# Caches shared by all web processes (sign-in throttling, nomination rate limits; rendered
# pages). The database tables are created by `manage.py createcachetable`.
CACHES = {
    "default": env_cache("CACHE_URL", "db://goodpractice_cache"),
    "pages": env_cache("PAGE_CACHE_URL", "db://goodpractice_page_cache", max_entries=50_000),
}

# Outgoing e-mail goes through the task queue, so a failing mail server delays it
# instead of losing it (goodpractice/operations/mail.py).
EMAIL_BACKEND = env("EMAIL_BACKEND", "goodpractice.operations.mail.QueuedEmailBackend")
