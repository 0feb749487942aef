"""
The editors' weekly digest: a department with the digest on gets new comments on its measures,
once a week, in a fixed number of queries per department; one with it off gets nothing.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, Comment, Discussion
from digiradar_wagtail.digests import send_department_digests
from digiradar_wagtail.models import Department
from tests import builders

pytestmark = pytest.mark.django_db


def department(slug, digest=True, locale=None):
    return Department.objects.create(
        name=f"Referat {slug}",
        slug=slug,
        contact_email=f"{slug}@city.example",
        weekly_digest=digest,
        locale=locale or builders.locales()[0],
    )


def comment(page, text, state=PUBLISHED, days_ago=1):
    discussion = Discussion.for_page(page)
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(Discussion),
        object_pk=str(discussion.pk),
        site_id=1,
        user_name="Anna",
        user_email="anna@example.org",
        comment=text,
        submit_date=timezone.now() - datetime.timedelta(days=days_ago),
        state=state,
    )


def test_the_digest_goes_once_a_week_to_departments_that_want_it(radar):
    rit, kvr = department("rit"), department("kvr", digest=False)
    ours = builders.make_measure(radar, "Bürger-ID", lead_department=rit)
    theirs = builders.make_measure(radar, "Parkausweis", lead_department=kvr)
    comment(ours, "Gut so.")
    comment(ours, "Wann kommt das?", state=PENDING)
    comment(ours, "Alt.", days_ago=30)
    comment(theirs, "Anderes Referat.")
    call_command("send_department_digests", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.to == ["rit@city.example"] and "Referat rit" in digest.subject
    assert "Bürger-ID: 2 neue Kommentare, 1 warten auf Moderation" in digest.body or (
        "Bürger-ID: 2 new comments, 1 awaiting moderation" in digest.body
    )
    assert "/admin/digiradar-comments/?discussion=" in digest.body
    assert "Parkausweis" not in digest.body and "Gut so." not in digest.body
    assert send_department_digests() == 0  # a rerun within the week sends nothing
    comment(ours, "Neu.", days_ago=0)
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert send_department_digests(now=later) == 1
    assert "1 " in mail.outbox[1].body


def test_queries_per_department_are_fixed(radar):
    def run(count, offset):
        for n in range(count):
            dept = department(f"d{offset + n}")
            measure = builders.make_measure(radar, f"Maßnahme {offset + n}", lead_department=dept)
            comment(measure, "Hallo.")
        with CaptureQueriesContext(connection) as queries:
            sent = send_department_digests()
        assert sent == count
        return len(queries)

    one, three = run(1, 0), run(3, 10)
    per_department = (three - one) / 2
    assert per_department <= 6, (one, three)
    assert three - one == 2 * ((three - one) // 2)  # the same for each department
