"""Outgoing e-mail that survives a failing mail server.

QueuedEmailBackend is Django's EMAIL_BACKEND: `send_mail()` and friends keep working
unchanged, but each message is rendered (so a header injection still raises
BadHeaderError in the caller) and stored as a row in the database task queue, in the
caller's transaction. `manage.py db_worker` then runs `deliver_email`, which hands the
message to the real backend (EMAIL_DELIVERY_BACKEND, SMTP by default). When delivery
fails, the task enqueues its next attempt after the delay in EMAIL_RETRY_DELAYS; after the
last one it logs an error and ends as a failed task result, kept with its traceback in the
task table (Django admin: Tasks) until someone acts on it.

django-tasks 0.12 has no retries of its own, only `run_after`, hence the re-enqueue.
"""

import base64
import email
import logging
from datetime import timedelta
from email.message import Message

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage, MIMEMixin
from django.utils import timezone
from django_tasks import task

from .task_claims import claim_held

logger = logging.getLogger(__name__)


class EmailDeliveryFailed(Exception):
    """The last delivery attempt failed; the message stays in the failed task result."""


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            payload = _payload(message)  # raises BadHeaderError before anything is queued
            try:
                deliver_email.enqueue(payload)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue e-mail %s", payload["message_id"])
                continue
            queued += 1
        return queued


def _payload(message):
    mime = message.message()
    return {
        "message_id": mime["Message-ID"],
        "subject": str(message.subject),
        "from_email": message.from_email,
        "recipients": list(message.recipients()),
        "mime": base64.b64encode(mime.as_bytes()).decode("ascii"),
    }


class _StoredMIME(MIMEMixin, Message):
    """The stored message, parsed back; MIMEMixin gives the `linesep` SMTP wants."""


class StoredEmail(EmailMessage):
    """A queued message, rebuilt for a Django e-mail backend: its MIME as rendered."""

    def __init__(self, payload):
        super().__init__(
            subject=payload["subject"],
            from_email=payload["from_email"],
            to=payload["recipients"],
        )
        self.mime = base64.b64decode(payload["mime"])

    def message(self):
        return email.message_from_bytes(self.mime, _class=_StoredMIME)


def retry_delays():
    return [timedelta(seconds=float(s)) for s in settings.EMAIL_RETRY_DELAYS]


@task(takes_context=True)
def deliver_email(context, payload, attempt=1):
    """Send one queued message; on failure queue the next attempt or give up loudly.

    Runs holding its task row (task_claims.claim_held): if the worker dies mid-delivery the
    task is run again; once a message is sent its payload is dropped in the same
    transaction, so a task run again after that finds nothing to send.
    """
    if "mime" not in payload:
        return {"delivered": True, "attempt": attempt, "already": True}
    with claim_held(context):
        return _deliver(context, payload, attempt)


def _deliver(context, payload, attempt):
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        if connection.send_messages([StoredEmail(payload)]) != 1:
            raise EmailDeliveryFailed("the mail backend accepted no message")
    except Exception as exc:  # SMTP refusals, network and TLS errors alike
        delays = retry_delays()
        if attempt > len(delays):
            logger.error(
                "E-mail %s not delivered after %d attempts, giving up: %r",
                payload["message_id"],
                attempt,
                exc,
            )
            raise EmailDeliveryFailed(
                f"E-mail {payload['message_id']} not delivered after {attempt} attempts"
            ) from exc
        retry_at = timezone.now() + delays[attempt - 1]
        logger.warning(
            "E-mail %s delivery attempt %d failed, retrying at %s: %r",
            payload["message_id"],
            attempt,
            retry_at.isoformat(),
            exc,
        )
        next_attempt = deliver_email
        if deliver_email.get_backend().supports_defer:
            next_attempt = deliver_email.using(run_after=retry_at)
        next_attempt.enqueue(payload, attempt + 1)
        _forget_message(context, payload, attempt)
        return {"delivered": False, "attempt": attempt, "retry_at": retry_at.isoformat()}
    _forget_message(context, payload, attempt)
    return {"delivered": True, "attempt": attempt}


def _forget_message(context, payload, attempt):
    """Keep no addresses or text in a finished attempt's task row, only the message id;
    the one place a message stays is the next attempt's row, or a failed last one."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=context.task_result.id).update(
        args_kwargs={
            "args": [{"message_id": payload["message_id"]}],
            "kwargs": {"attempt": attempt},
        }
    )
