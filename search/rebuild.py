"""Full rebuild: a new timestamped index, bulk-filled, then an atomic alias swap.

Searches keep using the old index until the swap, so search never goes empty; the old
index is deleted afterwards. Changes made while the rebuild runs are recorded as pending
updates and sent again after the swap.
"""

import logging
import sys
import time

from django.utils import timezone

from . import connection
from .documents import alias_name
from .indexing import (
    DocumentBuilder,
    create_practice_index,
    flush_pending,
    indexable_pages,
    new_index_name,
    queue_pages,
)
from .models import PendingIndexUpdate

CHUNK = 500
# How long a rebuild waits for the new index's replicas before swapping the alias anyway.
REPLICA_WAIT = 120

logger = logging.getLogger(__name__)


class Progress:
    """A one-line progress bar on stderr (or silent)."""

    def __init__(self, total, stream=None, width=30):
        self.total, self.stream, self.width = total, stream, width
        self.done, self.started, self.last = 0, time.monotonic(), 0.0

    def update(self, count):
        self.done += count
        now = time.monotonic()
        if self.stream and (now - self.last > 0.2 or self.done >= self.total):
            self.last = now
            share = self.done / self.total if self.total else 1
            bar = "#" * int(share * self.width)
            rate = self.done / max(now - self.started, 1e-6)
            self.stream.write(
                f"\r[{bar:<{self.width}}] {self.done}/{self.total} {share:4.0%} {rate:6.0f} docs/s"
            )
            self.stream.flush()

    def close(self):
        if self.stream:
            self.stream.write("\n")
            self.stream.flush()


def _documents(pages, index, progress, seen, analysis=None):
    batch = 0
    for page, document in DocumentBuilder(analysis).documents(pages, CHUNK):
        seen.add(page.pk)
        yield {"_op_type": "index", "_index": index, "_id": str(page.pk), "_source": document}
        batch += 1
        if batch == CHUNK:
            progress.update(batch)
            batch = 0
    progress.update(batch)


def rebuild(stream=sys.stderr, analysis=None):
    """Rebuild the index; returns {"index", "documents", "seconds", "errors"}."""
    engine = connection.get_engine()
    started_at, started = timezone.now(), time.monotonic()
    alias = alias_name()
    name = new_index_name()
    # No refreshes while filling: much faster bulk indexing.
    data_nodes = engine.data_nodes()
    create_practice_index(engine, name, analysis, data_nodes=data_nodes, refresh_interval="-1")
    try:
        pages = indexable_pages().order_by("pk")
        total = pages.count()
        progress = Progress(total, stream)
        indexed = set()
        ok, errors = engine.bulk(
            _documents(pages.iterator(chunk_size=CHUNK), name, progress, indexed, analysis),
            chunk_size=CHUNK,
            request_timeout=120,
            parallel=True,
        )
        progress.close()
        if errors:
            raise connection.EngineError(f"{len(errors)} documents refused, e.g. {errors[:1]}")
        engine.put_settings(name, {"index": {"refresh_interval": "1s"}})
        engine.refresh(name, request_timeout=120)
        _wait_for_replicas(engine, name, data_nodes)
    except Exception:
        engine.delete_index(name)
        raise
    old = engine.alias_targets(alias)
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and engine.index_exists(alias):
        # A concrete index under the alias's name (should not happen): replace it.
        actions.append({"remove_index": {"index": alias}})
    actions.append({"add": {"index": name, "alias": alias}})
    engine.update_aliases(actions)
    for index in old:
        engine.delete_index(index)
    _catch_up_changes_since(started_at, indexed)
    return {
        "index": name,
        "documents": ok,
        "seconds": time.monotonic() - started,
        "errors": len(errors),
    }


def _wait_for_replicas(engine, name, data_nodes):
    """Swap only to an index whose replicas are in place, so that losing a node right after
    a rebuild costs no search. On a single node the replicas can't be placed: yellow."""
    from django.conf import settings

    wanted = "green" if data_nodes > settings.SEARCH_REPLICAS else "yellow"
    health = engine.cluster_health(index=name, wait_seconds=REPLICA_WAIT, wait_for_status=wanted)
    if health.get("timed_out"):
        logger.warning("Index %s is %s, not %s; swapping anyway", name, health["status"], wanted)


def _catch_up_changes_since(started_at, indexed):
    """Pages published, unpublished or deleted during the rebuild went to the old index."""
    from goodpractice.practices.models import PracticePage

    changed = set(
        PracticePage.objects.filter(last_published_at__gte=started_at).values_list("pk", flat=True)
    )
    changed |= indexed - set(indexable_pages().values_list("pk", flat=True))
    queue_pages(sorted(changed))
    if PendingIndexUpdate.objects.exists():
        flush_pending()
