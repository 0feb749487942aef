"""The demo's task backend (django-tasks-db) and one run of its worker, for tests of queued work."""

from django.core.management import call_command

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker():
    """Run every task that is due, in this process (``db_worker --batch``), then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
