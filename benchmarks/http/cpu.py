"""CPU per request of one page, in-process (#18): the WSGI application called the way gunicorn
calls it, with production settings (``DEBUG=false``, Redis as the cache when ``CACHE_URL`` says
so), on the database of ``DATABASE_URL``. ``time.process_time()`` over ``--requests`` requests
(after a warm-up) counts this process's CPU only, so it moves much less than wall-clock time on
a loaded machine; ``--profile`` adds a cProfile of the same loop (slower: read its shares, not its
milliseconds).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_hot CACHE_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python benchmarks/http/cpu.py tracking --requests 2000 --profile 25

Pages: ``tracking`` (a dossier found by its code and last 4 digits, as the HTTP benchmark asks),
``tracking-miss`` (the same code with wrong digits: a failed look-up, counted against the
address, so each request comes from its own address and is never held back), ``tracking-form``
(the empty form, reached from the receipt's QR code with the code prefilled).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]


def _setup() -> None:
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_COOKIES", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "motcua.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _sample() -> tuple[str, str]:
    from motcua.dossiers.constants import Status
    from motcua.dossiers.models import Dossier

    # The benchmark's own choice (scenarios.samples): the newest filed dossier with a phone.
    row = (
        Dossier.objects.exclude(status=Status.DRAFT)
        .exclude(applicant_phone="")
        .order_by("-pk")
        .values("code", "applicant_phone")
        .first()
    )
    return row["code"], row["applicant_phone"][-4:]


def _queries(page: str) -> list[tuple[str, bool]]:
    """(query string, whether each request needs its own address) of ``page``."""
    code, last4 = _sample()
    wrong = f"{(int(last4) + 1) % 10000:04d}"
    return {
        "tracking": [(urlencode({"code": code, "last4": last4}), False)],
        "tracking-miss": [(urlencode({"code": code, "last4": wrong}), True)],
        "tracking-form": [(urlencode({"code": code}), False)],
    }[page]


def _environ(query: str, address: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/track/",
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": address,
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 10) cpu.py",
        "HTTP_ACCEPT": "text/html",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


class Driver:
    def __init__(self, page: str):
        from django.core.wsgi import get_wsgi_application

        self.app = get_wsgi_application()
        self.queries = _queries(page)
        self.n = 0
        self.statuses: dict[str, int] = {}
        self.size = 0

    def one(self) -> None:
        query, own_address = self.queries[self.n % len(self.queries)]
        self.n += 1
        address = f"10.{self.n // 65536 % 256}.{self.n // 256 % 256}.{self.n % 256}"
        environ = _environ(query, address if own_address else "127.0.0.1")
        seen = []

        def start_response(status, headers, exc_info=None):
            seen.append(status)

        body = self.app(environ, start_response)
        try:
            self.size = sum(len(chunk) for chunk in body)
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
        self.statuses[seen[0]] = self.statuses.get(seen[0], 0) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", choices=["tracking", "tracking-miss", "tracking-form"])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds; the best is kept")
    parser.add_argument("--profile", type=int, default=0, help="print the N heaviest functions")
    args = parser.parse_args()
    _setup()
    driver = Driver(args.page)
    for _ in range(200):
        driver.one()
    rounds = []
    for _ in range(args.rounds):
        started = time.process_time()
        for _ in range(args.requests):
            driver.one()
        rounds.append((time.process_time() - started) * 1000 / args.requests)
    print(
        f"{args.page}: CPU {min(rounds):.3f} ms/request (best of {args.rounds} rounds of "
        f"{args.requests}: {', '.join(f'{r:.3f}' for r in rounds)}); "
        f"statuses {driver.statuses}; body {driver.size} bytes"
    )
    if args.profile:
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.requests):
            driver.one()
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.profile)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats("tottime").print_stats(
            args.profile
        )
        print(out.getvalue())


if __name__ == "__main__":
    main()
