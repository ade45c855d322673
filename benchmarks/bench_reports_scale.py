"""The statistics at national scale: the 766 index and the periodic report of the demo province
over a year, read from the daily aggregates, on a PostgreSQL database filled by ``volume.py``
(1M or 10M dossiers), and the full rebuild of the aggregates from the dossiers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
        .venv/bin/python benchmarks/bench_reports_scale.py [--rebuild [--workers N]] [--check]

``--rebuild`` recomputes the aggregates first (needed once after ``volume.py``, which writes
dossiers without the services) and times it, in N worker processes with ``--workers N``
(default 2, one per core here); ``--check`` compares the stored aggregates with a
recomputation. Skips with a message on anything but a large PostgreSQL database. Prints figures,
never fails.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")

MINIMUM = 100_000
RUNS = 5


def _median(function, runs=RUNS):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def _option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        print("bench_reports_scale: skipped (needs DATABASE_URL of a PostgreSQL database).")
        return
    from motcua.agencies.models import Agency
    from motcua.dossiers.models import Dossier
    from motcua.reports.aggregates import store
    from motcua.reports.aggregates.models import DossierContribution, FlowCount, Grain, StockChange
    from motcua.reports.common.periods import Period
    from motcua.reports.index766 import ranking
    from motcua.reports.selectors import index_766, periodic_report

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'dossiers_dossier'")
        estimate = cursor.fetchone()[0]
    if estimate < MINIMUM:
        print(
            f"bench_reports_scale: skipped ({estimate} dossiers; fill the database with "
            "benchmarks/volume.py first, see benchmarks/README.md)."
        )
        return
    accepted = Dossier.objects.filter(received_at__isnull=False).count()
    print(f"dossiers in the database: {estimate:,} (accepted: {accepted:,})")
    if "--rebuild" in sys.argv:
        started = time.perf_counter()

        printed = [0]

        def progress(count):
            if count // 100_000 > printed[0]:  # chunks from several workers: not round numbers
                printed[0] = count // 100_000
                print(f"  rebuilt {count:,} in {time.perf_counter() - started:.0f} s", flush=True)

        workers = _option("--workers", 2)
        cpu = time.process_time()
        dossiers, flows, stock = store.rebuild(chunk_size=5000, workers=workers, progress=progress)
        elapsed = time.perf_counter() - started
        print(
            f"full rebuild in {workers} worker(s): {elapsed:.0f} s for {dossiers:,} dossiers "
            f"(this process's CPU {time.process_time() - cpu:.0f} s) "
            f"({elapsed / max(dossiers, 1) * 1e6:.0f} µs a dossier) → {flows:,} flow rows, "
            f"{stock:,} stock-change rows"
        )
    for model in (FlowCount, StockChange):
        counts = {
            row["grain"]: row["n"]
            for row in model.objects.values("grain").annotate(n=Count("pk")).order_by()
        }
        print(
            f"{model._meta.verbose_name} rows: "
            + ", ".join(f"{Grain(g).label} {counts.get(g, 0):,}" for g in Grain.values)
        )
    print(f"contributions: {DossierContribution.objects.count():,}")
    if "--check" in sys.argv:
        started = time.perf_counter()
        found = store.differences()
        print(
            f"check against a recomputation: {len(found)} differences "
            f"({time.perf_counter() - started:.0f} s)"
        )
    province = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    last = Dossier.objects.filter(received_at__isnull=False).latest("received_at").received_at
    end = last.date()
    year = Period(end - datetime.timedelta(days=364), end)
    calendar_year = Period(datetime.date(end.year - 1, 1, 1), datetime.date(end.year - 1, 12, 31))
    month = Period(end.replace(day=1), end)
    for label, period in (
        ("the last 365 days", year),
        ("a calendar year", calendar_year),
        ("a month", month),
    ):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            index_766(province, period)
        median, best, index = _median(lambda p=period: index_766(province, p))
        print(
            f"766 index of {province.name}, {label} ({period}): median {median * 1000:.0f} ms, "
            f"best {best * 1000:.0f} ms, {len(queries)} queries; total {index.total}/100"
        )
        median, best, ranked = _median(lambda p=period: ranking.rank_children(province, p), 3)
        print(
            f"ranking of its {len(ranked)} child units, {label}: median {median * 1000:.0f} ms, "
            f"best {best * 1000:.0f} ms"
        )
        median, best, report = _median(lambda p=period: periodic_report(province, p))
        c = report.total.counts
        print(
            f"periodic report, {label}: median {median * 1000:.0f} ms, best {best * 1000:.0f} ms;"
            f" received {c['received_total']:,}, processed {c['processed_total']:,}, "
            f"balanced {report.balanced}"
        )


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it never fails the build
        print(f"benchmark stopped: {error!r}")
