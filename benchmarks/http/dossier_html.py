"""The officer's dossier page as HTML, for many officers and dossiers, to hold a change to the same
output byte for byte (#18): run it with the tree before and the tree after into two folders, then
``diff -r`` them.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_hot \\
        .venv/bin/python benchmarks/http/dossier_html.py OUT_DIR [--per-kind 3] [--officers 2]

Production settings, as ``cpu.py``. Officers of each role with an active membership (``--officers``
of each), each reading ``--per-kind`` dossiers they may see of each state and of each optional
part (transfers, results, pauses, supplement requests, re-appointments, fee lines,
notifications), the first of them in English too. Time stands still at one moment and
everything runs in one transaction rolled back at the end: the sessions, second-factor devices
and audit rows the reads make are not kept. The CSRF tokens and the action forms' idempotency
keys (new on every drawing) are replaced by a placeholder; the benchmark's connected systems in the
assignment list are left out (each benchmark run adds one)."""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import production  # noqa: E402  (beside this script)

MOMENT = datetime.datetime(2026, 12, 8, 2, 30, 17, tzinfo=datetime.UTC)
PARTS = ("transfers", "results", "pauses", "supplement_requests", "reappointments", "fees")
VARYING = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1-"),
    (re.compile(r'(name="idempotency_key" value=")[^"]*'), r"\1-"),
    # The connected systems' accounts ``cpu.py`` and ``scenarios.samples`` make on each run
    # (other runs may make one between the two dumps): officers the work can be handed to.
    (re.compile(r'<option value="[0-9]+">Benchmark: [^<]*</option>'), ""),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-kind", type=int, default=3)
    parser.add_argument("--officers", type=int, default=2)
    parser.add_argument("--cache-url", default=os.environ.get("CPU_CACHE_URL", ""))
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL: a PostgreSQL database with data")
    production.start_django(args.cache_url)
    import time_machine
    from django.conf import settings
    from django.db import transaction

    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    with time_machine.travel(MOMENT, tick=False), transaction.atomic():
        for officer, codes in _sample(args.officers, args.per_kind):
            client = _client(officer)
            for i, code in enumerate(codes):
                for language in ("vi", "en") if i == 0 else ("vi",):
                    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                    html = _page(client, code)
                    name = f"{officer.username}-{code}-{language}.html"
                    (args.out / name).write_text(html)
                    written += 1
        transaction.set_rollback(True)
    print(f"{written} pages in {args.out}")


def _sample(officers_per_role: int, per_kind: int):
    """(officer, [dossier codes]) of each role, the same on every run of one database."""
    from motcua.accounts.models import User
    from motcua.agencies.constants import Role
    from motcua.agencies.models import Membership
    from motcua.dossiers.access import visible_to
    from motcua.dossiers.constants import Status

    for role in Role:
        user_ids = list(
            Membership.objects.filter(role=role, user__is_active=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()[:officers_per_role]
        )
        for officer in User.objects.filter(pk__in=user_ids).order_by("pk"):
            visible = visible_to(officer).order_by("-pk")
            codes: list[str] = []
            for status in Status:
                codes += visible.filter(status=status).values_list("code", flat=True)[:per_kind]
            for part in PARTS:
                found = visible.filter(**{f"{part}__isnull": False}).distinct()
                codes += found.values_list("code", flat=True)[:per_kind]
            codes = list(dict.fromkeys(codes))
            if codes:
                yield officer, codes


def _client(officer):
    from django.test import Client
    from scenarios import _second_factor_verified

    client = Client()
    client.force_login(officer)
    _second_factor_verified(client, officer)
    return client


def _page(client, code: str) -> str:
    response = client.get(f"/backoffice/dossiers/{code}/")
    html = f"status {response.status_code}\n" + response.content.decode()
    for pattern, placeholder in VARYING:
        html = pattern.sub(placeholder, html)
    return html


if __name__ == "__main__":
    main()
