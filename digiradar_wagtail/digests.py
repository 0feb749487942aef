"""
The weekly editors' digest: each department with "weekly digest" switched on and a contact
mailbox gets one mail with what the installed apps registered as digest sections
(``extensions.register_digest_section``: new comments, new ideas, ...) on the measures it leads
or co-leads, since its last digest. :func:`send_department_digests` (the command
``send_department_digests`` and the task :func:`send_department_digests_task`) keeps a last-sent
mark per department, so it may run daily: a department hears at most once in
``DIGIRADAR_DEPARTMENT_DIGEST_DAYS`` (7). A fixed number of queries per department.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from . import extensions
from .conf import digiradar_settings
from .mail import queue_mail


def department_measures(department):
    """The live measures ``department`` (in any of its languages) leads or co-leads."""
    from .models import MeasurePage

    key = department.translation_key
    led = Q(lead_department__translation_key=key) | Q(co_departments__department__translation_key=key)
    return MeasurePage.objects.live().filter(pk__in=MeasurePage.objects.filter(led).values("pk"))


def due_departments(now):
    """One row per department (its first language's), switched on, with a mailbox, and due."""
    from .models import Department

    due = now - datetime.timedelta(days=digiradar_settings.DEPARTMENT_DIGEST_DAYS)
    rows = (
        Department.objects.filter(weekly_digest=True)
        .exclude(contact_email="")
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=due))
        .order_by("translation_key", "pk")
    )
    seen, departments = set(), []
    for department in rows:
        if department.translation_key not in seen:
            seen.add(department.translation_key)
            departments.append(department)
    return departments


def send_department_digests(now=None):
    """Queue each due department's digest; the number of mails queued."""
    from .models import Department

    now = now or timezone.now()
    default_since = now - datetime.timedelta(days=digiradar_settings.DEPARTMENT_DIGEST_DAYS)
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for department in due_departments(now):
            since = department.digest_sent_at or default_since
            measures = department_measures(department)
            sections = [section(measures, since) for section in extensions.digest_sections()]
            sections = [section for section in sections if section and section.get("items")]
            if sections:
                context = {"department": department, "sections": sections, "since": since}
                subject = render_to_string("digiradar_wagtail/mail/department_digest_subject.txt", context)
                body = render_to_string("digiradar_wagtail/mail/department_digest.txt", context)
                about = f"department digest ({department.slug})"
                if not queue_mail(subject, body, [department.contact_email], about=about):
                    continue  # known to have failed: the mark stays, the next run tries again
                queued += 1
            # Marked when queued (or when there was nothing to tell): a rerun within the week
            # sends nothing, and the next digest starts here.
            Department.objects.filter(translation_key=department.translation_key).update(digest_sent_at=now)
    return queued


@task()
def send_department_digests_task():
    """:func:`send_department_digests` for a worker's schedule."""
    return send_department_digests()
