"""How much the audit trail's hash chain serializes writers on PostgreSQL.

Each of THREADS writers runs ROUNDS transactions: insert one audit row, then WORK_MS of other
work (a dossier action's remaining queries), then commit. Three ways:

- ``deferred``: as shipped; the seal runs at COMMIT, so the chain's lock is held only then;
- ``immediate``: the seal at the insert (SET CONSTRAINTS ... IMMEDIATE), lock held for the work;
- ``none``: the seal trigger disabled, the floor.

Needs a migrated PostgreSQL database whose name contains "bench" (it adds rows, and the "none"
run leaves unsealed rows that ``audit verify`` then reports); skips with a message otherwise:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \
        .venv/bin/python benchmarks/bench_audit_chain.py
"""

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402

from motcua.audit import services  # noqa: E402

THREADS, ROUNDS, WORK_MS = 8, 25, 20


def writer(mode: str) -> None:
    try:
        for _ in range(ROUNDS):
            with transaction.atomic():
                if mode == "immediate":
                    connection.cursor().execute("SET CONSTRAINTS audit_seal IMMEDIATE")
                services.note_session(None, "sign_in_failed", "benchmark", username="b")
                time.sleep(WORK_MS / 1000)
    finally:
        connections.close_all()


def run(mode: str) -> float:
    with connection.cursor() as cursor:
        state = "DISABLE" if mode == "none" else "ENABLE"
        cursor.execute(f"ALTER TABLE audit_auditentry {state} TRIGGER audit_seal")
    threads = [threading.Thread(target=writer, args=(mode,)) for _ in range(THREADS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def main() -> None:
    name = connection.settings_dict["NAME"] or ""
    if connection.vendor != "postgresql" or "bench" not in name:
        print("skipped: needs a PostgreSQL database whose name contains 'bench'")
        return
    try:
        for mode in ("none", "deferred", "immediate"):
            seconds = run(mode)
            rate = THREADS * ROUNDS / seconds
            print(f"{mode:>9}: {THREADS}x{ROUNDS} transactions in {seconds:.2f} s, {rate:.0f}/s")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_seal")


if __name__ == "__main__":
    main()
