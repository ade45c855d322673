"""Driving a server: wrk when installed (``apt-get install wrk``), else a small Python load
generator (threads with keep-alive connections; it saturates less than wrk, so its figures are
lower for fast pages — the harness says which one ran).

Both run ``connections`` keep-alive connections for ``duration`` seconds, each going through the
scenario's requests in turn, and report requests per second, latency percentiles and errors
(connection errors, timeouts and any status other than 200/302)."""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

OK_STATUSES = (200, 201, 302)


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int
    p50: float  # milliseconds
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _lua(requests, cookie: str) -> str:
    """A wrk script: the requests in turn per connection, a JSON summary at the end."""
    items = []
    for r in requests:
        headers = dict(r.headers)
        if cookie:
            headers["Cookie"] = cookie
        if r.body:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        lua_headers = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
        items.append(
            f"{{method = {json.dumps(r.method)}, path = {json.dumps(r.path)}, "
            f"body = {json.dumps(r.body) if r.body else 'nil'}, headers = {{{lua_headers}}}}}"
        )
    return (
        "local reqs = {" + ", ".join(items) + "}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #reqs + 1\n"
        "  local r = reqs[i]\n"
        "  return wrk.format(r.method, r.path, r.headers, r.body)\n"
        "end\n"
        "done = function(summary, latency, requests)\n"
        "  local e = summary.errors\n"
        '  io.write(string.format(\'RESULT {"requests": %d, "us": %d, "errors": %d, '
        '"p50": %d, "p95": %d, "p99": %d}\\n\', summary.requests, summary.duration, '
        "e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50), "
        "latency:percentile(95), latency:percentile(99)))\n"
        "end\n"
    )


def run_wrk(base_url, requests, *, cookie="", connections=8, threads=2, duration=10) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(requests, cookie))
    command = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        script.name,
        base_url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{out}")
    data = json.loads(line[len("RESULT ") :])
    return Result(
        data["requests"],
        data["us"] / 1e6,
        data["errors"],
        data["p50"] / 1000,
        data["p95"] / 1000,
        data["p99"] / 1000,
    )


def run_python(base_url, requests, *, cookie="", connections=8, duration=10, **_ignored) -> Result:
    host_port = base_url.split("://", 1)[1].rstrip("/")
    host, _sep, port = host_port.partition(":")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker():
        conn = http.client.HTTPConnection(host, int(port or 80), timeout=10)
        mine, bad, i = [], 0, 0
        while time.perf_counter() < stop_at:
            r = requests[i % len(requests)]
            i += 1
            headers = dict(r.headers)
            if cookie:
                headers["Cookie"] = cookie
            if r.body:
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            started = time.perf_counter()
            try:
                conn.request(r.method, r.path, body=r.body or None, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status not in OK_STATUSES:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port or 80), timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return Result(len(latencies), seconds, errors[0], *percentiles(latencies))


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of the latencies (0s when there are none). Percentiles do not add up:
    those of several groups are taken over their samples put together, never averaged."""
    if not latencies:
        return 0.0, 0.0, 0.0
    if len(latencies) == 1:
        return (latencies[0],) * 3
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def check_statuses(base_url, requests, *, cookie="") -> list[str]:
    """One pass over the requests before the load: what answered other than 200/302 (a wrong
    sample, a lost session, a 500) is reported rather than measured."""
    host_port = base_url.split("://", 1)[1].rstrip("/")
    host, _sep, port = host_port.partition(":")
    conn = http.client.HTTPConnection(host, int(port or 80), timeout=30)
    problems = []
    for r in requests:
        headers = dict(r.headers)
        if cookie:
            headers["Cookie"] = cookie
        conn.request(r.method, r.path, body=r.body or None, headers=headers)
        response = conn.getresponse()
        response.read()
        # A page read must answer 200: a 302 there is a lost session sent to the sign-in.
        if response.status != 200 if r.method == "GET" else response.status not in OK_STATUSES:
            problems.append(f"{r.method} {r.path} → {response.status}")
    conn.close()
    return problems


def run(base_url, requests, **options) -> Result:
    if wrk_available():
        return run_wrk(base_url, requests, **options)
    return run_python(base_url, requests, **options)
