"""
Send the confirmation mails that could not be sent when anonymous comments were posted (the mail
server refused or timed out). Comments are kept until their link would expire; run this from cron
next to ``digiradar_comments_digest``.
"""

from django.core.management.base import BaseCommand, CommandError

from ...models import PendingConfirmation
from ...views import send_confirmation_mail


class Command(BaseCommand):
    help = "Send confirmation mails of anonymous comments that could not be sent before."

    def handle(self, *args, **options):
        unsent = list(PendingConfirmation.objects.unsent().select_related("page").order_by("created_at"))
        sent = sum(send_confirmation_mail(pending) for pending in unsent)
        # "Queued": the task worker sends them (at once with a backend that runs tasks in place).
        self.stdout.write(f"Queued {sent} of {len(unsent)} unsent confirmation mail(s).")
        if sent < len(unsent):
            raise CommandError(
                f"{len(unsent) - sent} confirmation mail(s) could not be sent; see the log "
                "(logger digiradar_wagtail.mail). They are kept for the next run."
            )
