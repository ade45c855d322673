"""The application side of `make faults`: what a scenario's outcome holds, and what the
database and the store say afterwards (lost, duplicated, orphaned, stuck). The driver is a
Django process too, reading the stack's database."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import time
from dataclasses import dataclass, field

import requests
import stack as parts

BASE = f"http://127.0.0.1:{parts.LB}"


@dataclass
class Outcome:
    name: str
    fault: str
    acked: dict = field(default_factory=dict)  # key -> code
    answers: collections.Counter = field(default_factory=collections.Counter)
    tracebacks: int = 0
    recovery: float | None = None
    lost: int = 0
    duplicates: int = 0
    orphans: int = 0
    swept: int | None = None  # orphans left after the sweep
    stuck: int = 0
    note: str = ""
    seen: str = ""


# --- the application side, read from the database (the driver is a Django process too) ---


def django_setup(environ: dict) -> None:
    os.environ.update(environ)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def api_clients(count: int) -> tuple[list[str], str, dict]:
    """``count`` connected systems of the ward (each its own desk-officer account): their Basic
    credentials, the unit's code and a dossier body (procedure 2.000815 with one PDF)."""
    from benchmarks.http.scenarios import OFFICER, _api_samples
    from motcua.accounts.models import User

    officer = User.objects.get(username=OFFICER)
    basics, body = [], ""
    for _ in range(count):
        basic, body = _api_samples(officer)
        basics.append(basic)
    return basics, json.loads(body)["receiving_unit"], json.loads(body)


def token(basic: str, base: str = BASE) -> str:
    for _ in range(50):
        try:
            answer = requests.post(
                f"{base}/api/v1/oauth/token/",
                data={"grant_type": "client_credentials"},
                headers={"Authorization": basic},
                timeout=10,
            )
            if answer.status_code == 200:
                return "Bearer " + answer.json()["access_token"]
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("no token")


def dossiers_named(marker: str) -> collections.Counter:
    from django.db import close_old_connections

    from motcua.dossiers.models import Dossier

    close_old_connections()
    return collections.Counter(
        Dossier.objects.filter(applicant_name__startswith=marker).values_list(
            "applicant_name", flat=True
        )
    )


def codes_present(codes) -> set[str]:
    from motcua.dossiers.models import Dossier

    return set(Dossier.objects.filter(code__in=list(codes)).values_list("code", flat=True))


def orphans(disk: bool = False) -> set[str]:
    """Objects in the store (or files on the tmpfs) that no row names, and rows of files the
    API stored that no dossier uses."""
    from django.db import connection

    from motcua.documents.models import StoredFile

    names = set(StoredFile.objects.values_list("file", flat=True))
    if disk:
        stored = {str(p.relative_to(parts.DISK)) for p in parts.DISK.rglob("*") if p.is_file()}
        stored -= {"ballast"}
    else:
        client = parts.Stack.s3_client()
        stored = set()
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=parts.BUCKET):
            stored |= {o["Key"] for o in page.get("Contents", [])}
    stored = {n for n in stored if not n.startswith("health/")}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.file FROM documents_storedfile f WHERE f.uploaded_by_id IN "
            "(SELECT officer_id FROM api_apiclient) AND NOT EXISTS (SELECT 1 FROM "
            "dossiers_dossiercomponent_files c WHERE c.storedfile_id = f.id)"
        )
        unused_rows = {f"row:{name}" for (name,) in cursor.fetchall()}
    return (stored - names) | unused_rows


_ORPHANS_BEFORE: dict[bool, set[str]] = {}


def new_orphans(disk: bool = False) -> set[str]:
    """Orphans that were not there before the scenario (the demo's own are not counted)."""
    found = orphans(disk)
    before = _ORPHANS_BEFORE.get(disk, set())
    _ORPHANS_BEFORE[disk] = found
    return found - before


def sweep(disk: bool, found: set[str]) -> int:
    """The scheduler's hourly ``sweep_orphans`` run now, without its grace period; the orphans
    left after it."""
    environ = dict(os.environ)
    if disk:
        environ.pop("STORAGE_URL", None)
        environ["MEDIA_ROOT"] = str(parts.DISK)
    subprocess.run(
        [parts.PY, "manage.py", "sweep_orphans", "--grace", "0"],
        cwd=parts.ROOT,
        env=environ,
        check=True,
        capture_output=True,
    )
    remaining = orphans(disk)
    _ORPHANS_BEFORE[disk] = remaining
    return len(found & remaining)


def stuck_tasks(settle: float = 25.0) -> int:
    """Tasks still RUNNING or due after ``settle`` seconds without load (the scheduler's
    re-queue of lapsed leases runs meanwhile, as the stack's does every minute)."""
    from django.db import close_old_connections
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from motcua.siteadmin import leases

    deadline = time.monotonic() + settle
    while True:
        close_old_connections()
        leases.requeue_stuck()
        pending = (
            DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.RUNNING, TaskResultStatus.READY],
                run_after__lte=timezone.now(),
            ).count()
            + DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()
        )
        if pending == 0 or time.monotonic() > deadline:
            return pending
        time.sleep(1)


def check(outcome: Outcome, *, disk: bool = False, settle: float = 25) -> Outcome:
    present = codes_present(outcome.acked.values())
    outcome.lost = len(set(outcome.acked.values()) - present)
    names = dossiers_named(f"Thử lỗi fault-{outcome.name}-")
    outcome.duplicates = sum(n - 1 for n in names.values() if n > 1)
    found = new_orphans(disk=disk)
    outcome.orphans = len(found)
    if found:
        outcome.note += f"; orphans: {', '.join(sorted(found)[:2])}"
        outcome.swept = sweep(disk, found)
    outcome.stuck = stuck_tasks(settle)
    errors = [f"{n}× {a}" for a, n in outcome.answers.most_common() if not a.startswith("201")]
    outcome.seen = "; ".join(errors[:3]) or "only 201"
    if outcome.tracebacks:
        outcome.seen += f" — {outcome.tracebacks} with a traceback!"
    return outcome
