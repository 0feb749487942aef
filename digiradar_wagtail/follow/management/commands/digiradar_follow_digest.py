"""
Mail each weekly follower the changes of the past week (at most once in
DIGIRADAR_FOLLOW_DIGEST_DAYS, so it may run daily), send at-once mails that never went out, and
delete unconfirmed follows whose link expired.
"""

from django.core.management.base import BaseCommand

from ...notify import send_weekly_digests


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        sent = send_weekly_digests()
        self.stdout.write(f"{sent} follow mail(s) queued.")
