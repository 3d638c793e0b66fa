"""Background tasks that survive a worker killed mid-task, run by one worker at a time.

django-tasks-db claims a task with SELECT ... FOR UPDATE SKIP LOCKED and marks it RUNNING
in a transaction of its own, so two workers never take the same task. But a worker that
dies (SIGKILL, out of memory, host lost) leaves its task RUNNING for ever: nobody runs it
again, and a queued e-mail would never be sent.

So the tasks below hold a row lock on their own task row while they run (claim_held), in
the transaction that does their work. PostgreSQL drops that lock when the worker's
connection dies. Each worker (`db_worker`, our subclass of django-tasks-db's) looks every
few seconds for RUNNING tasks of these kinds whose row nobody locks: their worker is gone,
so they are put back to READY and run again. A task's work is committed together with
what marks it done (an e-mail's payload is dropped from its row in the same transaction),
so running it again does not repeat what was done.
"""

import contextlib
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Tasks that hold claim_held() while they run; only these can be told apart from the dead.
HOLDING_TASKS = (
    "goodpractice.operations.mail.deliver_email",
    "search.tasks.update_index",
    "search.tasks.replay_pending",
)
# A task takes its lock a few milliseconds after being claimed; well past that, a RUNNING
# row that nobody locks belongs to a dead worker.
ABANDONED_AFTER = timedelta(seconds=10)


def _task_results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


@contextlib.contextmanager
def claim_held(context):
    """Run the block in a transaction that locks this task's own row (see above)."""
    from django_tasks_db.backend import DatabaseBackend

    with transaction.atomic():
        result = context.task_result
        # Other backends (the immediate one of the tests) have no row to lock.
        if isinstance(result.task.get_backend(), DatabaseBackend):
            list(_task_results().select_for_update().filter(id=result.id).values_list("id"))
        yield


def requeue_abandoned(now=None):
    """Put the RUNNING tasks of dead workers back in the queue; returns how many."""
    from django_tasks import TaskResultStatus

    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    with transaction.atomic():
        abandoned = list(
            _task_results()
            .select_for_update(skip_locked=True)
            .filter(
                status=TaskResultStatus.RUNNING,
                task_path__in=HOLDING_TASKS,
                started_at__lt=cutoff,
            )
            .values_list("id", flat=True)
        )
        if abandoned:
            _task_results().filter(id__in=abandoned).update(status=TaskResultStatus.READY)
            logger.warning("Requeued %d tasks of workers that died mid-task", len(abandoned))
    return len(abandoned)
