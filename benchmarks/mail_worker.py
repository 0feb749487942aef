"""
Mail throughput of the task worker: ``python -m benchmarks.mail_worker``.

Queues MAILS mails through ``digiradar_wagtail.mail.queue_mail`` on the demo's task backend
(django-tasks-db), then runs the worker (``db_worker --batch``) as a process of its own with the
file mail backend, as a city's worker runs beside its web servers. Prints one JSON line:
``{"bench": "mail_worker", "mails": 500, "queue_per_s": ..., "mails_per_s": ..., "sent": 500}``
(``mails_per_s``: mails written by the worker per second of its run, process start included).
Runs on a throw-away SQLite file, or on PostgreSQL when DATABASE_URL is set.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import throwaway_sqlite

ROOT = Path(__file__).resolve().parent.parent
MAILS = int(os.environ.get("BENCH_MAILS", 500))


def setup():
    """Django on the demo's settings, a migrated database and the file mail backend; the outbox."""
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = throwaway_sqlite()
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return Path(tempfile.mkdtemp())


def run_worker(outbox):
    """Run the mail worker until its queue is empty; ``(seconds, mails written to outbox)``."""
    env = {**os.environ, "EMAIL_FILE_PATH": str(outbox), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "mail", "--batch", "--no-startup-delay"]
        + ["--no-reload", "-v", "0"],
        cwd=ROOT / "example_site",
        env=env,
        check=True,
    )
    worked = time.perf_counter() - started
    return worked, sum(path.read_text().count("\nSubject: ") for path in outbox.iterdir())


def main():
    outbox = setup()
    from digiradar_wagtail.mail import queue_mail

    started = time.perf_counter()
    for index in range(MAILS):
        queue_mail(
            f"Maßnahme {index} hat sich geändert",
            "Der Fortschritt ist jetzt 40 %.\n" * 10,
            [f"person{index}@example.org"],
            about=f"benchmark mail #{index}",
        )
    queued = time.perf_counter() - started
    worked, sent = run_worker(outbox)
    print(
        json.dumps(
            {
                "bench": "mail_worker",
                "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
                "mails": MAILS,
                "queue_per_s": round(MAILS / queued, 1),
                "mails_per_s": round(sent / worked, 1),
                "sent": sent,
            }
        ),
        flush=True,
    )
    if sent != MAILS:
        sys.exit(f"the worker sent {sent} of {MAILS} mails")


if __name__ == "__main__":
    main()
