"""Faults, with nothing lost (#19 item 4): `make faults`.

Starts a small production stack (tools/faults/stack.py), then runs each scenario under load —
threads filing complete dossiers with a PDF through the API at the balancer, each with its own
Idempotency-Key, retried with the same key until acknowledged (201) as a client must — injects
the fault a few seconds in, ends it, and counts: acknowledged dossiers missing from the
database (lost), dossiers received twice for one key (duplicates), seconds from the part's
return to the first acknowledged new dossier (recovery; nothing is restarted by the drill
except the part itself), objects in the store no row names and rows no dossier uses (orphans),
tasks left RUNNING or waiting (stuck), and what the clients were answered while it lasted.
Then N officers act on one dossier at once, and 50 creators file at one unit at once.

    .venv/bin/python tools/faults/run.py [--fresh] [--only web worker ...] [--seconds 12]
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import stack as parts
from ledger import (
    BASE,
    Outcome,
    api_clients,
    check,
    django_setup,
    new_orphans,
    stuck_tasks,
    token,
)
from load import Load

# --- the scenarios ---


def run_fault(stack, name, fault, inject, restore, bearer, body, seconds, threads=4, **kw):
    outcome = Outcome(name, fault)
    with Load(outcome, bearer, body, threads, base=kw.get("base", BASE)) as load:
        time.sleep(seconds / 3)
        inject(outcome)
        time.sleep(seconds / 3)
        back = time.monotonic()
        restore(outcome)
        outcome.recovery = load.recovered_after(back)
        time.sleep(seconds / 3)
    print(f"  {name}: done", flush=True)
    return check(outcome, disk=kw.get("disk", False))


def scenario_web(stack, bearer, body, seconds):
    def inject(outcome):
        master = stack.procs["web1"].pid
        children = subprocess.run(
            ["pgrep", "-P", str(master)], capture_output=True, text=True
        ).stdout.split()
        for pid in children:
            os.kill(int(pid), signal.SIGKILL)
        outcome.note = (
            f"kill -9 of web1's {len(children)} worker processes mid-load; its master respawns them"
        )

    return run_fault(
        stack, "web", "kill -9 web processes", inject, lambda o: None, bearer, body, seconds
    )


def scenario_worker(stack, bearer, body, seconds):
    from django.db import close_old_connections
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    state = {}

    def inject(outcome):
        deadline = time.monotonic() + 10
        running = None
        while time.monotonic() < deadline and running is None:
            close_old_connections()
            running = (
                DBTaskResult.objects.filter(
                    status=TaskResultStatus.RUNNING, worker_ids__contains=["faults-w1"]
                )
                .values_list("pk", flat=True)
                .first()
            )
            if running is None:
                time.sleep(0.005)
        stack.kill("worker1")
        state["task"], state["at"] = running, time.monotonic()
        outcome.note = (
            f"kill -9 of worker1 while it ran task {str(running)[:8]}; worker2 goes on, the "
            f"lapsed lease (8 s here) puts the task back"
            if running
            else "kill -9 of worker1 (no task caught running at that instant)"
        )

    def restore(outcome):
        pass

    outcome = run_fault(
        stack, "worker", "kill -9 a task worker mid-task", inject, restore, bearer, body, seconds
    )
    if state.get("task"):
        task = DBTaskResult.objects.get(pk=state["task"])
        if task.finished_at:
            outcome.note += f"; the task finished (by {task.worker_ids[-1]}) {task.status.lower()}"
    stack.worker(1)  # back for the next scenarios
    return outcome


def scenario_database(stack, bearer, body, seconds):
    import psycopg

    def terminate(outcome):
        total = 0
        with psycopg.connect(f"{parts.PG}/postgres", autocommit=True) as conn:
            for _ in range(3):
                total += len(
                    conn.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> pg_backend_pid()",
                        [parts.DB],
                    ).fetchall()
                )
                time.sleep(1)
        outcome.note = f"{total} connections terminated (pg_terminate_backend, 3 times 1 s apart)"
        from django.db import connection

        connection.close()

    return run_fault(
        stack,
        "database",
        "every DB connection terminated",
        terminate,
        lambda o: None,
        bearer,
        body,
        seconds,
    )


def scenario_redis(stack, bearer, body, seconds):
    def down(outcome):
        stack.kill("redis")
        outcome.note = "kill -9 of redis-server for the middle third; restarted empty"

    def up(outcome):
        stack.redis()

    return run_fault(stack, "redis", "Redis down", down, up, bearer, body, seconds)


def scenario_s3(stack, bearer, body, seconds):
    def down(outcome):
        stack.kill("s3relay")
        outcome.note = (
            "the store unreachable (its relay killed: connection refused) for the middle third"
        )

    def up(outcome):
        stack.s3_relay()

    return run_fault(stack, "s3", "S3 store down during uploads", down, up, bearer, body, seconds)


def scenario_disk(stack, bearer_for, body, seconds):
    stack.disk_web()
    new_orphans(disk=True)
    base = f"http://127.0.0.1:{parts.DISK_WEB}"
    bearer = bearer_for(base)
    ballast = parts.DISK / "ballast"

    def fill(outcome):
        free = os.statvfs(parts.DISK)
        room = free.f_bavail * free.f_frsize
        with open(ballast, "wb") as handle, contextlib.suppress(OSError):
            handle.write(b"\0" * max(room - 8192, 0))
        outcome.note = "uploads on a 2 MB tmpfs, filled by a ballast file for the middle third"

    def free(outcome):
        ballast.unlink(missing_ok=True)

    try:
        return run_fault(
            stack,
            "disk",
            "disk full for uploads",
            fill,
            free,
            bearer,
            body,
            seconds,
            base=base,
            disk=True,
        )
    finally:
        stack.kill("diskweb", signal.SIGTERM)


def scenario_failing_task(stack, seconds):
    from django.db import close_old_connections
    from django_tasks.base import TaskResultStatus

    from motcua.operations.drills import always_fails

    outcome = Outcome("failing-task", "a task that always fails")
    results = [always_fails.enqueue(f"drill {n}") for n in range(3)]
    started = time.monotonic()
    while time.monotonic() - started < 30:
        close_old_connections()
        from django_tasks_db.models import DBTaskResult

        statuses = list(
            DBTaskResult.objects.filter(pk__in=[r.id for r in results]).values_list(
                "status", flat=True
            )
        )
        if all(s == TaskResultStatus.FAILED for s in statuses):
            break
        time.sleep(0.5)
    outcome.recovery = None
    metrics = requests.get(f"{BASE}/metrics", timeout=10).text
    line = next(
        (x for x in metrics.splitlines() if x.startswith('motcua_dead_letters{kind="tasks"}')), ""
    )
    outcome.note = f"3 enqueued, {statuses.count(TaskResultStatus.FAILED)} FAILED after {time.monotonic() - started:.1f} s; /metrics: {line}"
    outcome.seen = (
        'the administrators: motcua_dead_letters{kind="tasks"} and the admin\'s task list'
    )
    outcome.stuck = stuck_tasks(5)
    outcome.orphans = len(new_orphans())
    return outcome


def scenario_officers(basics, body, n=8):
    """N desk officers hand the same received dossier over at the same instant."""
    bearers = [token(b) for b in basics[:n]]
    created = requests.post(
        f"{BASE}/api/v1/dossiers/",
        json=dict(body, applicant=dict(body["applicant"], name="Thử lỗi cùng lúc")),
        headers={"Authorization": bearers[0]},
        timeout=30,
    ).json()
    code, gate, answers = created["code"], threading.Barrier(n), []

    def act(bearer):
        gate.wait()
        answer = requests.post(
            f"{BASE}/api/v1/dossiers/{code}/actions/assign/",
            json={"note": "giao xử lý"},
            headers={"Authorization": bearer, "If-Match": '"1"'},
            timeout=30,
        )
        answers.append(answer.status_code)

    threads = [threading.Thread(target=act, args=(b,)) for b in bearers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    from motcua.dossiers.models import Event

    events = Event.objects.filter(dossier__code=code, action="assign").count()
    return collections.Counter(answers), events


def scenario_codes(bearer, body, n=50):
    gate, answers, codes = threading.Barrier(n), collections.Counter(), []

    def create(index):
        key = f"fault-codes-{uuid.uuid4().hex[:12]}"
        gate.wait()
        for _ in range(40):
            try:
                answer = requests.post(
                    f"{BASE}/api/v1/dossiers/",
                    json=dict(body, applicant=dict(body["applicant"], name=f"Thử lỗi {key}")),
                    headers={"Authorization": bearer, "Idempotency-Key": key},
                    timeout=60,
                )
            except requests.RequestException:
                answers["no answer"] += 1
                continue
            answers[answer.status_code] += 1
            if answer.status_code == 201:
                codes.append(answer.json()["code"])
                return
            time.sleep(float(answer.headers.get("Retry-After", "0.5")))

    threads = [threading.Thread(target=create, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers, codes


# --- the table ---


def table(outcomes: list[Outcome]) -> str:
    rows = [
        "| scenario | fault | acknowledged | lost | duplicates | recovery after the part returns | orphaned files | stuck tasks | what the clients saw |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        recovery = "—" if o.recovery is None else f"{o.recovery:.1f} s"
        orphaned = f"{o.orphans}" if o.swept is None else f"{o.orphans} → {o.swept} after the sweep"
        rows.append(
            f"| {o.name} | {o.fault} | {len(o.acked)} | {o.lost} | {o.duplicates} | {recovery} | "
            f"{orphaned} | {o.stuck} | {o.seen} |"
        )
    notes = [f"- **{o.name}**: {o.note}" for o in outcomes if o.note]
    return "\n".join([*rows, "", *notes])


SCENARIOS = ["web", "worker", "database", "redis", "s3", "disk", "failing-task", "concurrency"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="recreate the database")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS)
    parser.add_argument("--seconds", type=float, default=12, help="load per scenario")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="leave the stack running")
    args = parser.parse_args()
    chosen = args.only or SCENARIOS
    stack = parts.Stack()
    try:
        print("faults: starting the stack (var/faults/)", flush=True)
        stack.up(args.fresh)
        django_setup(stack.env)
        basics, _unit, body = api_clients(8)
        new_orphans()  # what the store holds before: not the scenarios' doing
        bearer = token(basics[0])
        outcomes = []
        common = (bearer, body, args.seconds)
        for name, run in [
            ("web", scenario_web),
            ("worker", scenario_worker),
            ("database", scenario_database),
            ("redis", scenario_redis),
            ("s3", scenario_s3),
        ]:
            if name in chosen:
                print(f"faults: {name}", flush=True)
                outcomes.append(run(stack, *common))
        if "disk" in chosen:
            print("faults: disk", flush=True)
            outcomes.append(
                scenario_disk(stack, lambda base: token(basics[1], base), body, args.seconds)
            )
        if "failing-task" in chosen:
            print("faults: failing-task", flush=True)
            outcomes.append(scenario_failing_task(stack, args.seconds))
        print()
        print(table(outcomes))
        if "concurrency" in chosen:
            answers, events = scenario_officers(basics, body)
            print(
                f'\n- **8 officers, one dossier, one instant** (assign with If-Match "1"): '
                f"answers {dict(sorted(answers.items()))}; assign events recorded: {events}"
            )
            answers, codes = scenario_codes(token(basics[2]), body)
            print(
                f"- **50 creators, one unit, one instant**: answers {dict(sorted(answers.items()))}; "
                f"{len(codes)} dossiers, {len(set(codes))} distinct codes"
            )
    finally:
        if not args.keep:
            stack.stop_all()


if __name__ == "__main__":
    main()
