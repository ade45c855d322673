"""One user's visit as a browser makes it, for the mixed-day driver (``mixed.py``): a keep-alive
connection from the user's own address, the cookies the site sets kept and sent back (the
session, the CSRF token), forms posted with the ``Origin`` a browser sends, and every request
timed and judged into a ``Tally`` by its kind.

An error is what a user would call one: a connection error or a timeout, any 5xx, and any
other status the step did not expect (a 403 from a lost CSRF cookie, a 302 to the sign-in from
a lost session, a 400 from a form the driver filled wrongly). Two officers acting on one dossier at once — one
of them told the dossier changed since they opened it (a 409, a 412, or the dossier page again
with that message) — is counted apart as a conflict: the site answering as it should."""

from __future__ import annotations

import http.client
import re
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from loadgen import percentiles

CONFLICTS = (409, 412)


@dataclass
class Answer:
    status: int
    location: str
    text: str
    path: str  # what was asked for (a form without an action posts back to it)


@dataclass
class Tally:
    """Latencies (ms) and outcomes per request kind; one per thread, merged at the end."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)  # (kind, what) -> n
    # Answers counted apart, neither success nor error: (kind, what) -> n ("conflict": another
    # officer acted first; see ``Browser.send``'s ``apart``).
    apart: Counter = field(default_factory=Counter)
    writes: Counter = field(default_factory=Counter)  # kind -> successful POSTs
    idle: int = 0  # officers' visits that found no action to take on the dossier they opened
    # What the page said, for the first error of each (kind, what): the alert's text.
    said: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, kind: str, ms: float) -> None:
        self.latencies.setdefault(kind, []).append(ms)

    def merge(self, other: Tally) -> Tally:
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        self.errors.update(other.errors)
        self.apart.update(other.apart)
        self.writes.update(other.writes)
        self.idle += other.idle
        for key, text in other.said.items():
            self.said.setdefault(key, text)
        return self

    def requests(self, kind: str | None = None) -> int:
        if kind is not None:
            return len(self.latencies.get(kind, ()))
        return sum(len(v) for v in self.latencies.values())

    def error_count(self, kind: str | None = None) -> int:
        return sum(n for (k, _what), n in self.errors.items() if kind is None or k == kind)

    def summary(self, kind: str | None = None) -> tuple[float, float, float]:
        """p50/p95/p99 of one kind, or of every request together."""
        if kind is not None:
            return percentiles(self.latencies.get(kind, []))
        return percentiles([ms for values in self.latencies.values() for ms in values])


_ALERT = re.compile(r'(?s)role="alert"[^>]*>(.*?)</(?:div|p|section)>')
_TAG = re.compile(r"<[^>]+>")


def alert_text(page: str) -> str:
    """The first alert of a page (an error summary), as text, or the page's title."""
    found = _ALERT.search(page) or re.search(r"(?s)<title>(.*?)</title>", page)
    return " ".join(_TAG.sub(" ", found.group(1)).split())[:200] if found else ""


class Browser:
    def __init__(self, base_url: str, tally: Tally, *, source: str = "127.0.0.1", timeout=10):
        self.base = base_url.rstrip("/")
        host_port = self.base.split("://", 1)[1]
        host, _sep, port = host_port.partition(":")
        self.host, self.port, self.source, self.timeout = host, int(port or 80), source, timeout
        self.tally = tally
        self.cookies: dict[str, str] = {}
        self.session = ""  # the session cookie signed in with ("" = anonymous)
        self.conn: http.client.HTTPConnection | None = None

    def sign_in(self, cookie: str) -> Browser:
        name, _sep, value = cookie.partition("=")
        self.cookies[name] = value
        self.session = cookie
        return self

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout, source_address=(self.source, 0)
            )
        return self.conn

    def send(
        self,
        kind: str,
        path: str,
        *,
        method: str = "GET",
        body: bytes = b"",
        content_type: str = "",
        expect: tuple[int, ...] = (200,),
        apart: dict[str, str] | None = None,
    ) -> Answer | None:
        """The answer, or None when it was an error or counted apart (already counted): a
        409 or a 412 is a "conflict"; a 400 whose page says one of ``apart``'s texts is counted
        under the name it maps to."""
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = self.base
            headers["Referer"] = self.base + path
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            conn = self._connection()
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.tally.add(kind, (time.perf_counter() - started) * 1000)
            what = "timeout" if isinstance(error, socket.timeout | TimeoutError) else "connection"
            self.tally.errors[(kind, what)] += 1
            self.close()
            return None
        self.tally.add(kind, (time.perf_counter() - started) * 1000)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        answer = Answer(
            response.status,
            response.getheader("Location", ""),
            raw.decode(errors="replace"),
            path,
        )
        if answer.status in expect:
            if method == "POST":
                self.tally.writes[kind] += 1
            return answer
        known = next((what for mark, what in (apart or {}).items() if mark in answer.text), None)
        if answer.status in CONFLICTS or (answer.status == 400 and known):
            self.tally.apart[(kind, known or "conflict")] += 1
        else:
            where = f" → {answer.location}" if answer.location else ""
            key = (kind, f"{answer.status}{where[:60]}")
            self.tally.errors[key] += 1
            if key not in self.tally.said:
                self.tally.said[key] = alert_text(answer.text)
        return None
