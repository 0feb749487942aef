"""
Anonymise the personal data of comments older than DIGIRADAR_COMMENTS_RETENTION_DAYS, and delete
unconfirmed comments whose confirmation link has expired.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from ...conf import comments_settings
from ...models import Comment, PendingConfirmation


class Command(BaseCommand):
    help = "Blank name, email, link and user of comments older than the retention period; the text stays."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override DIGIRADAR_COMMENTS_RETENTION_DAYS."
        )

    def handle(self, *args, days=None, **options):
        days = comments_settings.COMMENTS_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = Comment.objects.filter(submit_date__lt=cutoff, is_official=False).exclude(
            user_name="", user_email="", user_url="", user__isnull=True
        )
        count = old.update(user_name="", user_email="", user_url="", user=None, ip_address=None)
        self.stdout.write(f"Anonymised {count} comment(s) older than {days} days.")
        expired = PendingConfirmation.objects.expired().delete()[0]
        self.stdout.write(f"Deleted {expired} unconfirmed comment(s) whose link has expired.")
