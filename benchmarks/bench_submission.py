"""Online submission on PostgreSQL: the queries of each step of the portal's flow (start →
applicant → documents → delivery → submit; statements and transaction markers apart),
`submit_online` alone in-process (p50/p95), the whole flow in one process and in two (each with
its own connection), and how often a backend waited on a lock meanwhile (pg_stat_activity
sampled by a third connection).

Run with `python benchmarks/bench_submission.py [--flows 150] [--store 400]`. It needs a
PostgreSQL server: DATABASE_URL names a database whose name contains `bench` (default
postgres://postgres@127.0.0.1:5432/motcua_bench_submit), created and migrated when missing; it
writes its own small catalogue, desk and citizens and leaves them there. Prints figures, never
fails; without PostgreSQL it says so and stops. Sessions are what the environment configures:
with REDIS_URL set (a Redis database of your own), production's `cached_db`; without it, the
database's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench_submit")
os.environ.setdefault("MEDIA_ROOT", "/tmp/motcua_bench_submit_media")  # noqa: S108


def _setup():
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's response.context, and ALLOWED_HOSTS


def _ensure_database() -> bool:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        print("bench_submission needs PostgreSQL (DATABASE_URL); skipped.")
        return False
    if "bench" not in db["NAME"]:
        print(f"Refusing database {db['NAME']!r}: its name must contain 'bench'.")
        return False
    admin = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
            ).fetchone():
                conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
    except psycopg.OperationalError as error:
        print(f"No PostgreSQL ({error}); skipped.")
        return False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return True


def _fixtures(store_size: int):
    """The test catalogue's procedure, one commune desk, two citizens (one per process) and a
    data store of ``store_size`` files for the first."""
    import datetime

    from motcua.accounts.models import User
    from motcua.accounts.tests.factories import make_citizen
    from motcua.agencies.constants import Level
    from motcua.agencies.models import Agency
    from motcua.agencies.tests.factories import make_agency
    from motcua.catalog import selectors as catalog
    from motcua.catalog import services as catalog_services
    from motcua.documents.models import StoredFile
    from motcua.documents.services import store_file
    from motcua.dossiers.tests.conftest import CATALOGUE

    if catalog.published_version_on("9.000001") is None:
        catalog_services.import_catalogue(CATALOGUE)
    version = catalog.published_version_on("9.000001")
    unit = Agency.objects.filter(code="000.00.31.H99").first()
    if unit is None:
        since = datetime.date(1990, 1, 1)
        province = make_agency(
            "Tỉnh Thử Nghiệm", level=Level.PROVINCE, code="000.00.00.H99", valid_from=since
        )
        unit = make_agency(
            "Xã Thử X", parent=province, code="000.00.31.H99", runs_one_stop_desk=True
        )
    citizens = []
    for n, name in enumerate(["Nguyễn Văn An", "Lê Thị Bích"]):
        email = f"bench{n}@submit.motcua.invalid"
        user = User.objects.filter(email=email).first() or make_citizen(name, email=email)
        citizens.append(user)
    have = StoredFile.objects.filter(owner=citizens[0]).count()
    for k in range(have, store_size):
        store_file(
            b"%PDF-1.4 store " + str(k).encode(),
            name=f"giay-to-{k}.pdf",
            content_type="application/pdf",
            uploaded_by=citizens[0],
            owner=citizens[0],
        )
    return version, unit, [c.pk for c in citizens]


def _client(user_id):
    from django.test import Client

    from motcua.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client


def _flow(client, version, unit, picks=None):
    from motcua.portal.tests.flow import run_flow

    return run_flow(client, version, receiving_unit=unit, resolving_agency=unit, picks=picks)


def _queries(version, unit, citizen_id):
    from django.db import connection

    from motcua.documents.models import StoredFile

    client = _client(citizen_id)
    _flow(client, version, unit)  # warm: calendars, caches
    with _debug(connection):
        result = _flow(client, version, unit)
        print(
            "Statements per step (uploads):",
            result.queries,
            "total",
            result.total,
            "; transaction markers (BEGIN, COMMIT):",
            result.markers,
            "total",
            result.total_markers,
        )
        picks = {}
        files = StoredFile.objects.filter(owner_id=citizen_id).order_by("pk")
        for component, stored in zip(version.components.all(), files, strict=False):
            picks[component.pk] = stored.pk
        result = _flow(client, version, unit, picks)
        count = StoredFile.objects.filter(owner_id=citizen_id).count()
        print(
            f"Statements per step (picked from a data store of {count} files):",
            result.queries,
            "total",
            result.total,
            "; transaction markers:",
            result.markers,
            "total",
            result.total_markers,
        )


class _debug:
    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.old = self.connection.force_debug_cursor
        self.connection.force_debug_cursor = True

    def __exit__(self, *exc):
        self.connection.force_debug_cursor = self.old


def _submit_timing(version, unit, citizen_id, runs: int):
    from motcua.accounts.models import User
    from motcua.documents.services import store_file
    from motcua.dossiers import services
    from motcua.dossiers.services import ComponentInput

    user = User.objects.get(pk=citizen_id)
    paper = store_file(
        b"%PDF-1.4 timing",
        name="to-khai.pdf",
        content_type="application/pdf",
        uploaded_by=user,
        owner=user,
    )
    components = [
        ComponentInput(name=c.name, component=c, files=[paper]) for c in version.components.all()
    ]
    times, cpu = [], []
    for _ in range(runs + 5):
        user = User.objects.get(pk=citizen_id)  # a request's fresh user
        start, start_cpu = time.perf_counter(), time.process_time()
        services.submit_online(
            actor=user,
            procedure_version=version,
            receiving_unit=unit,
            resolving_agency=unit,
            components=components,
            form_data={"fields": {"request": "Cấp giấy", "copies": 1}},
        )
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    for label, values in (("wall", times), ("CPU of this process", cpu)):
        values = sorted(values[5:])
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"submit_online in-process, {label} ({runs} runs): "
            f"p50 {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
        )


def _worker(args):
    citizen_id, flows, start_at = args
    _setup()
    from motcua.agencies.models import Agency
    from motcua.catalog import selectors as catalog

    version = catalog.published_version_on("9.000001")
    unit = Agency.objects.get(code="000.00.31.H99")
    client = _client(citizen_id)
    _flow(client, version, unit)  # warm
    while time.time() < start_at:
        time.sleep(0.001)
    began = time.perf_counter()
    for _ in range(flows):
        _flow(client, version, unit)
    return time.perf_counter() - began


class _LockSampler(threading.Thread):
    """Every 2 ms: how many of the benchmark database's backends wait on a lock."""

    def __init__(self, dsn, dbname):
        super().__init__(daemon=True)
        self.dsn, self.dbname = dsn, dbname
        self.samples = self.waiting = self.active = 0
        self.stop = threading.Event()

    def run(self):
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self.stop.is_set():
                rows = conn.execute(
                    "SELECT wait_event_type, state FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [self.dbname],
                ).fetchall()
                self.samples += 1
                self.waiting += sum(1 for kind, _state in rows if kind == "Lock")
                self.active += sum(1 for _kind, state in rows if state != "idle")
                time.sleep(0.002)


