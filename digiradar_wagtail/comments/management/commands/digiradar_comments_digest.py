"""
Send moderators a digest of new pending comments they have not been told about (for
DIGIRADAR_COMMENTS_NOTIFY = 'digest', and for immediate notifications whose mail failed; run it
from cron).
"""

from django.core.management.base import BaseCommand

from ...notifications import send_digest


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        count = send_digest()
        self.stdout.write(f"Digest queued for {count} comment(s).")
