"""Reports over simulated dossiers: the 766 index and the periodic report of the demo province
for the simulated period, from the daily aggregates kept by the simulated use cases, and the same
computed dossier by dossier (the drill-down path). For 1M / 10M dossiers on PostgreSQL see
``bench_reports_scale.py``.

Run with `python benchmarks/bench_reports.py [DOSSIERS]` (default 300). Prints figures, never
fails. Uses a throwaway SQLite database under a temporary directory unless DATABASE_URL is set
(then that database must be empty and migrated data there is left behind).
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
_TMP = tempfile.TemporaryDirectory()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/bench.sqlite3")

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def _timed(label, function):
    started = time.perf_counter()
    result = function()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    _timed("migrate", lambda: call_command("migrate", verbosity=0))
    _timed("demo", lambda: call_command("demo", "--quiet"))

    from motcua.agencies.models import Agency
    from motcua.dossiers.simulation import simulate
    from motcua.reports.common.periods import Period
    from motcua.reports.selectors import index_766, periodic_report

    horizon = datetime.datetime.combine(END, datetime.time(17), tzinfo=datetime.UTC)
    _timed(
        f"simulate {count} dossiers",
        lambda: simulate(count, seed=1, start=START, end=END, horizon=horizon),
    )
    root = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    period = Period(START, END)
    connection.queries_log.clear()  # the simulation filled the bounded query log
    with CaptureQueriesContext(connection) as queries:
        index = _timed("766 index, half a year", lambda: index_766(root, period))
    print(f"  queries: {len(queries)}; total {index.total}/100")
    from motcua.reports.index766 import report as index766
    from motcua.reports.measurement import facts

    _timed(
        "766 index, half a year, dossier by dossier",
        lambda: index766.build(root, period, facts=facts.load(root, period)),
    )
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        report = _timed("periodic report, half a year", lambda: periodic_report(root, period))
    c = report.total.counts
    print(
        f"  queries: {len(queries)}; received {c['received_total']}, processed "
        f"{c['processed_total']}, balanced {report.balanced}"
    )


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it never fails the build
        print(f"benchmark stopped: {error!r}")
