"""Whole-page caching of public pages for anonymous visitors, dropped on every publish.

Only a visitor without a session cookie can get or fill a cached page: anyone signed in,
or with messages or a nomination reference in their session, always gets a fresh page.
A response is stored only if it is a plain 200 HTML page that wrote nothing in the session,
used no CSRF token (so a form's token is never handed to someone else) and set no cookie.
The Content-Security-Policy has no per-request nonce (security_headers.py), and security
headers are added outside this middleware, so a cached page carries the current ones.

Invalidation is by dependency. Each cached page records the dependency groups it was
built from, with each group's version at the time; a change replaces the versions of the
groups it affects, once its transaction commits, and a page is served only while all its
groups still have the versions it recorded. The versions live in the same (database)
cache as the pages, so a change on one app server drops the pages every server serves.

Groups: "site" (every page: taxonomy, organisations, prize rounds, images, other pages),
"listing" (every page that lists or counts practices: home, index with any filters,
theme and organisation lists, map, search; the default of any page that does not say
otherwise), "practice:<translation key>" (a practice's page in every language), and
"theme:<id>" and "organisation:<id>" (the pages of one theme and one organisation or
region). A practice page depends on its own group only; theme and organisation pages on
their own. Publishing, unpublishing, editing, moving or deleting a practice replaces
its own group, "listing", its themes', organisations' and regions' groups (those it had
before the change and those it has after), and the groups of the practices whose stored
related practices name it. The API, feeds and sitemap are never cached.

A change committed while a page was rendered replaces the "last change" key, so that page
is not stored. PAGE_CACHE_SECONDS bounds what changes by date alone (a round opening or
being announced at midnight).
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

logger = logging.getLogger(__name__)

# Replaced by every change: a page rendered while it changed is not stored.
VERSION_KEY = "page-cache:version"
GROUP_KEY = "page-cache:group:"
SITE, LISTING = "site", "listing"
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
    "wagtailcore.referenceindex",
}


def _cache():
    return caches["pages"]


def practice_group(translation_key):
    return f"practice:{translation_key}"


def depends_on(request, *groups):
    """Say which groups the page being rendered depends on, instead of "listing"."""
    request._page_cache_groups = {SITE, *groups}


def invalidate(*groups):
    """Drop the cached pages of these groups (every page by default) once committed."""
    groups = set(groups) or {SITE}
    transaction.on_commit(lambda: _new_versions(groups))


def invalidate_practice(translation_key):
    """Drop the pages a practice shows on, as it is now and as it is once committed."""
    before = practice_groups(translation_key)
    transaction.on_commit(lambda: _new_versions(before | practice_groups(translation_key)))


def practice_groups(translation_key):
    """The groups whose pages show the practice, as it is in the database now."""
    from goodpractice.practices.models import Adoption, PracticePage
    from search.related import pages_listing

    versions = PracticePage.objects.filter(translation_key=translation_key)
    themes = PracticePage.themes.through.objects.filter(practicepage__in=versions)
    links = PracticePage.organisations.through.objects.filter(practicepage__in=versions)
    adopters = Adoption.objects.filter(practice__translation_key=translation_key)
    organisations = {
        pk
        for pairs in (
            links.values_list("organisation_id", "organisation__region_id"),
            # The adopters' pages list what they adopted.
            adopters.values_list("organisation_id", "organisation__region_id"),
        )
        for pair in pairs
        for pk in pair
        if pk
    }
    naming = PracticePage.objects.filter(pk__in=pages_listing(translation_key))
    return {
        LISTING,
        practice_group(translation_key),
        *(f"theme:{pk}" for pk in themes.values_list("theme_id", flat=True)),
        *(f"organisation:{pk}" for pk in organisations),
        *(practice_group(key) for key in naming.values_list("translation_key", flat=True)),
    }


def _new_versions(groups):
    try:
        version = uuid.uuid4().hex
        _cache().set_many(
            {VERSION_KEY: version, **{GROUP_KEY + group: version for group in groups}}, None
        )
    except Exception as exc:
        # Saving content must never fail because of the cache (e.g. `migrate` before
        # `createcachetable`); a cache that can't be written can't serve old pages either,
        # and PAGE_CACHE_SECONDS bounds the rest.
        logger.warning("Could not invalidate the page cache: %s", exc)


def _versions(cache, groups):
    """{group: version}, giving a version to groups that have none yet."""
    keys = [GROUP_KEY + group for group in groups]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        found = cache.get_many(keys)
    return {key[len(GROUP_KEY) :]: found.get(key) for key in keys}


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
            found = cache.get_many([VERSION_KEY, key])
            entry = found.get(key)
            if entry is not None:
                stored_versions, response = entry
                current = cache.get_many([GROUP_KEY + group for group in stored_versions])
                if all(
                    current.get(GROUP_KEY + group) == version
                    for group, version in stored_versions.items()
                ):
                    response[HEADER] = "hit"
                    return response
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        request._page_cache_groups = {SITE, LISTING}
        response = self.get_response(request)
        if _cacheable_response(request, response):
            try:
                # Nothing changed while rendering: the page shows the current versions.
                if cache.get(VERSION_KEY) == found.get(VERSION_KEY):
                    versions = _versions(cache, request._page_cache_groups)
                    cache.set(key, (versions, response), settings.PAGE_CACHE_SECONDS)
                    response[HEADER] = "miss"
            except Exception:
                logger.warning("Page not stored in the cache", exc_info=True)
        return response


def _model_is_public(model):
    label = model._meta.label_lower
    if label in PRIVATE_MODELS:
        return False
    return model._meta.app_label in PUBLIC_APPS or label in PUBLIC_MODELS


def _practice_of(instance):
    """The practice page a changed row belongs to (the page, a link, a document, a
    keyword, an adoption, a relation row), or None."""
    from wagtail.models import Page

    from goodpractice.practices.models import PracticePage

    if isinstance(instance, PracticePage):
        return instance
    if isinstance(instance, Page):
        # Wagtail saves some pages as plain Page rows (an alias's unpublication).
        return instance if instance.specific_class is PracticePage else None
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.related_model is PracticePage:
            return PracticePage.objects.filter(pk=getattr(instance, field.attname)).first()
    return None


def _changed(instance):
    from goodpractice.practices.models import Adoption

    if not _model_is_public(type(instance)):
        return
    practice = _practice_of(instance)
    if practice is None:
        invalidate()
        return
    invalidate_practice(practice.translation_key)
    if isinstance(instance, Adoption):
        # The adopter's page (and its region's) lists what it adopted.
        adopter = instance.organisation
        invalidate(*(f"organisation:{pk}" for pk in {adopter.pk, adopter.region_id} if pk))


def _content_changed(sender, instance, **kwargs):
    _changed(instance)


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _changed(instance)


def _pages_changed(sender, instance, **kwargs):
    _changed(instance)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_content_changed, dispatch_uid="page_cache_save")
    # Before the rows go: what the practice showed on is read from them.
    pre_delete.connect(_content_changed, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="page_cache_m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=f"page_cache_{id(signal)}")
