"""Turning practice pages into index documents and keeping the index up to date.

Every change to a practice page is first recorded as a PendingIndexUpdate row (in the
same transaction as the change), then a background task sends the pending rows to the
engine and deletes them once the engine has accepted them. When the engine is down the
rows stay, and are replayed by a retry task scheduled in the worker, by the next search
that reaches the engine, or by the next index update: nothing is lost and nobody has
to run a command.
"""

import html
import logging
import re
from collections import defaultdict
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale

from goodpractice.awards.winners import winning_translation_keys
from goodpractice.operations import page_cache
from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import (
    EvidenceLevel,
    PracticeKeyword,
    PracticePage,
    TargetGroup,
    Theme,
)
from goodpractice.practices.sections import SECTIONS

from . import connection, finnish, related
from .connection import EngineError
from .documents import HUNSPELL_LOCALE, alias_name, analysis_name, copies_to_wait_for, index_body
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BODY_FIELDS = [name for name, _heading, _formats in SECTIONS] + ["evaluation"]


class _UrlCache:
    """Stands in for a request so Wagtail caches the site root paths across pages."""


TAG = re.compile(r"<[^>]*>")


def plain_text(value):
    # Rich text from Wagtail is well-formed HTML; a regex is much faster than a parser.
    return html.unescape(TAG.sub(" ", value or "")).strip()


def indexable_pages():
    """Every page that belongs in the index: live, public practice pages of all locales."""
    return PracticePage.objects.live().public()


class DocumentBuilder:
    """Builds index documents for many pages with a handful of queries.

    The taxonomy, organisations and locales are loaded once; each chunk of pages then
    needs one query per relation instead of model instances per related row.
    """

    def __init__(self, analysis=None):
        self.url_cache = _UrlCache()
        self.themes = {term.pk: term for term in Theme.objects.all()}
        self.groups = {term.pk: term for term in TargetGroup.objects.all()}
        self.levels = dict(EvidenceLevel.objects.values_list("pk", "slug"))
        self.organisations = {org.pk: org for org in Organisation.objects.all()}
        self.locales = dict(Locale.objects.values_list("pk", "language_code"))
        self.prize_winners = winning_translation_keys()
        self.related = {}
        # Voikko's base forms are indexed for the "language" analysis only.
        self.base_forms = analysis_name(analysis) == "language" and finnish.available()

    def _pairs(self, model, key, value, ids):
        found = defaultdict(list)
        for page_id, item in model.objects.filter(**{f"{key}__in": ids}).values_list(key, value):
            found[page_id].append(item)
        return found

    def load(self, pages):
        ids = [page.pk for page in pages]
        self.related = {
            "themes": self._pairs(PracticePage.themes.through, "practicepage_id", "theme_id", ids),
            "groups": self._pairs(
                PracticePage.target_groups.through, "practicepage_id", "targetgroup_id", ids
            ),
            "organisations": self._pairs(
                PracticePage.organisations.through, "practicepage_id", "organisation_id", ids
            ),
            "keywords": self._pairs(PracticeKeyword, "content_object_id", "tag__name", ids),
        }

    def documents(self, pages, chunk_size=500):
        """(page, document) for each page of an iterable, loading relations by chunk."""
        pages = iter(pages)
        while chunk := list(islice(pages, chunk_size)):
            self.load(chunk)
            for page in chunk:
                yield page, self.build(page)

    def build(self, page):
        lang = page.language
        _site_id, root_url, path = page.get_url_parts(request=self.url_cache) or (None, "", "")
        related = {name: values.get(page.pk, []) for name, values in self.related.items()}
        themes = [self.themes[pk] for pk in related["themes"] if pk in self.themes]
        groups = [self.groups[pk] for pk in related["groups"] if pk in self.groups]
        organisations = [
            self.organisations[pk] for pk in related["organisations"] if pk in self.organisations
        ]
        regions = {
            self.organisations[org.region_id]
            for org in organisations
            if org.region_id in self.organisations
        }
        body = "\n".join(
            text for text in (plain_text(getattr(page, name, "")) for name in BODY_FIELDS) if text
        )
        published = page.first_published_on or page.first_published_at
        bases = {}
        if lang == "fi" and self.base_forms:
            bases = {
                "base_title": finnish.base_text(page.title),
                "base_text": finnish.base_text(f"{page.title}\n{page.summary}\n{body}"),
            }
        return {
            **bases,
            f"title_{lang}": page.title,
            f"summary_{lang}": page.summary,
            f"body_{lang}": body,
            "taxonomy": [name for term in themes + groups for name in term.names() if name],
            "keywords_text": related["keywords"],
            "organisations_text": sorted(
                {
                    name
                    for org in [*organisations, *regions]
                    for name in (org.name_fi, org.name_sv)
                    if name
                }
            ),
            "title_complete": page.title,
            "theme": [term.slug for term in themes],
            "target_group": [term.slug for term in groups],
            "county": sorted(region.code for region in regions if region.code),
            "municipality": sorted(
                org.code
                for org in organisations
                if org.kind == Organisation.Kind.MUNICIPALITY and org.code
            ),
            "organisation": [org.slug for org in organisations],
            "evidence_level": self.levels.get(page.evidence_level_id),
            "status": page.status,
            "year": page.started_year,
            # Every language version of an announced winner.
            "prize_winning": page.translation_key in self.prize_winners,
            "language": lang,
            "locale": self.locales.get(page.locale_id),
            "translation_key": str(page.translation_key),
            "page_id": page.pk,
            "title_sort": page.title.casefold(),
            "published": published.isoformat() if published else None,
            "title": page.title,
            "summary": page.summary,
            "path": path,
            "url": (root_url or "") + (path or ""),
        }


