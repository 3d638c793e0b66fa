"""Whole-page caching of public pages for anonymous visitors, dropped on every publish.

Only a visitor without a session cookie can get or fill a cached page: anyone signed in,
or with messages or a nomination reference in their session, always gets a fresh page.
A response is stored only if it is a plain 200 HTML page that wrote nothing in the session,
used no CSRF token (so a form's token is never handed to someone else) and set no cookie.
The Content-Security-Policy has no per-request nonce (security_headers.py), and security
headers are added outside this middleware, so a cached page carries the current ones.

Invalidation is one global version: any change to published content (publish, unpublish,
move, delete, taxonomy, organisations, rounds and decisions) replaces it after the
transaction commits, and entries stored under another version are never served. A page
rendered while the version changed is stored under the version it started with, so it
cannot outlive the change. PAGE_CACHE_SECONDS bounds what changes by date alone (a
round opening or being announced at midnight).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
HEADER = "X-Page-Cache"
# Paths that are never pages for the public, or that answer per client.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/health/", "/i18n/", "/static/", "/media/")
MAX_QUERY_LENGTH = 500

# Models whose changes can show on public pages: whole apps, minus the private ones.
PUBLIC_APPS = {"practices", "awards", "organisations", "home", "wagtailcore", "taggit"}
PUBLIC_MODELS = {"wagtailimages.image", "wagtaildocs.document", "wagtailredirects.redirect"}
PRIVATE_MODELS = {
    "practices.reviewreminder",
    "awards.jurymember",
    "awards.conflict",
    "awards.nominationattachment",
    "awards.score",
    "organisations.membership",
    "organisations.accountrequest",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
}


def _cache():
    return caches["pages"]


def current_version():
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate():
    """Drop every cached page (by moving to a new version), once the change is committed."""
    transaction.on_commit(_new_version)


def _new_version():
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception as exc:
        # Saving content must never fail because of the cache (e.g. `migrate` before
        # `createcachetable`); a cache that can't be written can't serve old pages either,
        # and PAGE_CACHE_SECONDS bounds the rest.
        logger.warning("Could not invalidate the page cache: %s", exc)


def _cacheable_request(request):
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if request.path_info.startswith(EXCLUDED_PREFIXES):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        return False
    # Anyone with a session (signed in, messages, a nomination just sent) gets fresh pages.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.COOKIES.get(
        "messages"
    )


def _cacheable_response(request, response):
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # Reading the (empty) session of a visitor without a cookie, e.g. to ask whether
        # they are signed in, renders the anonymous page; writing it would not be.
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _key(request):
    raw = "|".join(
        (request.scheme, request.get_host(), request.get_full_path(), request.LANGUAGE_CODE)
    )
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cache = _cache()
        try:
            # One round trip: the current version and this page's entry.
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or current_version()
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = entry[1]
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            try:
                cache.set(key, (version, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page not stored in the cache", exc_info=True)
            else:
                response[HEADER] = "miss"
        return response


def _model_is_public(model):
    label = model._meta.label_lower
    if label in PRIVATE_MODELS:
        return False
    return model._meta.app_label in PUBLIC_APPS or label in PUBLIC_MODELS


def _content_changed(sender, **kwargs):
    if _model_is_public(sender):
        invalidate()


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _model_is_public(type(instance)):
        invalidate()


def _pages_changed(sender, **kwargs):
    invalidate()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_content_changed, dispatch_uid="page_cache_save")
    post_delete.connect(_content_changed, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_cache_m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"page_cache_{id(signal)}")
