"""Background tasks (django-tasks) that keep the index in step with the pages."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task

from goodpractice.operations.task_claims import claim_held

from . import connection
from .connection import EngineError
from .indexing import flush_pending

logger = logging.getLogger(__name__)

# How long the worker waits before replaying updates missed during an outage.
RETRY_DELAY = timedelta(seconds=30)


@task(takes_context=True)
def update_index(context, page_ids):
    """Send the pending updates (these pages' and any left over from an outage).

    Holds its task row while it runs (a worker that dies mid-task leaves it to be run
    again), and the pending rows it sends (another worker sends the others)."""
    try:
        with claim_held(context):
            while flush_pending():
                pass
    except EngineError as exc:
        logger.warning("Index update postponed, engine unavailable: %s", exc)
        schedule_retry()
    return list(page_ids)


@task(takes_context=True)
def replay_pending(context):
    """Retry pending updates; reschedules itself while the engine stays down."""
    update_index.call(context, [])


def schedule_retry():
    # The database backend's worker runs it later; backends that can't defer (the
    # immediate one in tests) rely on the catch-up on the next successful engine call.
    if not connection.is_configured() or not default_task_backend.supports_defer:
        return
    if _retry_already_scheduled():
        return
    replay_pending.using(run_after=timezone.now() + RETRY_DELAY).enqueue()


def _retry_already_scheduled():
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=replay_pending.module_path,
        run_after__gt=timezone.now(),
    ).exists()