def build_document(page):
    builder = DocumentBuilder()
    builder.load([page])
    return builder.build(page)


def create_practice_index(
    engine, name, analysis=None, with_alias=False, data_nodes=None, **index_settings
):
    """Create the index, waiting for as many copies of each shard as the cluster can hold;
    without the Swedish hunspell dictionary on the cluster (a customer's cluster), Swedish
    falls back to Snowball with the compound word list."""
    if data_nodes is None:
        data_nodes = engine.data_nodes()
    wait = copies_to_wait_for(data_nodes)

    def body(hunspell=True):
        created = index_body(name, analysis, with_alias, hunspell)
        created["settings"].update(index_settings)
        return created

    try:
        engine.create_index(name, body(), wait_for_active_shards=wait)
    except EngineError as exc:
        if "hunspell" not in str(exc).lower() and "sv_fi" not in str(exc).lower():
            raise
        logger.warning(
            "The search cluster has no hunspell dictionary %s: Swedish uses Snowball only",
            HUNSPELL_LOCALE,
        )
        engine.create_index(name, body(hunspell=False), wait_for_active_shards=wait)


def ensure_index(engine):
    """Create the aliased index if there is none yet (first start, fresh cluster)."""
    alias = alias_name()
    if engine.alias_targets(alias):
        return alias
    name = new_index_name()
    create_practice_index(engine, name, with_alias=True)
    return alias


def new_index_name():
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def _actions(pending, index):
    """Bulk actions for pending rows, each versioned by when its change was queued: the
    engine refuses (409) a version it already has, so an update sent again (its worker died
    after the engine took it, before the rows were deleted) is not applied twice, and an
    older update never overwrites a newer one."""
    page_ids = [row.page_id for row in pending]
    pages = indexable_pages().filter(pk__in=page_ids)
    documents = {page.pk: document for page, document in DocumentBuilder().documents(pages)}
    for row in pending:
        document = documents.get(row.page_id)
        action = {
            "_index": index,
            "_id": str(row.page_id),
            "version": update_version(row),
            "version_type": "external",
        }
        if document is None:
            yield {**action, "_op_type": "delete"}
        else:
            yield {**action, "_op_type": "index", "_source": document}


def update_version(row):
    """Microseconds since 1970 of the database's clock when the change was queued."""
    return int(row.queued_at.timestamp() * 1_000_000)


