"""The load of `make faults`: threads filing complete dossiers through the API at the
balancer, each retried with its own Idempotency-Key until acknowledged, as a client must."""

from __future__ import annotations

import threading
import time
import uuid

import requests
from ledger import BASE, Outcome


class Load:
    """Threads filing dossiers, each retried with its key until acknowledged."""

    def __init__(self, outcome: Outcome, bearer: str, body: dict, threads: int, base=BASE):
        self.outcome, self.bearer, self.body, self.base = outcome, bearer, body, base
        self.threads = threads
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.last_ack = 0.0
        self.workers = [threading.Thread(target=self.loop, daemon=True) for _ in range(threads)]

    def file(self, key: str) -> bool:
        body = dict(self.body)
        body["applicant"] = dict(body["applicant"], name=f"Thử lỗi {key}")
        try:
            answer = requests.post(
                f"{self.base}/api/v1/dossiers/",
                json=body,
                headers={"Authorization": self.bearer, "Idempotency-Key": key},
                timeout=15,
            )
        except requests.RequestException as error:
            with self.lock:
                self.outcome.answers[f"no answer ({type(error).__name__})"] += 1
            return False
        text = answer.text
        with self.lock:
            if answer.status_code == 201:
                self.outcome.acked[key] = answer.json()["code"]
                self.last_ack = time.monotonic()
                self.outcome.answers["201"] += 1
                return True
            detail = ""
            try:
                detail = answer.json().get("detail", "")[:90]
            except ValueError:
                detail = text[:60].replace("\n", " ")
            self.outcome.answers[f"{answer.status_code} {detail}"] += 1
            if "Traceback" in text or 'File "/' in text:
                self.outcome.tracebacks += 1
        return False

    def loop(self):
        while not self.stop.is_set():
            key = f"fault-{self.outcome.name}-{uuid.uuid4().hex[:12]}"
            # Retried with the same key until acknowledged; given up only at the very end.
            deadline = None
            while True:
                if self.file(key):
                    break
                if self.stop.is_set():
                    deadline = deadline or time.monotonic() + 20
                    if time.monotonic() > deadline:
                        break
                time.sleep(0.3)

    def __enter__(self):
        for worker in self.workers:
            worker.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for worker in self.workers:
            worker.join(60)

    def recovered_after(self, since: float, limit: float = 30) -> float | None:
        """Seconds from ``since`` to the first dossier acknowledged after it."""
        deadline = since + limit
        while time.monotonic() < deadline:
            if self.last_ack > since:
                return self.last_ack - since
            time.sleep(0.05)
        return None
