"""`manage.py db_worker`: django-tasks-db's worker, which also brings back the tasks of
workers that died mid-task (goodpractice/operations/task_claims.py)."""

import logging
import threading
import time

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from goodpractice.operations.task_claims import requeue_abandoned

logger = logging.getLogger(__name__)

REQUEUE_INTERVAL_SECONDS = 5


def _keep_requeuing():
    while True:
        time.sleep(REQUEUE_INTERVAL_SECONDS)
        try:
            requeue_abandoned()
        except DatabaseError as error:
            # The worker itself exits when the database is gone; this only waits for it.
            logger.warning("Could not look for abandoned tasks: %s", error)
            connection.close()


class Command(WorkerCommand):
    help = WorkerCommand.help + " Tasks of a worker that died mid-task are run again."

    def handle(self, *args, **options):
        requeue_abandoned()
        if not options["batch"]:
            threading.Thread(target=_keep_requeuing, name="requeue-abandoned", daemon=True).start()
        return super().handle(*args, **options)
