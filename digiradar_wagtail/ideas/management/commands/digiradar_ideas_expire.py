"""Delete ideas whose confirmation link expired unopened (daily from cron): they were never public."""

from django.core.management.base import BaseCommand

from ...models import Idea


class Command(BaseCommand):
    help = "Delete anonymous ideas whose confirmation link was not opened within 7 days."

    def handle(self, *args, **options):
        deleted = Idea.objects.expired_unconfirmed().delete()[1].get(Idea._meta.label, 0)
        self.stdout.write(f"{deleted} unconfirmed ideas deleted.")
