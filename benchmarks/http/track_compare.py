"""The public tracking page's answers, to compare two versions of the code byte for byte (#18).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_hot \\
        .venv/bin/python benchmarks/http/track_compare.py --cache-url redis://127.0.0.1:6379/1N \\
        > /tmp/track-a.json
    (the same in the other tree) > /tmp/track-b.json; diff the two files.

Reads the database only (the page's own look-ups); the failed look-ups count in the cache given,
which is emptied first (use one of your own). Each variant, in Vietnamese and in English (the
switcher's cookie): a dossier found in each state and way of delivery the database holds, not
found, the wrong last 4 digits, invalid input, markup in the code, the empty form, the form with
a code from the receipt's QR, and an address over its limit (429). Prints a JSON list of the
status, the headers and the body of each answer, the CSRF token and cookie (and the
cookie's expiry date) replaced by a mark (new for every request by design); ``X-Request-ID`` is sent, so it is the same."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

import production  # noqa: E402  (beside this script)

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_COOKIE = re.compile(r"(csrftoken=)[A-Za-z0-9]+|(expires=)[^;]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache-url", required=True)
    args = parser.parse_args()
    production.start_django(args.cache_url)
    from django.core.cache import caches
    from django.test import Client

    from motcua.dossiers.models import Dossier

    for alias in caches:
        caches[alias].clear()
    found = []
    kinds = (
        Dossier.objects.values_list("status", "delivery").distinct().order_by("status", "delivery")
    )
    for status, delivery in kinds:
        dossier = (
            Dossier.objects.filter(status=status, delivery=delivery)
            .exclude(code="")
            .order_by("pk")
            .only("code", "applicant_phone", "applicant_id_number")
            .first()
        )
        last4 = (dossier.applicant_phone or dossier.applicant_id_number)[-4:]
        found.append((f"found {status} {delivery}", {"code": dossier.code, "last4": last4}))
    code = found[0][1]["code"]
    variants = [
        *found,
        (
            "found, lower case and spaces",
            {"code": f"  {code.lower()} ", "last4": found[0][1]["last4"]},
        ),
        ("not found", {"code": "000.00.00.X00-000000-0000", "last4": "1234"}),
        ("wrong last 4", {"code": code, "last4": "0000"}),
        ("invalid last 4", {"code": code, "last4": "12a"}),
        ("empty last 4", {"code": code, "last4": ""}),
        ("markup in the code", {"code": '<script>alert("x")</script>&amp;', "last4": "1234"}),
        ("the empty form", {}),
        ("the code from the QR", {"code": code}),
    ]
    answers = []
    for language in ("vi", "en"):
        for name, query in variants:
            client = Client(REMOTE_ADDR=f"10.0.{len(answers) // 250}.{len(answers) % 250 + 1}")
            if language == "en":
                client.cookies["django_language"] = "en"
            path = "/track/" + (f"?{urlencode(query)}" if query else "")
            answers.append(_answer(f"{language} {name}", client.get(path, headers=_HEADERS)))
        # The same address failing one code until it must wait.
        client = Client(REMOTE_ADDR=f"10.1.0.{1 if language == 'vi' else 2}")
        if language == "en":
            client.cookies["django_language"] = "en"
        path = "/track/?" + urlencode({"code": code, "last4": "0000"})
        for _ in range(6):
            response = client.get(path, headers=_HEADERS)
        answers.append(_answer(f"{language} rate-limited", response))
    json.dump(answers, sys.stdout, ensure_ascii=False, indent=1)
    print()
    print(f"{len(answers)} answers", file=sys.stderr)


_HEADERS = {"X-Request-ID": "compare-tracking-0001"}


def _mark(match) -> str:
    return f"{match.group(1) or match.group(2)}…"


def _answer(name: str, response) -> dict:
    headers = {key: _COOKIE.sub(_mark, value) for key, value in response.headers.items()}
    cookies = {
        key: _COOKIE.sub(_mark, morsel.OutputString()) for key, morsel in response.cookies.items()
    }
    return {
        "variant": name,
        "status": response.status_code,
        "headers": headers,
        "cookies": cookies,
        "body": _TOKEN.sub(r"\1…\2", response.content.decode()),
    }


if __name__ == "__main__":
    main()
