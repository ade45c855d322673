"""The deterministic part of the benchmark: each scenario's queries, counted in-process through
Django's test client (``CaptureQueriesContext``), and a short profile of where a request's time
goes (SQL, template rendering, the rest; the heaviest functions of ours)."""

from __future__ import annotations

import cProfile
import pstats
import time
from collections import Counter
from dataclasses import dataclass

PROFILE_REPEAT = 20


@dataclass
class Counted:
    queries: int
    tables: str  # "dossiers_dossier×2, …": what the queries read, most first
    ms: float
    sql_ms: float
    template_ms: float
    top: list[str]


def _client(cookie: str):
    from django.test import Client

    client = Client()
    if cookie:
        name, _sep, value = cookie.partition("=")
        client.cookies[name] = value
    return client


def _send(client, request):
    if request.method == "GET":
        return client.get(request.path, headers=request.headers)
    headers = dict(request.headers)
    content_type = headers.pop("Content-Type", "application/x-www-form-urlencoded")
    return client.post(request.path, data=request.body, content_type=content_type, headers=headers)


def _table(sql: str) -> str:
    words = sql.replace('"', "").split()
    for i, word in enumerate(words):
        if word.upper() in ("FROM", "INTO", "UPDATE") and i + 1 < len(words):
            return f"{word.upper() if word.upper() != 'FROM' else ''}{words[i + 1]}".strip()
    return words[0] if words else "?"


def measure(scenario, samples) -> Counted:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    requests = scenario.requests(samples)
    cookie = samples.get(scenario.signed_in, "") if scenario.signed_in else ""
    client = _client(cookie)
    for r in requests:  # warm-up: templates compiled, connection open
        _send(client, r)
    with CaptureQueriesContext(connection) as captured:
        for r in requests:
            response = _send(client, r)
            # A page read must answer 200 (a 302 there is a lost session sent to the sign-in).
            expected = (200,) if r.method == "GET" else (200, 201, 302)
            if response.status_code not in expected:
                raise RuntimeError(f"{scenario.name}: {r.path} answered {response.status_code}")
    tables = Counter(_table(q["sql"]) for q in captured.captured_queries)
    profile = cProfile.Profile()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as timed:
        profile.enable()
        for _ in range(PROFILE_REPEAT):
            for r in requests:
                _send(client, r)
        profile.disable()
    ms = (time.perf_counter() - started) * 1000 / PROFILE_REPEAT
    sql_ms = sum(float(q["time"]) for q in timed.captured_queries) * 1000 / PROFILE_REPEAT
    stats = pstats.Stats(profile)
    template_s = 0.0
    ours = []
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        if filename.endswith("django/template/backends/django.py") and name == "render":
            template_s = max(template_s, cumulative)
        if "/motcua/" in filename and "/.venv/" not in filename and name != "__call__":
            ours.append((cumulative, f"{filename.split('/motcua/', 1)[1]}:{name}"))
    per = PROFILE_REPEAT
    # Below the view: what wraps the whole request (middleware, the view itself) says nothing.
    whole = ms * per / 1000
    ours = sorted((c, w) for c, w in ours if c < 0.8 * whole)[::-1]
    top = [f"{where} {seconds * 1000 / per:.1f} ms" for seconds, where in ours[:4]]
    return Counted(
        queries=len(captured.captured_queries),
        tables=", ".join(f"{t}×{n}" if n > 1 else t for t, n in tables.most_common()),
        ms=ms,
        sql_ms=sql_ms,
        template_ms=template_s * 1000 / per,
        top=top,
    )