QUEUE_SQL = """
    INSERT INTO {table} (page_id, queued_at, attempts)
    VALUES (%s, clock_timestamp(), 0)
    ON CONFLICT (page_id) DO UPDATE SET queued_at = clock_timestamp()
"""


def queue_pages(page_ids):
    """Record that these pages' index entries are stale (within the caller's transaction).

    On PostgreSQL the time (the update's version) is the database's clock, read once the
    page's row is locked: later than the last update of that page, whichever app host
    queued either (app hosts' clocks may differ)."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            sql = QUEUE_SQL.format(table=PendingIndexUpdate._meta.db_table)
            cursor.executemany(sql, [(page_id,) for page_id in page_ids])
        return
    for page_id in page_ids:
        PendingIndexUpdate.objects.update_or_create(page_id=page_id, defaults={})


def flush_pending(limit=1000, refresh=False):
    """Send up to `limit` pending updates to the engine; returns how many it accepted.

    Raises EngineError when the engine is unreachable; the rows stay for the next try.
    Returns once the updates are searchable, and then drops the cached pages.
    An update the engine refuses is retried a few times, then dropped with an error in
    the log (a rebuild after fixing the cause puts the page back).

    The rows are locked until they are deleted (FOR UPDATE SKIP LOCKED): several workers
    and web processes flush at once, and each update goes to the engine from one of them
    only. A process that dies mid-flush releases its rows with its connection.
    """
    if not connection.is_configured():
        return 0
    with transaction.atomic():
        pending = list(
            PendingIndexUpdate.objects.select_for_update(skip_locked=True).order_by("queued_at")[
                :limit
            ]
        )
        return _send(pending, refresh) if pending else 0


def _send(pending, refresh):
    engine = connection.get_engine()
    try:
        alias = ensure_index(engine)
        _ok, errors = engine.bulk(
            _actions(pending, alias),
            # Return once searches see the change: a page cached after this shows it.
            refresh=refresh or "wait_for",
        )
    except EngineError:
        connection.mark_down()
        raise
    connection.mark_up()
    failed = {
        str(item[op].get("_id"))
        for item in errors
        for op in item
        # Deleting a document that isn't there is success, and so is a version the index
        # already has (or a newer one).
        if not (op == "delete" and item[op].get("status") == 404) and item[op].get("status") != 409
    }
    if failed:
        logger.error("Engine refused index updates for pages %s: %s", sorted(failed), errors[:1])
        refused = [row.pk for row in pending if str(row.page_id) in failed]
        PendingIndexUpdate.objects.filter(pk__in=refused).update(attempts=F("attempts") + 1)
        PendingIndexUpdate.objects.filter(pk__in=refused, attempts__gte=MAX_ATTEMPTS).delete()
    done = [row for row in pending if str(row.page_id) not in failed]
    # A row changed after we read it is newer than what we sent: keep it.
    for row in done:
        PendingIndexUpdate.objects.filter(pk=row.pk, queued_at=row.queued_at).delete()
    if done:
        # Listings, search results and related practices come from the index: recompute
        # the stored related practices, then drop the pages that show what changed.
        changed = related.refresh([row.page_id for row in done])
        keys = PracticePage.objects.filter(pk__in=changed).values_list("translation_key")
        groups = {page_cache.LISTING}
        for (key,) in keys.distinct():
            groups |= page_cache.practice_groups(key)
        page_cache.invalidate(*groups)
    return len(done)


_last_catch_up = [None]


def catch_up_if_due():
    """Replay updates missed during an outage; called on the search path, throttled.

    Cheap when there is nothing to do: one indexed EXISTS query every few seconds.
    """
    now = timezone.now()
    last = _last_catch_up[0]
    if last and now - last < timedelta(seconds=settings.SEARCH_RETRY_SECONDS):
        return
    _last_catch_up[0] = now
    if not PendingIndexUpdate.objects.exists():
        return
    try:
        with transaction.atomic():
            flush_pending(refresh=True)
    except EngineError:
        logger.info("Search engine still unavailable; index updates stay pending")
