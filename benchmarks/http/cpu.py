"""CPU time per request of the benchmark's scenarios, in-process: ``time.process_time()`` around
each request through Django's test client, in production settings (``DEBUG=false``, the cached
template loader, sessions and the cache in Redis), on a PostgreSQL database with data. Unlike
wall-clock time, a loaded machine barely inflates it, so it compares two versions of the code
on a shared machine; the database server's own CPU is not in it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_x \\
        .venv/bin/python benchmarks/http/cpu.py [--only queue-first queue-search] [-n 250]
        [--profile queue-first]

The database must be one the benchmark may write to: signing the officer in writes a session,
each queue page an audit row (``scenarios.samples`` also makes an API client and an
authenticator device). Prints, per scenario: queries, and the median, p10 and p90 of the CPU
milliseconds of ``-n`` requests (after ``--warm`` requests of warm-up)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import production  # noqa: E402  (beside this script)

QUEUE_SCENARIOS = ["queue-first", "queue-deep", "queue-filtered", "queue-search"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", default=QUEUE_SCENARIOS)
    parser.add_argument("-n", type=int, default=250, help="requests measured per scenario")
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--profile", default="", help="a scenario to run under cProfile")
    parser.add_argument("--lines", type=int, default=60, help="lines of the profile")
    parser.add_argument("--cache-url", default=os.environ.get("CPU_CACHE_URL", ""))
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL: a PostgreSQL database with data, one it may write to")
    production.start_django(args.cache_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from inprocess import _client, _send
    from scenarios import by_name, samples

    sample = samples()
    for scenario in by_name(args.only):
        requests = scenario.requests(sample)
        client = _client(sample.get(scenario.signed_in, "") if scenario.signed_in else "")
        for _ in range(args.warm):
            for r in requests:
                response = _send(client, r)
                if response.status_code != 200:
                    raise SystemExit(f"{scenario.name}: {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            for r in requests:
                _send(client, r)
        # Read now: every request's start empties the connection's log of queries.
        queries = len(captured.captured_queries)
        if scenario.name == args.profile:
            import cProfile
            import pstats

            # Timed by the process's CPU clock: waiting for the database is not in it.
            profile = cProfile.Profile(time.process_time)
            profile.enable()
        spent = []
        for _ in range(args.n):
            started = time.process_time()
            for r in requests:
                _send(client, r)
            spent.append((time.process_time() - started) * 1000)
        if scenario.name == args.profile:
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.lines)
        deciles = statistics.quantiles(spent, n=10)
        print(
            f"{scenario.name:<15} {queries:>2} queries  "
            f"CPU ms/req median {statistics.median(spent):5.2f}  "
            f"p10 {deciles[0]:5.2f}  p90 {deciles[-1]:5.2f}  (n={args.n})",
            flush=True,
        )


if __name__ == "__main__":
    main()
