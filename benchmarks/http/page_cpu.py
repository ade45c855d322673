"""CPU per request of one signed-in page, in-process: the figure to compare before and after a
change on a shared, loaded machine (wall-clock through a server is too noisy for that).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_hot \\
        .venv/bin/python benchmarks/http/page_cpu.py [--path /backoffice/dossiers/<code>/]
        [--user xuanhuong.motcua] [--requests 200] [--profile 40]

Production settings (DEBUG off, the cached template loader, hashed static names: static files
are collected into a temporary folder first). The user's session is a signed cookie made here,
marked verified by a second factor, so nothing is written to the database but what the page
itself writes (its audit row). Without ``--path``, the benchmark's dossier: the officer's open
dossier with the most history (as ``scenarios.samples`` picks it, read only).

Prints the median and the 90th percentile of ``time.process_time()`` per request (after a
warm-up of 20), the queries of one request, and with ``--profile N`` the heaviest functions of
N requests under cProfile timed by CPU (cumulative and own time)."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))


def _settings_env(static_root: str) -> None:
    os.environ.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "testserver",
            "SECURE_COOKIES": "false",
            "STATIC_ROOT": static_root,
            "DJANGO_SETTINGS_MODULE": "motcua.settings",
        }
    )


def _richest_open_dossier(user) -> str:
    from django.db.models import Count, Q

    from motcua.backoffice import selectors
    from motcua.dossiers.constants import TERMINAL

    return (
        selectors.Reader(user)
        .visible.exclude(status__in=TERMINAL)
        .annotate(
            n_events=Count("events", distinct=True),
            n_docs=Count("components", distinct=True, filter=Q(components__files__isnull=False)),
        )
        .order_by("-n_events", "-n_docs", "pk")
        .values_list("code", flat=True)
        .first()
    )


def _signed_in_client(user):
    """A test client whose session (a signed cookie: no row written) holds ``user``, verified
    by a second factor."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # The session names a device; the middleware trusts the session (device removal signs out).
    session[DEVICE_ID_SESSION_KEY] = "otp_totp.totpdevice/0"
    session.save()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", default="")
    parser.add_argument("--user", default="xuanhuong.motcua")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="requests profiled (0: none)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--filter", default="", help="only functions whose path matches")
    args = parser.parse_args()

    static_root = str(Path(tempfile.gettempdir()) / "motcua-page-cpu-static")
    _settings_env(static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        check=True,
    )
    import django

    django.setup()
    from django.db import connection

    from motcua.accounts.models import User

    user = User.objects.get(username=args.user)
    path = args.path or f"/backoffice/dossiers/{_richest_open_dossier(user)}/"
    client = _signed_in_client(user)

    def get():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    for _ in range(20):
        get()
    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        size = len(get().content)
    spent = []
    for _ in range(args.requests):
        started = time.process_time()
        get()
        spent.append((time.process_time() - started) * 1000)
    spent.sort()
    print(
        f"{path}: {len(queries)} queries, {size:,} bytes; CPU per request "
        f"over {args.requests}: median {statistics.median(spent):.1f} ms, "
        f"p90 {spent[int(len(spent) * 0.9)]:.1f} ms, min {spent[0]:.1f} ms"
    )
    if args.profile:
        profile = cProfile.Profile(time.process_time)  # CPU, not waits
        profile.enable()
        for _ in range(args.profile):
            get()
        profile.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).sort_stats(order)
            stats.print_stats(args.filter or "", args.top) if args.filter else stats.print_stats(
                args.top
            )
            print(f"--- {args.profile} requests, by {order} ---")
            print(out.getvalue().split("\n", 6)[-1].rstrip())


if __name__ == "__main__":
    main()
