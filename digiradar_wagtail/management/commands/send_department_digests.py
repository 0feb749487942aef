"""
Mail each department with "weekly digest" on the new comments and ideas on its measures since its
last digest: run it daily from cron (a department hears at most once in
``DIGIRADAR_DEPARTMENT_DIGEST_DAYS``), or enqueue
``digiradar_wagtail.digests.send_department_digests_task`` from the worker's schedule.
"""

from django.core.management.base import BaseCommand

from ...digests import send_department_digests


class Command(BaseCommand):
    help = "Mail departments their weekly digest of new comments and ideas (at most weekly)."

    def handle(self, *args, **options):
        count = send_department_digests()
        self.stdout.write(f"Queued a digest to {count} department(s).")
