"""Load through the stack (#19 item 3; ``make bench-stack``): P4, the mixed day of
``mixed.py``, driven at the balancer of ``make stack`` on a PostgreSQL database with a million
dossiers, with one gunicorn instance in the balancer and then two, each right after the floor
(the bare Django app of ``floor_wsgi.py``, as two instances with the same gunicorn settings
behind an HAProxy made from the same template); P8, the memory of every process of the stack
sampled each second while P4 runs. See benchmarks/http/README.md.

    .venv/bin/python benchmarks/http/stack_run.py [--db motcua_bench_1m] [--dossiers 1000000]
        [--duration 60] [--connections 16] [--rate 0] [--instances 1 2] [--keep-stack] [--try]

The stack is started with ``tools/stack/stack.sh up`` on that database unless it already runs
on it, and stopped at the end unless ``--keep-stack``. One instance is taken out and put back
through HAProxy's runtime socket (``disable server``), as an upgrade does, not by a restart.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import run as harness  # noqa: E402  (ensure_database, wait_quiet, _say)

RUN = ROOT / "var" / "stack"
OWN = ROOT / "var" / "bench-stack"
LB_PORT = int(os.environ.get("STACK_PORT", "8100"))
FLOOR_PORT = LB_PORT + 10  # its balancer; its two instances on the next two ports
REDIS_PORT = 6379
say = harness._say


def stack_env() -> dict[str, str]:
    """The variables var/stack/env exports (what every process of the stack runs with)."""
    env = {}
    for line in (RUN / "env").read_text().splitlines():
        if line.startswith("export "):
            name, _sep, value = line[len("export ") :].partition("=")
            env[name] = shlex.split(value)[0] if value else ""
    return env


def _alive(name: str) -> bool:
    try:
        os.kill(int((RUN / f"{name}.pid").read_text()), 0)
        return True
    except (OSError, ValueError):
        return False


def ensure_stack(db: str) -> bool:
    """Start the stack on ``db`` unless it runs on it already; True when started here."""
    if _alive("balancer"):
        running = stack_env().get("DATABASE_URL", "").rsplit("/", 1)[-1]
        if running != db:
            raise SystemExit(f"The stack runs on {running}, not {db}: `make stack-stop` first.")
        say(f"Using the running stack (database {db}).")
        return False
    say(f"Starting the stack on {db} (tools/stack/stack.sh up) …")
    # The database was loaded with the demo when it was built (run.ensure_database).
    environ = os.environ | {"STACK_DB": db, "STACK_DEMO": "0"}
    subprocess.run(["tools/stack/stack.sh", "up"], cwd=ROOT, env=environ, check=True)
    return True


def admin(sock: Path, command: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(str(sock))
        s.sendall(command.encode() + b"\n")
        return s.recv(65536).decode()


def use_instances(sock: Path, backend: str, count: int, total: int = 2) -> None:
    """Keep the first ``count`` instances (and their fallbacks) in the balancer."""
    for index in range(1, total + 1):
        verb = "enable" if index <= count else "disable"
        for server in (f"web{index}", f"web{index}-fallback"):
            answer = admin(sock, f"{verb} server {backend}/{server}")
            if answer.strip():
                raise SystemExit(f"HAProxy: {verb} {server}: {answer.strip()}")
    time.sleep(4)  # two health-check intervals: an enabled instance is UP again


def served(sock: Path, backend: str = "motcua") -> dict[str, int]:
    """Requests each server of the backend has answered so far (HAProxy's ``hrsp_*`` sums)."""
    lines = admin(sock, "show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    out = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == backend and row.get("svname", "").startswith("web"):
            codes = [row.get(f"hrsp_{k}xx") or "0" for k in range(1, 6)]
            out[row["svname"]] = sum(int(c) for c in codes)
    return out


class Floor:
    """The bare app as two instances with the stack's gunicorn settings behind an HAProxy
    made from the stack's template."""

    def __init__(self, env: dict[str, str]):
        OWN.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in env.items() if k != "PROMETHEUS_MULTIPROC_DIR"}
        self.env["DJANGO_SETTINGS_MODULE"] = "floor_settings"
        self.sock = OWN / "floor-haproxy.sock"
        self.procs: list[subprocess.Popen] = []

    def _start(self, name: str, argv: list[str], cwd: Path) -> None:
        log = open(OWN / f"{name}.log", "w")  # noqa: SIM115 - kept open with the process
        self.procs.append(
            subprocess.Popen(
                argv,
                cwd=cwd,
                env=os.environ | self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def up(self) -> None:
        servers = ""
        for index in (1, 2):
            port = FLOOR_PORT + index
            self._start(
                f"floor{index}",
                [
                    str(ROOT / ".venv/bin/gunicorn"),
                    "floor_wsgi:application",
                    "-c",
                    str(ROOT / "tools/stack/gunicorn.conf.py"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--name",
                    f"floor{index}",
                ],
                HERE,
            )
            servers += f"    server web{index} 127.0.0.1:{port}\n"
        servers += "".join(
            f"    server web{i}-fallback 127.0.0.1:{FLOOR_PORT + i} backup no-check\n"
            for i in (1, 2)
        )
        text = (ROOT / "tools/stack/haproxy.cfg.in").read_text()
        text = text.replace("@BIND@", f"127.0.0.1:{FLOOR_PORT}").replace("@MAX_BODY@", "1024")
        text = text.replace("@ADMIN_SOCKET@", str(self.sock)).replace("@SERVERS@", servers)
        (OWN / "floor-haproxy.cfg").write_text(text)
        self._start(
            "floor-balancer", ["haproxy", "-db", "-f", str(OWN / "floor-haproxy.cfg")], ROOT
        )
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{FLOOR_PORT}/health/ready", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"the floor did not answer; see {OWN}/")

    def down(self) -> None:
        import signal

        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(30)


def _ms(values) -> str:
    return " ".join(f"{v:6.0f}" for v in values)


def report(n: int, tally, seconds: float, floor, series, quiet: str, driver_cpu: float) -> None:
    total = tally.requests()
    errors = tally.error_count()
    say("")
    say(f"== {n} instance{'s' if n > 1 else ''} in the balancer — machine before: {quiet}")
    say(f"  floor (pk, wrk): {floor.rps:7.1f} req/s, p95 {floor.p95:.1f} ms, {floor.errors} errors")
    say(
        f"  P4 mixed day:    {total / seconds:7.1f} req/s over {seconds:.0f} s, p50/p95/p99 "
        f"{_ms(tally.summary())} ms, {errors} errors ({100 * errors / max(total, 1):.2f} %), "
        f"{sum(tally.apart.values())} apart, ratio to the floor "
        f"{total / seconds / floor.rps if floor.rps else 0:.3f}"
    )
    say(
        f"  {'kind':<14} {'requests':>8} {'share':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>4} {'writes':>6}"
    )
    for kind in sorted(tally.latencies, key=lambda k: -tally.requests(k)):
        count = tally.requests(kind)
        say(
            f"  {kind:<14} {count:>8} {count / total:6.1%} {_ms(tally.summary(kind))} "
            f"{tally.error_count(kind):>4} {tally.writes.get(kind, 0):>6}"
        )
    for (kind, what), count in tally.errors.most_common(8):
        said = tally.said.get((kind, what), "")
        say(f"    error: {kind} {what} ×{count}" + (f" — {said}" if said else ""))
    for (kind, what), count in tally.apart.most_common():
        say(f"    apart (not an error): {kind} {what} ×{count}")
    say(
        f"  officers' action visits that found nothing to do on the dossier they opened: "
        f"{tally.idle}"
    )
    peak, mean = series.peak_mean("pss")
    rpeak, rmean = series.peak_mean("rss")
    say(
        f"  P8 memory of the stack (PSS, {len(series.pss)} samples): peak {peak / 1024:.0f} MB, "
        f"mean {mean / 1024:.0f} MB (RSS, shared pages counted per process: peak "
        f"{rpeak / 1024:.0f} MB, mean {rmean / 1024:.0f} MB)"
    )
    cpu = series.cpu()
    groups = sorted(
        series.pss[-1] if series.pss else {}, key=lambda g: -series.peak_mean("pss", g)[0]
    )
    say(
        "    by part, PSS peak MB / CPU ms per request: "
        + ", ".join(
            f"{g} {series.peak_mean('pss', g)[0] / 1024:.0f} / {1000 * cpu.get(g, 0) / max(total, 1):.1f}"
            for g in groups
        )
        + f"; the driver {1000 * driver_cpu / max(total, 1):.1f} ms CPU per request"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "motcua_bench_1m"))
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=60, help="seconds of P4 per run")
    parser.add_argument("--floor-duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rate", type=float, default=0, help="requests/s in all (0 = closed loop)")
    parser.add_argument("--instances", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--keep-stack", action="store_true")
    parser.add_argument("--try", dest="dry", action="store_true", help="each visit once, then stop")
    parser.add_argument("--max-load", type=float, default=1.0)
    parser.add_argument("--max-wait", type=float, default=60)
    args = parser.parse_args()

    import loadgen
    import mixed
    import stackprocs

    harness.ensure_database(args.db, args.dossiers)
    started_here = ensure_stack(args.db)
    env = stack_env()
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    import django

    django.setup()
    import day_samples
    from browser import Browser, Tally
    from scenarios import Request

    base = f"http://127.0.0.1:{LB_PORT}"
    floor = Floor(env)
    try:
        say("Reading samples and signing users in …")
        samples = day_samples.read()
        from django.db import connections

        connections.close_all()
        say(
            "  sessions: "
            + ", ".join(f"{k} {len(v)}" for k, v in samples["sessions"].items())
            + f"; online procedures {samples['online_procedures']}"
        )
        import random

        check = Tally()
        for visit in mixed.VISITS.values():
            b = Browser(base, check, source="127.0.0.1")
            if visit.actor:
                b.sign_in(samples["sessions"][visit.actor][0])
            visit.run(b, samples, random.Random(7))
            b.close()
        problems = [
            f"{k} {w} ×{n}" + (f" — {check.said[(k, w)]}" if check.said.get((k, w)) else "")
            for (k, w), n in check.errors.items()
        ]
        say(f"One visit of each kind: {check.requests()} requests, writes {dict(check.writes)}")
        if problems:
            say("  problems: " + "; ".join(problems))
        if args.dry:
            return
        floor.up()
        floor_id = harness._psql(args.db, "SELECT max(id) FROM dossiers_dossier")
        visits = mixed.visits_per_day()
        shares = mixed.proportions(visits, mixed.REQUESTS_PER_VISIT)
        say(
            "The day's visits (a day, share of requests): "
            + ", ".join(f"{k} {v:,.0f} ({shares[k]:.1%})" for k, v in visits.items())
            + f"; writes {mixed.write_share(visits, mixed.REQUESTS_PER_VISIT, mixed.WRITES_PER_VISIT):.1%}"
        )
        pg_admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        redis_port = int(env.get("REDIS_URL", "redis://127.0.0.1:6379").split(":")[2].split("/")[0])

        def groups():
            return stackprocs.stack_groups(RUN, pg_admin, args.db, redis_port)

        for n in args.instances:
            use_instances(RUN / "haproxy.sock", "motcua", n)
            use_instances(floor.sock, "motcua", n)
            quiet = harness.wait_quiet(args.max_load, args.max_wait)
            floor_result = loadgen.run(
                f"http://127.0.0.1:{FLOOR_PORT}",
                [Request(f"/pk/?id={floor_id}")],
                connections=args.connections,
                duration=args.floor_duration,
            )
            sampler = stackprocs.Sampler(groups)
            sampler.start()
            before = served(RUN / "haproxy.sock")
            cpu0 = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
            tally, seconds = mixed.drive(
                base, samples, connections=args.connections, duration=args.duration, rate=args.rate
            )
            driver_cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) - cpu0
            series = sampler.stop()
            report(n, tally, seconds, floor_result, series, quiet, driver_cpu)
            after = served(RUN / "haproxy.sock")
            say(
                "  answered by each instance (HAProxy): "
                + ", ".join(f"{k} {after[k] - before.get(k, 0)}" for k in sorted(after))
            )
        say("")
        say(
            f"(latencies in ms; load average now {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)"
        )
    finally:
        floor.down()
        with contextlib.suppress(OSError):
            use_instances(RUN / "haproxy.sock", "motcua", 2)
        if started_here and not args.keep_stack:
            subprocess.run(["tools/stack/stack.sh", "down"], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
