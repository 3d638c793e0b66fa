"""Settings shared by every environment. Values come from environment variables."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env, env_bool, env_cache, env_database, env_list
from .storage import media_storage, private_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "goodpractice"

SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "goodpractice.organisations",
    "goodpractice.practices",
    "goodpractice.awards",
    "goodpractice.operations",
    "goodpractice.privacy",
    "home",
    "search",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "goodpractice.organisations.users_app.UsersAppConfig",  # wagtail.users
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "goodpractice.operations.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "goodpractice.middleware.LocaleMiddleware",
    "goodpractice.operations.input_guard.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "goodpractice.operations.admin_guard.AdminGuardMiddleware",
    "goodpractice.operations.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "goodpractice.urls"

# Security headers (goodpractice/operations/security_headers.py). Everything comes from this site.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Wagtail's editor still writes inline scripts (widget set-up) and style attributes, so
# the signed-in admin needs 'unsafe-inline'; the public pages do not.
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY | {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}
# How many reverse proxies add to X-Forwarded-For in front of the site (rate limits
# need the client's own address; goodpractice/operations/clients.py).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# Sign-in throttling (goodpractice/operations/login_throttle.py).
WAGTAILADMIN_USER_LOGIN_FORM = "goodpractice.operations.forms.ThrottledLoginForm"
LOGIN_FAILURE_LIMIT = 5
# Password-reset e-mails per client address, and per e-mail address, per hour; invitations
# an organisation admin may send per hour (goodpractice/organisations/).
PASSWORD_RESET_RATE_LIMIT = 5
PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = 3
INVITATION_RATE_LIMIT = 20
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = (
    "goodpractice.organisations.password_reset.RateLimitedPasswordResetForm"
)
# A user cannot change their own e-mail address on the account page: the address decides
# which invitations reach the account. Editors change addresses in Users.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
LOGIN_FAILURE_LIMIT_PER_ADDRESS = 30
LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "goodpractice.context_processors.site_context",
            ],
        },
    },
]

WSGI_APPLICATION = "goodpractice.wsgi.application"

DATABASES = {"default": env_database(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Finnish is the default, Swedish and English beside it.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Files that must never be public (nomination attachments): outside MEDIA_ROOT, with no
# URL; they are sent only through views that check the reader's permission.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# MEDIA_STORAGE=local (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) or s3 (S3_* variables;
# goodpractice/settings/storage.py).
STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": private_storage(PRIVATE_MEDIA_ROOT),
}

# Uploads (checked by goodpractice/uploads.py). Files above FILE_UPLOAD_MAX_MEMORY_SIZE
# are streamed to a temporary file rather than held in memory; form fields other than
# files may total DATA_UPLOAD_MAX_MEMORY_SIZE. The web server in front should also cap
# whole requests a little above the largest upload a form allows.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("WAGTAILIMAGES_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("WAGTAILDOCS_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
# The same types as uploads.IMAGE_TYPES and uploads.DOCUMENT_TYPES, whose content is sniffed
# by the forms below. No SVG: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "goodpractice.upload_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "goodpractice.upload_forms.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]

WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no user e-mail hashes sent to a third party
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to releases.wagtail.org
WAGTAIL_SITE_NAME = "Lastensuojelun hyvät käytännöt"
# The site's one public address: every absolute URL (sitemap, feeds, API, e-mails, Open
# Graph, canonical links) and the Wagtail Site record (`setup_site`) come from it.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False

TAGGIT_CASE_INSENSITIVE = True

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@example.invalid")
# With EMAIL_BACKEND = "goodpractice.operations.mail.QueuedEmailBackend" (production's
# default) messages wait in the task queue and the worker sends them through this backend,
# retrying after each of these delays (seconds) before giving up.
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_RETRY_DELAYS = env_list("EMAIL_RETRY_DELAYS", "60,300,1800,7200,21600")
EMAIL_TIMEOUT = float(env("EMAIL_TIMEOUT", "20"))

# Search engine (see search/): an Elasticsearch or OpenSearch cluster. Empty URL means
# the site searches its database only.
SEARCH_ENGINE = env("SEARCH_ENGINE", "opensearch")
# One URL, or a comma-separated list of a cluster's nodes: a request that cannot reach one
# node is sent to the next, so losing a node does not fail searches.
SEARCH_URL = env("SEARCH_URL")
SEARCH_API_KEY = env("SEARCH_API_KEY")
SEARCH_USERNAME = env("SEARCH_USERNAME")
SEARCH_PASSWORD = env("SEARCH_PASSWORD")
SEARCH_CA_BUNDLE = env("SEARCH_CA_BUNDLE")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "goodpractice-")
# "language": Finnish/Swedish/English stemming; "standard" for clusters without the
# analysis-common module.
SEARCH_ANALYSIS = env("SEARCH_ANALYSIS", "language")
# Seconds; short, so a slow engine degrades search to the database instead of hanging.
SEARCH_TIMEOUT = float(env("SEARCH_TIMEOUT", "2"))
# After an engine failure, skip the engine for this many seconds; also how often a
# process checks for index updates missed during an outage.
SEARCH_RETRY_SECONDS = float(env("SEARCH_RETRY_SECONDS", "10"))
# Primary shards and replicas of each copy of the index (applied by rebuild_search_index).
# No replicas in development and tests (one node); production keeps one replica, so the
# loss of a node leaves every shard with a copy (settings/production.py).
SEARCH_SHARDS = int(env("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(env("SEARCH_REPLICAS", "0"))

# Caches (URLs, see settings/env.py). "default" holds rate-limit counters and must be
# shared by all web processes in production; "pages" holds rendered public pages for
# anonymous visitors (goodpractice/operations/page_cache.py), kept PAGE_CACHE_SECONDS at
# most and dropped whenever published content changes. 0 turns page caching off.
CACHES = {
    "default": env_cache("CACHE_URL", "locmem://default"),
    "pages": env_cache("PAGE_CACHE_URL", "locmem://pages", max_entries=5000),
}
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))

# Background tasks (index updates): rows in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Open data licence for the API and feeds.
OPEN_DATA_LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}

# The prize: days after a round's announcement date until `purge_nominator_contacts`
# removes the nominators' contact details.
AWARDS_CONTACT_RETENTION_DAYS = int(env("AWARDS_CONTACT_RETENTION_DAYS", "365"))
# Files a nominator may attach to a nomination (PDF, JPEG, PNG), and each one's size.
AWARDS_ATTACHMENT_MAX_COUNT = int(env("AWARDS_ATTACHMENT_MAX_COUNT", "5"))
AWARDS_ATTACHMENT_MAX_BYTES = int(env("AWARDS_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))

# Account requests and invitations: deleted this many days after their decision by
# `purge_personal_data`, as are accounts whose set-password link expired this long ago
# unused.
ACCOUNT_REQUEST_RETENTION_DAYS = int(env("ACCOUNT_REQUEST_RETENTION_DAYS", "90"))

LANGUAGE_LABELS = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}

# Moderation e-mails (Wagtail's notifications, templates in templates/wagtailadmin/).
# Editors are notified as members of the approving group; superusers would otherwise get
# each submission twice. Plain text only: Wagtail renders the HTML part outside the
# recipient's language.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Stale content: practices not reviewed for this many months are listed for editors and
# their contributors reminded, at most once per PRACTICE_REVIEW_REMINDER_DAYS.
PRACTICE_REVIEW_MONTHS = 18
PRACTICE_REVIEW_REMINDER_DAYS = 30
