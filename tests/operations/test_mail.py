"""Queued e-mail: messages wait in the task queue and survive a failing mail server."""

import logging

import pytest
from django.core import mail
from django.core.mail import BadHeaderError, send_mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .mailserver import MailServer, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_mail(settings, monkeypatch):
    """Production's e-mail set-up: the queue in the database, SMTP behind it."""
    settings.EMAIL_BACKEND = "goodpractice.operations.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_RETRY_DELAYS = ["60", "300", "1800"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mail.outbox = []
    # The worker closes "old" connections between tasks, which would end the test's
    # transaction; the tests' connection is fresh anyway.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return settings


def run_worker():
    """What `manage.py db_worker` does in production, until the queue is empty."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def time_passes():
    """Bring the queued retries' time forward, as if their delay had passed."""
    deliveries().filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def deliveries():
    return DBTaskResult.objects.filter(task_path="goodpractice.operations.mail.deliver_email")


def test_send_mail_only_queues_the_message(queued_mail):
    assert send_mail("Hei", "Viesti", "from@example.invalid", ["to@example.invalid"]) == 1
    [queued] = deliveries()
    assert queued.status == TaskResultStatus.READY
    assert mail.outbox == []


def test_message_is_retried_until_the_server_accepts_it(queued_mail, caplog):
    send_mail(
        "Ehdotus vastaanotettu",
        "Kiitos ehdotuksesta.",
        "from@example.invalid",
        ["nina@example.invalid"],
    )
    # The mail server is down for the first attempt, then refuses one more.
    with caplog.at_level(logging.WARNING, logger="goodpractice.operations.mail"):
        run_worker()
    [retry] = deliveries().filter(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now() + timezone.timedelta(seconds=50)
    with MailServer(failures=1) as server:
        queued_mail.EMAIL_PORT = server.port
        time_passes()
        run_worker()
        assert server.received == []
        time_passes()
        run_worker()
    [(sender, recipients, message)] = server.received
    assert sender == "from@example.invalid"
    assert recipients == ["nina@example.invalid"]
    assert message["Subject"] == "Ehdotus vastaanotettu"
    assert "Kiitos ehdotuksesta." in message.get_payload(decode=True).decode()
    assert server.handler.refused == 1
    assert deliveries().count() == 3
    assert not deliveries().exclude(status=TaskResultStatus.SUCCESSFUL).exists()
    # Delivered: no address or text is left in the task table.
    for row in deliveries():
        assert "nina@example.invalid" not in str(row.args_kwargs)
    assert "attempt 1 failed" in caplog.text


def test_after_the_last_attempt_the_failure_stays_visible(queued_mail, caplog):
    queued_mail.EMAIL_RETRY_DELAYS = ["60"]
    send_mail("Hei", "Viesti", "from@example.invalid", ["to@example.invalid"])
    with MailServer(failures=99) as server, caplog.at_level(logging.ERROR):
        queued_mail.EMAIL_PORT = server.port
        run_worker()
        time_passes()
        run_worker()
    assert server.received == []
    failed = deliveries().get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path.endswith("EmailDeliveryFailed")
    # The message itself is kept in the failed task, so it can be sent again.
    assert failed.args_kwargs["args"][0]["recipients"] == ["to@example.invalid"]
    assert "not delivered after 2 attempts" in caplog.text


def test_header_injection_is_refused_before_queueing(queued_mail):
    with pytest.raises(BadHeaderError):
        send_mail(
            "Hei\nBcc: victim@example.invalid", "x", "from@example.invalid", ["to@example.invalid"]
        )
    assert not deliveries().exists()


def test_message_queued_in_a_rolled_back_transaction_is_not_sent(queued_mail):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Hei", "Viesti", "from@example.invalid", ["to@example.invalid"])
        raise RuntimeError("the record was not saved")
    assert not deliveries().exists()


def test_unicode_and_html_alternatives_arrive_intact(queued_mail):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        "Välfärdsområdet: nominering mottagen",
        "Tack för nomineringen – barnets bästa.",
        "from@example.invalid",
        ["to@example.invalid"],
    )
    message.attach_alternative("<p>Tack för nomineringen</p>", "text/html")
    message.send()
    with MailServer() as server:
        queued_mail.EMAIL_PORT = server.port
        run_worker()
    [(_sender, _recipients, received)] = server.received
    from email.header import decode_header, make_header

    assert str(make_header(decode_header(received["Subject"]))) == (
        "Välfärdsområdet: nominering mottagen"
    )
    text, html = received.get_payload()
    assert "barnets bästa" in text.get_payload(decode=True).decode()
    assert html.get_content_type() == "text/html"
