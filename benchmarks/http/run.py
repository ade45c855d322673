"""The HTTP benchmark (``make bench-http``): motcua through gunicorn in production settings on a
large PostgreSQL database, each scenario right after a bare Django app served the same way (the
floor), so that the ratio holds on a busy machine. See benchmarks/http/README.md.

    .venv/bin/python benchmarks/http/run.py [--dossiers 300000] [--db motcua_bench_http]
        [--duration 10] [--connections 8] [--workers 3] [--only queue-first dossier-page]
        [--counts-only]

Steps: build the database unless one with enough dossiers exists (migrate, demo, volume.py:
about 3 minutes for 300,000 here); collect static files; count each scenario's queries in-process
and profile it; start both servers; wait for a quiet machine; drive floor then motcua for each
scenario with wrk (or the Python load generator) and print one line each. Prints figures, never
asserts them (the query budgets are asserted by the tests).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import production  # noqa: E402  (beside this script)

MOTCUA_PORT, FLOOR_PORT = 8711, 8712
PG = "postgres://postgres@127.0.0.1:5432"


def _say(text: str) -> None:
    print(text, flush=True)


def _psql(db: str, sql: str) -> str | None:
    """One value from ``db`` (None when the database or the table is missing)."""
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def ensure_database(db: str, dossiers: int) -> str:
    """The database's URL, built with volume.py unless it already holds ``dossiers``."""
    url = f"{PG}/{db}"
    env = os.environ | {"DATABASE_URL": url, "DEBUG": "true"}
    have = _psql(db, "SELECT count(*) FROM dossiers_dossier")
    if have is not None and int(have) >= dossiers:
        _say(f"Reusing {db}: {int(have):,} dossiers (migrated to this code's schema).")
        subprocess.run(
            [PY, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _count_missing_aggregates(env)
        return url
    if "bench" not in db:
        raise SystemExit(f"{db}: a database built here must have 'bench' in its name.")
    started = time.perf_counter()
    if have is None and _psql(db, "SELECT 1") is None:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
    _say(f"Building {db} with {dossiers:,} dossiers (about 3 minutes for 300,000) …")
    for command in (
        [PY, "manage.py", "migrate", "--no-input", "-v0"],
        [PY, "manage.py", "demo"],
        [PY, "benchmarks/volume.py", "--dossiers", str(dossiers), "--seed", "1"],
        # volume.py writes dossiers, not the statistics' daily totals the reports read: without
        # them every manager's page would answer from empty tables, fast and wrong.
        [PY, "manage.py", "rebuild_aggregates", "--workers", "2", "--chunk-size", "5000"],
    ):
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    _psql(db, "VACUUM ANALYZE")
    _say(f"Built in {time.perf_counter() - started:.0f} s.")
    return url


def _count_missing_aggregates(env: dict[str, str]) -> None:
    """A database built before the harness computed the aggregates gets them now (only the
    dossiers not counted yet; nothing to do, one query, when all are)."""
    subprocess.run(
        [PY, "manage.py", "rebuild_aggregates", "--missing", "--chunk-size", "5000"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def production_env(url: str, args) -> dict[str, str]:
    env = {
        **production.settings_env(args.cache_url),
        "DATABASE_URL": url,
        # The API's per-client limit (600/minute) would answer 429 within a second of load:
        # the API scenarios measure the work of a call, not the limit.
        "API_CLIENT_RATE": "1000000/minute",
    }
    return os.environ | env


def collect_static(env) -> None:
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    if not manifest.exists():
        raise SystemExit("collectstatic wrote no manifest")


def start(name: str, app: str, port: int, cwd: Path, env, workers: int) -> subprocess.Popen:
    logs = ROOT / "var" / "bench-http"
    logs.mkdir(parents=True, exist_ok=True)
    log = open(logs / f"{name}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/ok/"
                if name == "floor"
                else f"http://127.0.0.1:{port}/track/",
                timeout=2,
            )
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"{name} server died; see {log.name}") from None
            time.sleep(0.3)
    raise SystemExit(f"{name} server did not answer; see {log.name}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _cpu_idle(seconds: float = 2.0) -> float:
    """Share of the machine's CPU time idle over ``seconds``."""

    def read():
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)

    idle0, total0 = read()
    time.sleep(seconds)
    idle1, total1 = read()
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(max_load: float, max_wait: float) -> str:
    """Wait (up to ``max_wait`` s) until the 1-minute load average is below ``max_load``; say
    how quiet the machine was."""
    started = time.perf_counter()
    while True:
        load = os.getloadavg()
        if load[0] < max_load or time.perf_counter() - started > max_wait:
            break
        time.sleep(5)
    idle = _cpu_idle()
    waited = time.perf_counter() - started
    return (
        f"load {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f} on {os.cpu_count()} CPUs, "
        f"{idle:.0%} idle, waited {waited:.0f} s"
        + ("" if load[0] < max_load else f" (never below {max_load}: busy)")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "motcua_bench_http"))
    parser.add_argument("--dossiers", type=int, default=300_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server")
    parser.add_argument("--only", nargs="*", help="scenario names")
    parser.add_argument("--counts-only", action="store_true", help="no servers, no load")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait below this loadavg")
    parser.add_argument("--max-wait", type=float, default=120)
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/9"),
        help="CACHE_URL of the served app ('' = the database table)",
    )
    args = parser.parse_args()

    import loadgen
    from scenarios import by_name

    chosen = by_name(args.only)
    if not args.counts_only and not loadgen.wrk_available():
        _say(
            "wrk is not installed (Debian: apt-get install wrk); using the Python load "
            "generator, which saturates less."
        )
    url = ensure_database(args.db, args.dossiers)
    env = production_env(url, args)
    collect_static(env)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    import django

    django.setup()
    import inprocess
    from scenarios import samples as read_samples

    samples = read_samples()
    # The samples add officers and API clients: planner statistics that still describe the
    # tables before them mislead it (a merge join walking every user, see agencies 0006).
    _psql(args.db, "ANALYZE")
    _say("")
    _say("Queries and profile, in-process (after a warm-up request; profile over 20 requests):")
    for scenario in chosen:
        c = inprocess.measure(scenario, samples)
        _say(
            f"  {scenario.name:<15} {c.queries:>3} queries  {c.ms:6.1f} ms/req "
            f"(SQL {c.sql_ms:.1f}, templates {c.template_ms:.1f})  {c.tables}"
        )
        for line in c.top:
            _say(f"      {line}")
    if args.counts_only:
        return
    from django.db import connections

    connections.close_all()
    floor_id = _psql(args.db, "SELECT id FROM dossiers_dossier ORDER BY id DESC LIMIT 1")
    servers = [
        start("motcua", "motcua.wsgi:application", MOTCUA_PORT, ROOT, env, args.workers),
        start("floor", "floor_wsgi:application", FLOOR_PORT, HERE, env, args.workers),
    ]
    from scenarios import Request

    try:
        _say("")
        tool = "wrk" if loadgen.wrk_available() else "python load generator"
        _say(
            f"Through gunicorn ({args.workers} sync workers each), {tool}, {args.connections} "
            f"connections, {args.duration} s per run, floor first:"
        )
        _say(
            f"  {'scenario':<15} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4}  "
            f"{'floor':<4} {'req/s':>7} {'p95':>6}  ratio  machine before the pair"
        )
        options = {"connections": args.connections, "duration": args.duration}
        for scenario in chosen:
            requests = scenario.requests(samples)
            cookie = samples.get(scenario.signed_in, "") if scenario.signed_in else ""
            problems = loadgen.check_statuses(
                f"http://127.0.0.1:{MOTCUA_PORT}", requests, cookie=cookie
            )
            if problems:
                _say(f"  {scenario.name:<15} not measured: {'; '.join(problems)}")
                continue
            quiet = wait_quiet(args.max_load, args.max_wait)
            floor_path = "/ok/" if scenario.floor == "ok" else f"/pk/?id={floor_id}"
            floor = loadgen.run(f"http://127.0.0.1:{FLOOR_PORT}", [Request(floor_path)], **options)
            ours = loadgen.run(
                f"http://127.0.0.1:{MOTCUA_PORT}", requests, cookie=cookie, **options
            )
            _say(
                f"  {scenario.name:<15} {ours.rps:7.1f} {ours.p50:6.1f} {ours.p95:6.1f} "
                f"{ours.p99:6.1f} {ours.errors:>4}  {scenario.floor:<4} {floor.rps:7.1f} "
                f"{floor.p95:6.1f}  {ours.rps / floor.rps if floor.rps else 0:.3f}  {quiet}"
            )
        _say("  (latencies in ms; a scenario of several requests counts each request)")
    finally:
        for server in servers:
            stop(server)


if __name__ == "__main__":
    main()