def _throughput(citizen_ids, flows: int, processes: int):
    from django.conf import settings

    db = settings.DATABASES["default"]
    dsn = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname={db['NAME']}"
    sampler = _LockSampler(dsn, db["NAME"])
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        start_at = time.time() + 8  # every worker set up and warmed by then
        jobs = [(citizen_ids[i % len(citizen_ids)], flows, start_at) for i in range(processes)]
        pending = pool.map_async(_worker, jobs)
        while time.time() < start_at:
            time.sleep(0.01)
        sampler.start()
        elapsed = pending.get()
        sampler.stop.set()
    sampler.join()
    rate = processes * flows / max(elapsed)
    share = sampler.waiting / max(sampler.active, 1)
    print(
        f"{processes} process(es): {rate:.1f} flows/s ({processes * flows} flows); "
        f"backends waiting on a lock in {100 * share:.1f} % of active-backend samples "
        f"({sampler.samples} samples)"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=150, help="flows per process")
    parser.add_argument("--store", type=int, default=400, help="files in the data store")
    parser.add_argument("--runs", type=int, default=200, help="submit_online timings")
    options = parser.parse_args()
    _setup()
    if not _ensure_database():
        return
    print(f"load average before: {os.getloadavg()}")
    version, unit, citizens = _fixtures(options.store)
    _queries(version, unit, citizens[0])
    _submit_timing(version, unit, citizens[1], options.runs)
    one = _throughput(citizens, options.flows, 1)
    two = _throughput(citizens, options.flows, 2)
    print(f"two processes / one: {two / one:.2f}×")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
