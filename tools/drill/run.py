"""Backup and restore drill (#19 item 5): `make drill`.

A PostgreSQL server of its own (Debian's PostgreSQL 15 binaries, initdb in /tmp/motcua-drill,
port 5499, run as the postgres user) with continuous WAL archiving (archive_timeout 30 s) and a
base backup (pg_basebackup); the file store (the local folder) copied every 5 s (rsync). The
demo province is loaded, a base backup taken, then dossiers are received with a file each,
continuously, until the primary is crashed (pg_ctl stop -m immediate) and its data directory
and store counted as lost. Restored onto a fresh data directory (the base backup, then every
archived WAL segment: point-in-time recovery to the latest) and a fresh store (the last copy),
then checked with ``manage.py consistency``. Measured: RPO (the writes lost: from the last
dossier acknowledged before the crash to the last one found in the restored database) and RTO
(from the start of the restore to the consistency check passed).

    .venv/bin/python tools/drill/run.py [--dossiers 600] [--write-seconds 75]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
WORK = Path("/tmp/motcua-drill")
PRIMARY, RESTORED = WORK / "primary", WORK / "restored"
ARCHIVE, BASE = WORK / "wal-archive", WORK / "base"
STORE, STORE_COPY, STORE_RESTORED = WORK / "store", WORK / "store-copy", WORK / "store-restored"
PORT, RESTORED_PORT = 5499, 5498
DB = "motcua_drill"


def say(text: str) -> None:
    print(f"drill: {text}", flush=True)


def as_postgres(*argv) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, argv)],
        check=True,
        capture_output=True,
        text=True,
    )


def environ(port: int, media: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "tools" / "faults"))
    from stack import integrations

    return (
        os.environ
        | integrations()
        | {
            "DEBUG": "false",
            "SECRET_KEY": "drill-" + "x" * 50,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/{DB}",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_COOKIES": "false",
            "MEDIA_ROOT": str(media),
            "VAR_DIR": str(WORK / "var"),
            "STORAGE_URL": "",
            "REDIS_URL": "",
            "CACHE_URL": "",
        }
    )


def manage(env, *args) -> str:
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def init_primary() -> None:
    if WORK.exists():
        for data in (PRIMARY, RESTORED):
            if (data / "postmaster.pid").exists():
                subprocess.run(
                    [
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        BIN / "pg_ctl",
                        "-D",
                        data,
                        "stop",
                        "-m",
                        "immediate",
                    ],
                    capture_output=True,
                )
        shutil.rmtree(WORK)
    for folder in (WORK, ARCHIVE, STORE, STORE_COPY, WORK / "var"):
        folder.mkdir(parents=True)
    shutil.chown(WORK, "postgres")
    shutil.chown(ARCHIVE, "postgres")
    as_postgres(BIN / "initdb", "-D", PRIMARY, "-U", "postgres", "--auth=trust", "-E", "UTF8")
    with open(PRIMARY / "postgresql.conf", "a") as conf:
        conf.write(
            f"\nport = {PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{WORK}'\n"
            "wal_level = replica\narchive_mode = on\n"
            f"archive_command = 'test ! -f {ARCHIVE}/%f && cp %p {ARCHIVE}/%f'\n"
            "archive_timeout = 30\nmax_wal_senders = 3\nfsync = on\n"
        )
    as_postgres(BIN / "pg_ctl", "-D", PRIMARY, "-l", WORK / "primary.log", "-w", "start")
    as_postgres(BIN / "createdb", "-h", "127.0.0.1", "-p", PORT, "-U", "postgres", DB)


class Writer:
    """Receives a dossier with one file every ``pause`` seconds in the primary, noting the
    moment each is acknowledged (its transaction committed)."""

    def __init__(self, pause: float = 0.5):
        self.pause, self.acked, self.stop = pause, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        from django.db import close_old_connections
        from writes import receive_one

        while not self.stop.is_set():
            try:
                code = receive_one()
                self.acked.append((time.time(), code))
            except Exception as error:  # the crash: the connection is gone
                if not self.stop.is_set():
                    say(f"write failed: {type(error).__name__}")
                close_old_connections()
            time.sleep(self.pause)


def store_copier(stop: threading.Event, every: float = 5.0) -> threading.Thread:
    def loop():
        while not stop.is_set():
            subprocess.run(["rsync", "-a", f"{STORE}/", f"{STORE_COPY}/"], check=False)
            stop.wait(every)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=600, help="the demo's dossiers")
    parser.add_argument("--write-seconds", type=float, default=75)
    args = parser.parse_args()
    timings = {}

    say(f"a PostgreSQL 15 server of its own on port {PORT}, WAL archived to {ARCHIVE}")
    init_primary()
    env = environ(PORT, STORE)
    started = time.monotonic()
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "demo", "--dossiers", str(args.dossiers), "--quiet")
    timings["load the demo province"] = time.monotonic() - started

    started = time.monotonic()
    as_postgres(
        BIN / "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        PORT,
        "-U",
        "postgres",
        "-D",
        BASE,
        "-X",
        "stream",
        "-c",
        "fast",
    )
    timings["base backup"] = time.monotonic() - started
    stop_copy = threading.Event()
    copier = store_copier(stop_copy)

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), min(received_at), max(received_at) FROM dossiers_dossier")
        count, first, last = cursor.fetchone()
        cursor.execute("SELECT pg_size_pretty(pg_database_size(%s))", [DB])
        size = cursor.fetchone()[0]
    say(f"demo province: {count} dossiers received {first:%Y-%m-%d} – {last:%Y-%m-%d}, {size}")

    say(f"writing a dossier with a file every 0.5 s for {args.write_seconds:.0f} s, then the crash")
    writer = Writer()
    writer.thread.start()
    time.sleep(args.write_seconds)
    crash = time.time()
    as_postgres(BIN / "pg_ctl", "-D", PRIMARY, "-m", "immediate", "stop")
    writer.stop.set()
    writer.thread.join(10)
    stop_copy.set()
    copier.join(30)
    connection.close()
    last_acked = max(t for t, _ in writer.acked)
    say(f"crashed; {len(writer.acked)} dossiers acknowledged after the base backup")

    # --- the restore: nothing of the primary is used but the base backup, the archive and the
    # store's copy ---
    restore_started = time.monotonic()
    started = time.monotonic()
    shutil.copytree(BASE, RESTORED)
    subprocess.run(["chown", "-R", "postgres", str(RESTORED)], check=True)
    os.chmod(RESTORED, 0o700)
    with open(RESTORED / "postgresql.conf", "a") as conf:
        conf.write(
            f"\nport = {RESTORED_PORT}\narchive_mode = off\n"
            f"restore_command = 'cp {ARCHIVE}/%f %p'\nrecovery_target_timeline = 'latest'\n"
        )
    (RESTORED / "recovery.signal").touch()
    subprocess.run(["chown", "postgres", str(RESTORED / "recovery.signal")], check=True)
    as_postgres(
        BIN / "pg_ctl", "-D", RESTORED, "-l", WORK / "restored.log", "-w", "-t", "600", "start"
    )
    # Recovery ends (promotion) when the archive has no further segment.
    env_restored = environ(RESTORED_PORT, STORE_RESTORED)
    import psycopg

    for _ in range(600):
        with psycopg.connect(f"postgres://postgres@127.0.0.1:{RESTORED_PORT}/{DB}") as conn:
            if not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                break
        time.sleep(0.5)
    timings["restore the database (base + WAL replay)"] = time.monotonic() - started
    started = time.monotonic()
    subprocess.run(["rsync", "-a", f"{STORE_COPY}/", f"{STORE_RESTORED}/"], check=True)
    timings["restore the store"] = time.monotonic() - started

    started = time.monotonic()
    with psycopg.connect(f"postgres://postgres@127.0.0.1:{RESTORED_PORT}/{DB}") as conn:
        codes = {c for (c,) in conn.execute("SELECT code FROM dossiers_dossier").fetchall()}
    found = [t for t, code in writer.acked if code in codes]
    last_found = max(found) if found else None
    lost = [code for _t, code in writer.acked if code not in codes]
    check = subprocess.run(
        [PY, "manage.py", "consistency"],
        cwd=ROOT,
        env=env_restored,
        capture_output=True,
        text=True,
    )
    timings["consistency check"] = time.monotonic() - started
    rto = time.monotonic() - restore_started
    rpo = last_acked - last_found if last_found else float("inf")

    print()
    print("| step | seconds |")
    print("|---|---|")
    for step, seconds in timings.items():
        print(f"| {step} | {seconds:.1f} |")
    print()
    print(
        f"- dossiers acknowledged after the base backup: {len(writer.acked)}; in the restored "
        f"database: {len(found)}; lost in the crash: {len(lost)}"
    )
    print(
        f"- **RPO** (last acknowledged → last restored write): {rpo:.1f} s (target ≤ 60 s; "
        f"archive_timeout 30 s)"
    )
    print(f"- crash → last acknowledged: {crash - last_acked:.1f} s")
    print(f"- **RTO** (restore started → consistency check passed): {rto:.1f} s (target ≤ 900 s)")
    print(f"- consistency check: exit {check.returncode}")
    for line in check.stdout.strip().splitlines():
        print(f"    {line}")
    if check.returncode:
        print(check.stderr[-2000:])
    as_postgres(BIN / "pg_ctl", "-D", RESTORED, "-m", "fast", "stop")


if __name__ == "__main__":
    main()
