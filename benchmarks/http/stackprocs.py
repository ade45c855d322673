"""P8: the memory (and CPU time) of every process of the stack, sampled while the mixed day
runs. Memory is PSS from ``/proc/PID/smaps_rollup`` (each shared page divided among the
processes sharing it, so the sum is what the stack really holds; RSS counts shared pages —
PostgreSQL's shared buffers, gunicorn's preloaded code — once per process) with RSS beside it.

The processes, by group: ``web`` (the gunicorn masters in var/stack/web*.pid and their
workers), ``workers`` (db_worker), ``scheduler`` (its loop and the commands it runs),
``balancer`` (HAProxy), ``s3`` (moto), ``redis`` (the server on the stack's port), and
``postgres``: the postmaster, its auxiliary processes and the backends connected to the stack's
database (another database's backends on the same server are not the stack's)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PIDFILES = {
    "web": ("web1", "web2"),
    "workers": ("worker1", "worker2"),
    "scheduler": ("scheduler",),
    "balancer": ("balancer",),
    "s3": ("s3",),
}
TICK = os.sysconf("SC_CLK_TCK")


def parse_rollup(text: str) -> tuple[int, int]:
    """(RSS, PSS) in kB from the text of smaps_rollup."""
    values = {}
    for line in text.splitlines():
        key, _sep, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key] = int(rest.split()[0])
    return values.get("Rss", 0), values.get("Pss", values.get("Rss", 0))


def parse_stat(text: str) -> tuple[int, float, float]:
    """(parent pid, CPU seconds of the process, CPU seconds of the children it waited for)
    from the text of /proc/PID/stat (the command may hold spaces and parentheses)."""
    fields = text[text.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return int(fields[1]), (utime + stime) / TICK, (cutime + cstime) / TICK


def memory(pid: int) -> tuple[int, int] | None:
    try:
        return parse_rollup(Path(f"/proc/{pid}/smaps_rollup").read_text())
    except OSError:
        return None


def _stat(pid: int) -> tuple[int, float, float] | None:
    try:
        return parse_stat(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, ValueError, IndexError):
        return None


def children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat:
                tree.setdefault(stat[0], []).append(int(entry.name))
    return tree


def with_descendants(roots, tree: dict[int, list[int]]) -> set[int]:
    found, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo += tree.get(pid, [])
    return found


def _pidfile(run: Path, name: str) -> int | None:
    try:
        return int((run / f"{name}.pid").read_text().strip())
    except (OSError, ValueError):
        return None


def _redis(port: int) -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if command.startswith("redis-server") and f":{port}" in command:
                pids.add(int(entry.name))
    return pids


def _postgres(admin_url: str, database: str) -> set[int]:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s OR backend_type <> 'client "
            "backend' UNION SELECT pg_backend_pid() * 0",
            [database],
        ).fetchall()
    pids = {pid for (pid,) in rows if pid}
    parents = {s[0] for s in map(_stat, pids) if s}
    return pids | {p for p in parents if p > 1}


def stack_groups(run: Path, admin_url: str, database: str, redis_port: int) -> dict[str, set[int]]:
    tree = children_map()
    groups = {
        group: with_descendants(filter(None, (_pidfile(run, n) for n in names)), tree)
        for group, names in PIDFILES.items()
    }
    groups["redis"] = _redis(redis_port)
    groups["postgres"] = _postgres(admin_url, database)
    return groups


@dataclass
class Series:
    """Per-second sums (kB) by group, and CPU seconds by group at the start and the end."""

    pss: list[dict[str, int]] = field(default_factory=list)
    rss: list[dict[str, int]] = field(default_factory=list)
    cpu_start: dict[str, float] = field(default_factory=dict)
    cpu_end: dict[str, float] = field(default_factory=dict)

    def totals(self, which: str = "pss") -> list[int]:
        return [sum(sample.values()) for sample in getattr(self, which)]

    def peak_mean(self, which: str = "pss", group: str | None = None) -> tuple[float, float]:
        values = (
            self.totals(which)
            if group is None
            else [sample.get(group, 0) for sample in getattr(self, which)]
        )
        if not values:
            return 0.0, 0.0
        return max(values), sum(values) / len(values)

    def cpu(self) -> dict[str, float]:
        return {g: self.cpu_end.get(g, 0) - self.cpu_start.get(g, 0) for g in self.cpu_end}


def cpu_seconds(groups: dict[str, set[int]]) -> dict[str, float]:
    """CPU seconds by group, with the time of the children each process waited for (a gunicorn
    worker replaced, a command the scheduler ran) — except PostgreSQL's: its postmaster waits
    for the backends of every database on the server, not only the stack's."""
    out = {}
    for group, pids in groups.items():
        stats = [s for s in map(_stat, pids) if s]
        children = group != "postgres"
        out[group] = sum(own + (waited if children else 0) for _pp, own, waited in stats)
    return out


class Sampler(threading.Thread):
    """Samples every ``every`` seconds until stopped; the process list is re-read every 5 s
    (gunicorn replaces workers, PostgreSQL starts backends)."""

    def __init__(self, find_groups, every: float = 1.0):
        super().__init__(daemon=True)
        self.find_groups, self.every = find_groups, every
        self.series = Series()
        self.done = threading.Event()

    def run(self) -> None:
        groups, found_at = self.find_groups(), time.monotonic()
        self.series.cpu_start = cpu_seconds(groups)
        while not self.done.is_set():
            if time.monotonic() - found_at > 5:
                groups, found_at = self.find_groups(), time.monotonic()
            pss, rss = {}, {}
            for group, pids in groups.items():
                read = [m for m in map(memory, pids) if m]
                rss[group] = sum(r for r, _p in read)
                pss[group] = sum(p for _r, p in read)
            self.series.pss.append(pss)
            self.series.rss.append(rss)
            self.done.wait(self.every)
        self.series.cpu_end = cpu_seconds(self.find_groups())

    def stop(self) -> Series:
        self.done.set()
        self.join(30)
        return self.series
