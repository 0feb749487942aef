"""
Mail each contact mailbox the list of its measures whose progress is stale, at most once in
``DIGIRADAR_STALE_REMINDER_DAYS``: run it daily from cron (or enqueue
``digiradar_wagtail.freshness.send_stale_reminders_task`` from the worker's schedule).
"""

from django.core.management.base import BaseCommand

from ...freshness import send_stale_reminders


class Command(BaseCommand):
    help = "Remind contact mailboxes of measures whose progress is stale (at most monthly)."

    def handle(self, *args, **options):
        count = send_stale_reminders()
        self.stdout.write(f"Queued a reminder to {count} contact mailbox(es).")
