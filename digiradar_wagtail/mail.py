"""
Mail off the request path: every mail of the plugin is rendered where it is decided (in the
reader's language, with the links of the request) and handed to :func:`deliver_mail`, a task of
Django's task framework (the ``django-tasks`` backport on Django 5.2, ``django.tasks`` from Django
6). A city runs it in the worker it already has (the ``TASKS`` backend named by
``DIGIRADAR_MAIL_TASK_BACKEND``; the demo: ``django_tasks_db`` and its ``db_worker``), so no
request waits on a mail server.

A mail the server refuses is tried again by the worker with growing pauses, up to
``DIGIRADAR_MAIL_ATTEMPTS`` tries; a mail that still fails is logged (logger
``digiradar_wagtail.mail``, with the exception and what the mail is about, never an address or a
text) and the task ends failed. What a mail is about keeps its own record of being unsent (a
comment's ``notified_at``, a confirmation's ``mail_sent_at``): ``on_sent`` names the function
that marks it sent once the server took the mail, so the commands that send later
(``digiradar_comments_resend``, ``digiradar_comments_digest``) find exactly what never went out.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends

from .conf import digiradar_settings

logger = logging.getLogger("digiradar_wagtail.mail")


def admin_url(path):
    """An absolute link into the admin for a mail (``WAGTAILADMIN_BASE_URL`` + ``path``)."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def queue_mail(subject, body, recipients, *, about, headers=None, on_sent=None, on_failed=None):
    """
    Queue one plain-text mail. ``about`` names what it is about in the log (``"comment #12"``);
    ``on_sent`` is ``(registered callback name, [json args])``, called once the mail went out;
    ``on_failed`` likewise, called once its last try failed.

    Returns False if the mail is known to have failed already (a backend that runs tasks at once,
    such as the ImmediateBackend) or could not even be queued; True if it went out or is queued.
    """
    message = {
        "subject": " ".join(subject.split()),
        "body": body,
        "from_email": getattr(settings, "COMMENTS_XTD_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL,
        "to": list(recipients),
        "headers": dict(headers or {}),
    }
    try:
        result = deliver_mail.using(backend=digiradar_settings.MAIL_TASK_BACKEND).enqueue(
            message,
            about=about,
            on_sent=list(on_sent) if on_sent else None,
            on_failed=list(on_failed) if on_failed else None,
        )
    except Exception as error:  # the task backend itself is down: the record stays unsent
        logger.error(
            "The mail about %s could not be queued (%s).", about, type(error).__name__, exc_info=error
        )
        return False
    return result.status != TaskResultStatus.FAILED


_SENT_CALLBACKS = {}


def register_sent_callback(name, function):
    """
    Let ``queue_mail(..., on_sent=(name, args))`` call ``function(*args)`` once the mail went out
    (or ``on_failed=(name, args)`` once its last try failed). Apps register theirs in
    ``AppConfig.ready()``; a task naming anything else fails.
    """
    _SENT_CALLBACKS[name] = function


def sent_callback(name):
    """
    Decorator: ``@sent_callback("app.what")`` registers the function below as ``name``'s callback
    (``register_sent_callback``) when its module is imported, which its app does in ``ready()``.
    """

    def register(function):
        register_sent_callback(name, function)
        return function

    return register


def _call_back(callback, about):
    if callback:
        name, args = callback
        try:
            _SENT_CALLBACKS[name](*args)
        except Exception:  # the mail's fate is decided: never fail (and so resend) it for its bookkeeping
            logger.exception("The mail about %s is sent or given up; %s could not record it.", about, name)


def _retry_delay(attempt):
    return digiradar_settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1)


@task()
def deliver_mail(message, about, on_sent=None, attempt=1, on_failed=None):
    """
    Send one mail queued by :func:`queue_mail`; on failure queue itself again (``attempt`` + 1,
    after :func:`_retry_delay` seconds) until ``DIGIRADAR_MAIL_ATTEMPTS``, then fail.
    """
    for callback in (on_sent, on_failed):
        if callback and callback[0] not in _SENT_CALLBACKS:
            # Task arguments live in the task store: only a registered callback is ever called.
            raise ValueError(f"a mail callback must be a registered one, not {callback[0]!r}")
    try:
        fields = ("subject", "body", "from_email", "to", "headers")
        EmailMessage(**{field: message[field] for field in fields}).send()
    except Exception as error:  # any backend failure: SMTP refused, timeout, TLS, DNS, ...
        backend = digiradar_settings.MAIL_TASK_BACKEND
        if attempt < digiradar_settings.MAIL_ATTEMPTS and task_backends[backend].supports_defer:
            run_after = timezone.now() + datetime.timedelta(seconds=_retry_delay(attempt))
            try:
                retry = deliver_mail.using(backend=backend, run_after=run_after)
                retry.enqueue(message, about=about, on_sent=on_sent, attempt=attempt + 1, on_failed=on_failed)
            except Exception:  # the task store refused the retry: this try was the last
                logger.exception("The mail about %s could not be queued for another try.", about)
            else:
                logger.warning(
                    "The mail about %s could not be sent (%s, try %d); trying again at %s.",
                    about,
                    type(error).__name__,
                    attempt,
                    run_after.isoformat(timespec="seconds"),
                )
                return "retrying"
        logger.error(
            "The mail about %s could not be sent (%s, try %d); it is kept to be sent again later.",
            about,
            type(error).__name__,
            attempt,
            exc_info=error,
        )
        _call_back(on_failed, about)
        raise
    _call_back(on_sent, about)
    return "sent"
