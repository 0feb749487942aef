"""
Comment mails through the task framework as the demo runs it: the database backend of
django-tasks-db and its worker (``db_worker --batch``, run here in the test's process). The
request only queues; the worker sends, retries a refused mail with growing pauses up to
DIGIRADAR_MAIL_ATTEMPTS, and marks what was sent.
"""

import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digiradar_wagtail.comments.models import PENDING, Comment, PendingConfirmation
from tests.comments.conftest import post_comment
from tests.comments.failing_mail import FAILING, FLAKY, FlakyEmailBackend
from tests.comments.test_posting import confirm_link
from tests.worker import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = "Bitte auch an ältere Menschen denken."


@pytest.fixture(autouse=True)
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def mail_tasks():
    tasks = DBTaskResult.objects.filter(task_path="digiradar_wagtail.mail.deliver_mail")
    return list(tasks.order_by("enqueued_at"))


def mail_log(caplog, level):
    return [r for r in caplog.records if r.name == "digiradar_wagtail.mail" and r.levelno == level]


def test_the_request_queues_and_the_worker_sends(client, measure):
    with override_settings(EMAIL_BACKEND=FAILING):  # the request never touches the mail server
        response = post_comment(client, measure.url, TEXT)
    assert response.status_code == 303
    assert response["Location"] == f"{measure.url}?comment=confirm#comments"
    assert mail.outbox == []
    [queued] = mail_tasks()
    assert queued.status == TaskResultStatus.READY
    # Queued counts as on its way: the resend command (run from cron meanwhile) adds no copy.
    assert PendingConfirmation.objects.unsent().count() == 0
    call_command("digiradar_comments_resend", stdout=io.StringIO())
    assert len(mail_tasks()) == 1

    run_worker()
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.org"] and TEXT not in confirmation.body
    assert PendingConfirmation.objects.get().mail_sent_at is not None
    [done] = mail_tasks()
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert client.get(confirm_link(confirmation)).status_code == 303
    assert Comment.objects.get().comment == TEXT


@override_settings(EMAIL_BACKEND=FLAKY, DIGIRADAR_MAIL_RETRY_SECONDS=0)
def test_a_refused_mail_is_tried_again_until_it_goes_out(client, measure, caplog):
    FlakyEmailBackend.failures = 2
    assert post_comment(client, measure.url, TEXT).status_code == 303
    run_worker()
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.org"]
    assert [task.task_result.kwargs.get("attempt", 1) for task in mail_tasks()] == [1, 2, 3]
    assert [task.status for task in mail_tasks()] == [TaskResultStatus.SUCCESSFUL] * 3
    assert PendingConfirmation.objects.get().mail_sent_at is not None
    retries = mail_log(caplog, logging.WARNING)
    assert len(retries) == 2 and all("anna@example.org" not in r.getMessage() for r in retries)


@override_settings(EMAIL_BACKEND=FAILING, DIGIRADAR_MAIL_RETRY_SECONDS=0, DIGIRADAR_MAIL_ATTEMPTS=3)
def test_retries_are_bounded_and_what_failed_stays_unsent(client, measure, caplog):
    assert post_comment(client, measure.url, TEXT).status_code == 303
    run_worker()
    assert mail.outbox == []
    assert [task.status for task in mail_tasks()] == [
        TaskResultStatus.SUCCESSFUL,
        TaskResultStatus.SUCCESSFUL,
        TaskResultStatus.FAILED,
    ]
    [failure] = mail_log(caplog, logging.ERROR)
    assert "try 3" in failure.getMessage() and "anna@example.org" not in failure.getMessage()
    assert PendingConfirmation.objects.unsent().count() == 1  # for digiradar_comments_resend
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("digiradar_comments_resend", stdout=io.StringIO())
        run_worker()
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


