"""Working-time clock: 100,000 due-time computations over a 3-year calendar (2025–2027).

Run with `make bench` or `python benchmarks/bench_worktime.py`. Prints figures, never fails.
The calendar is built in memory from the holidays package and the seeded swaps, as
`selectors.get_calendar` would build it from the database; no database is touched.
"""

import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")

N = 100_000
YEARS = (2025, 2026, 2027)


def main() -> None:
    import django

    django.setup()

    from motcua.worktime import clock
    from motcua.worktime.constants import DurationUnit
    from motcua.worktime.explain import compute_due
    from motcua.worktime.holiday_source import in_memory_calendar
    from motcua.worktime.workcalendar import LOCAL_TZ

    started = time.perf_counter()
    calendar = in_memory_calendar(YEARS)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for year in (*YEARS, YEARS[-1] + 1):
        calendar.year_index(year)
    indexed = time.perf_counter() - started

    rng = random.Random(20260213)
    first = datetime.datetime(2025, 1, 1, tzinfo=LOCAL_TZ)
    span = int((datetime.datetime(2027, 6, 30, tzinfo=LOCAL_TZ) - first).total_seconds())
    units = [DurationUnit.WORKING_DAYS] * 3 + [DurationUnit.WORKING_HOURS]
    cases = []
    for _ in range(N):
        start = first + datetime.timedelta(seconds=rng.randrange(span) // 60 * 60)
        unit = rng.choice(units)
        if unit == DurationUnit.WORKING_DAYS:
            amount = Decimal(rng.choice((1, 2, 3, 5, 7, 10, 15, 20, 25, 30))) / rng.choice((1, 2))
        else:
            amount = Decimal(rng.randrange(1, 65))
        cases.append((start, amount, unit))

    add = clock.add_working_time
    between = clock.working_micros_between
    # Best of three rounds: the figure should not depend on what else the machine is doing.
    elapsed = elapsed_between = float("inf")
    for _round in range(3):
        started = time.perf_counter()
        dues = [add(start, amount, unit, calendar) for start, amount, unit in cases]
        elapsed = min(elapsed, time.perf_counter() - started)
        started = time.perf_counter()
        for (start, _amount, _unit), due in zip(cases, dues, strict=True):
            between(start, due, calendar)
        elapsed_between = min(elapsed_between, time.perf_counter() - started)

    explained = cases[:1000]
    started = time.perf_counter()
    for start, amount, unit in explained:
        compute_due(start, amount, unit, calendar).lines()
    elapsed_explained = time.perf_counter() - started

    print(
        f"calendar {YEARS[0]}–{YEARS[-1]}: {len(calendar.days)} dated entries, read from the "
        f"holidays package in {built * 1000:.0f} ms, indexed in {indexed * 1000:.1f} ms"
    )
    print(f"add_working_time: {N:,} due times in {elapsed:.3f} s ({elapsed / N * 1e6:.2f} µs each)")
    print(
        f"working_time_between: {N:,} spans in {elapsed_between:.3f} s "
        f"({elapsed_between / N * 1e6:.2f} µs each)"
    )
    print(f"compute_due with explanation text: {len(explained):,} in {elapsed_explained:.3f} s")


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a benchmark reports, it never fails the build
        print(f"benchmark failed: {exc!r}")
