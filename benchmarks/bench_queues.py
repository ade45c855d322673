"""Back-office work queues on a large PostgreSQL database: the selectors' pages and the queue
view as a desk officer and a specialist of Xuân Hương see them, with the plan of the slowest.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python benchmarks/bench_queues.py

Needs a database filled by benchmarks/volume.py (see benchmarks/README.md); skips with a message
on SQLite or below 100,000 dossiers. Read-only. Prints figures, never fails.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "true")

MIN_DOSSIERS = 100_000
REPEAT = 5
DEEP_PAGES = 20
WORST = 4
DESK, SPECIALIST = "xuanhuong.motcua", "xuanhuong.chuyenvien"


def _timed(function) -> tuple[float, object]:
    """Median wall time in ms over REPEAT runs after one warm-up run."""
    result = function()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _walk(node: dict, nodes: Counter, totals: Counter) -> None:
    name = node["Node Type"]
    target = node.get("Index Name") or node.get("Relation Name")
    nodes[f"{name} ({target})" if target else name] += 1
    totals["rows removed by filter"] += node.get("Rows Removed by Filter", 0) * node.get(
        "Actual Loops", 1
    )
    for child in node.get("Plans", []):
        _walk(child, nodes, totals)


def plan_summary(queryset) -> str:
    """The node types of EXPLAIN (ANALYZE, BUFFERS), with the buffers and filtered rows."""
    plan = json.loads(queryset.explain(format="json", analyze=True, buffers=True))[0]
    nodes, totals = Counter(), Counter()
    _walk(plan["Plan"], nodes, totals)
    top = plan["Plan"]
    listed = ", ".join(f"{n}×{c}" if c > 1 else n for n, c in nodes.items())
    return (
        f"{plan['Execution Time']:.1f} ms; buffers hit {top.get('Shared Hit Blocks', 0):,} "
        f"read {top.get('Shared Read Blocks', 0):,}; rows removed by filter "
        f"{totals['rows removed by filter']:,}\n      {listed}"
    )


def _samples(user):
    """Search terms taken from the open dossiers ``user`` sees: a code, a name, an ID, a phone."""
    from motcua.backoffice import selectors

    row = (
        selectors.queue(user, selectors.QueueFilters())
        .exclude(due_at__isnull=True)
        .order_by("-due_at")
        .values("code", "applicant_name", "applicant_id_number", "applicant_phone")
        .first()
    )
    if row is None:
        return None, ""
    return row, row["applicant_name"].split()[-1]


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from motcua.accounts.models import User
    from motcua.backoffice import selectors
    from motcua.dossiers.constants import Status
    from motcua.dossiers.models import Dossier

    if connection.vendor != "postgresql":
        print("bench_queues: skipped, DATABASE_URL is not PostgreSQL (see benchmarks/README.md).")
        return
    count = Dossier.objects.count()
    if count < MIN_DOSSIERS:
        print(
            f"bench_queues: skipped, {count:,} dossiers (< {MIN_DOSSIERS:,}); fill the database "
            "with benchmarks/volume.py first."
        )
        return
    desk = User.objects.get(username=DESK)
    specialist = User.objects.get(username=SPECIALIST)
    row, given = _samples(desk)
    if row is None:
        print(f"bench_queues: skipped, {DESK} has no open dossier with a due time.")
        return
    busiest = (
        selectors.queue(desk, selectors.QueueFilters())
        .values_list("procedure_version__procedure__code", flat=True)
        .first()
    )
    print(
        f"{count:,} dossiers; {selectors.queue(desk, selectors.QueueFilters()).count():,} open "
        f"in the desk officer's queue, {selectors.queue(specialist, selectors.QueueFilters()).count():,}"
        " in the specialist's."
    )

    def deep_cursor(user, filters):
        cursor = ""
        for _ in range(DEEP_PAGES):
            _rows, following = selectors.page(selectors.queue(user, filters), cursor)
            if not following:
                break
            cursor = following
        return cursor

    F = selectors.QueueFilters
    cases = [
        ("desk: first page", desk, F(), ""),
        ("desk: deep page (keyset)", desk, F(), deep_cursor(desk, F())),
        ("desk: procedure filter", desk, F(procedure=busiest), ""),
        ("desk: status in_progress", desk, F(status=Status.IN_PROGRESS), ""),
        ("desk: status returned", desk, F(status=Status.RETURNED), ""),
        (
            "desk: returned, deep page",
            desk,
            F(status=Status.RETURNED),
            deep_cursor(desk, F(status=Status.RETURNED)),
        ),
        ("desk: due overdue", desk, F(due="overdue"), ""),
        ("desk: due today", desk, F(due="today"), ""),
        ("desk: due paused", desk, F(due="paused"), ""),
        ("desk: due soon", desk, F(due="soon"), ""),
        ("desk: search code", desk, F(q=row["code"]), ""),
        ("desk: search code prefix", desk, F(q=row["code"][:-2]), ""),
        ("desk: search full name", desk, F(q=row["applicant_name"]), ""),
        ("desk: search given name", desk, F(q=given.lower()), ""),
        ("desk: search ID number", desk, F(q=row["applicant_id_number"]), ""),
        ("desk: search phone", desk, F(q=row["applicant_phone"]), ""),
        ("desk: name, status returned", desk, F(q=row["applicant_name"], status="returned"), ""),
        ("specialist: first page", specialist, F(), ""),
        ("specialist: deep page", specialist, F(), deep_cursor(specialist, F())),
        ("specialist: mine", specialist, F(scope="mine"), ""),
        ("specialist: search name", specialist, F(q=row["applicant_name"]), ""),
        ("specialist: search ID", specialist, F(q=row["applicant_id_number"]), ""),
    ]
    print(f"\nSelectors (selectors.page over selectors.queue), median of {REPEAT}:")
    print(f"  {'query':<32} {'ms':>9} {'rows':>5}")
    measured = []
    for label, user, filters, cursor in cases:
        ms, (rows, _next) = _timed(
            lambda u=user, f=filters, c=cursor: selectors.page(selectors.queue(u, f), c)
        )
        measured.append((ms, label, user, filters, cursor))
        print(f"  {label:<32} {ms:>9.1f} {len(rows):>5}")

    print("\nQueue page through the test Client (the view, template and all its queries):")
    setup_test_environment()
    clients = {}
    for user in (desk, specialist):
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    views = [
        ("desk: /backoffice/queue/", desk, {}),
        ("desk: ?q=<ID number>", desk, {"q": row["applicant_id_number"]}),
        ("desk: ?q=<name>", desk, {"q": row["applicant_name"]}),
        ("desk: ?status=returned", desk, {"status": "returned"}),
        ("desk: ?after=<deep cursor>", desk, {"after": cases[1][3]}),
        ("specialist: /backoffice/queue/", specialist, {}),
        ("specialist: ?scope=mine", specialist, {"scope": "mine"}),
    ]
    print(f"  {'page':<32} {'ms':>9} {'status':>6} {'queries':>7}")
    for label, user, query in views:
        client = clients[user.pk]
        ms, response = _timed(lambda c=client, q=query: c.get("/backoffice/queue/", q))
        with CaptureQueriesContext(connection) as captured:
            client.get("/backoffice/queue/", query)
        print(f"  {label:<32} {ms:>9.1f} {response.status_code:>6} {len(captured):>7}")

    print(f"\nPlans of the {WORST} slowest selector queries (EXPLAIN ANALYZE, BUFFERS):")
    for ms, label, user, filters, cursor in sorted(measured, key=lambda m: m[0], reverse=True)[
        :WORST
    ]:
        queryset = selectors.page_queryset(selectors.queue(user, filters), cursor)
        print(f"  {label} ({ms:.1f} ms): {plan_summary(queryset)}")


if __name__ == "__main__":
    main()