@override_settings(EMAIL_BACKEND=FAILING, DIGIRADAR_MAIL_RETRY_SECONDS=0, DIGIRADAR_MAIL_ATTEMPTS=1)
def test_a_moderators_mail_the_worker_gave_up_on_goes_into_the_digest(client, measure, citizen, moderator):
    client.force_login(citizen)
    assert post_comment(client, measure.url, TEXT, anonymous=False).status_code == 303
    run_worker()
    assert Comment.objects.get().notified_at is None
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("digiradar_comments_digest", stdout=io.StringIO())
        run_worker()
    [notice] = mail.outbox
    assert notice.to == ["mod@example.org"] and Comment.objects.get().notified_at is not None


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_retry_waits_before_it_runs(client, measure):
    post_comment(client, measure.url, TEXT)
    before = timezone.now()
    run_worker()
    first, retry = mail_tasks()
    assert (first.status, retry.status) == (TaskResultStatus.SUCCESSFUL, TaskResultStatus.READY)
    assert retry.run_after >= before + datetime.timedelta(seconds=60)  # DIGIRADAR_MAIL_RETRY_SECONDS
    run_worker()  # not due yet: the worker leaves it
    assert DBTaskResult.objects.get(pk=retry.pk).status == TaskResultStatus.READY


def test_moderators_are_told_by_the_worker(client, measure, citizen, moderator):
    client.force_login(citizen)
    with override_settings(EMAIL_BACKEND=FAILING):
        assert post_comment(client, measure.url, TEXT, anonymous=False).status_code == 303
    comment = Comment.objects.get()
    assert comment.state == PENDING and comment.notified_at is not None  # queued
    call_command("digiradar_comments_digest", stdout=io.StringIO())  # from cron meanwhile: no copy
    assert len(mail_tasks()) == 1
    run_worker()
    [notice] = mail.outbox
    assert notice.to == ["mod@example.org"] and f"/inspect/{comment.pk}/" in notice.body
    comment.refresh_from_db()
    assert comment.notified_at is not None


def test_the_task_calls_back_into_the_plugin_only(measure):
    from digiradar_wagtail.mail import deliver_mail

    message = {"subject": "s", "body": "b", "from_email": "a@example.org", "to": ["b@example.org"]}
    deliver_mail.enqueue({**message, "headers": {}}, about="a forged task", on_sent=["os.system", ["true"]])
    run_worker()
    [task] = mail_tasks()
    assert task.status == TaskResultStatus.FAILED and mail.outbox == []
    assert task.exception_class_path == "builtins.ValueError"
    assert "a mail callback must be a registered one, not 'os.system'" in task.traceback


@override_settings(EMAIL_BACKEND=FAILING, DIGIRADAR_MAIL_RETRY_SECONDS=0)
def test_a_retry_the_task_store_refuses_gives_the_mail_up(client, measure, caplog):
    assert post_comment(client, measure.url, TEXT).status_code == 303  # queued on "default"
    # Meanwhile the mail backend setting names a backend that serves another queue only: the
    # retry of the refused mail cannot be queued there (InvalidTaskError), for real.
    elsewhere = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["elsewhere"]}
    with override_settings(TASKS={**DATABASE_TASKS, "mail": elsewhere}, DIGIRADAR_MAIL_TASK_BACKEND="mail"):
        run_worker()
    [task] = mail_tasks()  # no retry queued
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "builtins.ConnectionRefusedError"  # the mail's own failure
    [not_queued] = mail_log(caplog, logging.ERROR)[:1]
    assert "could not be queued for another try" in not_queued.getMessage()
    assert not_queued.exc_info[0].__name__ == "InvalidTaskError"
    [given_up] = mail_log(caplog, logging.ERROR)[1:]
    assert "try 1" in given_up.getMessage() and "anna@example.org" not in given_up.getMessage()
    assert not mail_log(caplog, logging.WARNING)  # no "trying again"
    # The on_failed callback took the mark back: the resend command sends it.
    assert PendingConfirmation.objects.unsent().count() == 1
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("digiradar_comments_resend", stdout=io.StringIO())
        run_worker()
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
