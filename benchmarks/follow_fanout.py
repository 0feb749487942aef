"""
Telling followers of a change: ``python -m benchmarks.follow_fanout``.

A measure with FOLLOWERS confirmed followers (at once) moves to another ring: the editor's publish
stores the change, gives every follower a notification and queues one task (queries and time of
the publish, next to the same publish with one follower); then the demo's worker (``db_worker
--batch`` on the mail backend, a process of its own, file mail backend) renders, queues and sends
the mails. Prints one JSON line:
``{"bench": "follow_fanout", "followers": 1000, "publish_queries": ..., "publish_queries_one_follower": ...,
"publish_ms": ..., "mails_per_s": ..., "sent": 1000}``. SQLite throw-away file, or PostgreSQL
when DATABASE_URL is set.
"""

import json
import os
import sys
import time

from benchmarks.mail_worker import run_worker, setup

FOLLOWERS = int(os.environ.get("BENCH_FOLLOWERS", 1000))


def publish_ring_change(measure, ring):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    measure.ring = ring
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        measure.save_revision().publish()  # the follow app's fan-out runs on commit, inside this
    return len(queries), (time.perf_counter() - started) * 1000


def main():
    outbox = setup()
    from tests import builders
    from tests.follow.conftest import add_followers

    radar = builders.make_radar(builders.make_site())
    rings = list(radar.rings.all())
    quiet = builders.make_measure(radar, "Wenige folgen", ring=0)
    busy = builders.make_measure(radar, "Viele folgen", ring=0)
    add_followers(quiet, 1)
    add_followers(busy, FOLLOWERS)
    one_queries, _ = publish_ring_change(quiet, rings[1])
    queries, publish_ms = publish_ring_change(busy, rings[1])

    worked, sent = run_worker(outbox)
    print(
        json.dumps(
            {
                "bench": "follow_fanout",
                "database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite",
                "followers": FOLLOWERS,
                "publish_queries": queries,
                "publish_queries_one_follower": one_queries,
                "publish_ms": round(publish_ms, 1),
                "worker_s": round(worked, 1),
                "mails_per_s": round(sent / worked, 1),
                "sent": sent,
            }
        ),
        flush=True,
    )
    if sent != FOLLOWERS + 1:
        sys.exit(f"the worker sent {sent} of {FOLLOWERS + 1} mails")


if __name__ == "__main__":
    main()
