"""Writing a rebuild of the aggregates in bulk, and computing it in several processes.

On PostgreSQL the tables are emptied with ``TRUNCATE`` and filled with ``COPY`` (the
contributions as text lines the workers format, the tables row by row); elsewhere with ordinary
deletes and batched inserts. ``in_processes`` hands ranges of dossier ids to worker processes
(``worker.work``), each with its own connection; this process writes what they send inside its
own transaction, so a failed worker rolls the whole rebuild back.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import queue

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min

from ..measurement import records
from .contribution import as_text
from .models import DossierContribution
from .worker import work

# Ids handed to a worker at a time: small enough to keep both processes busy to the end.
SPAN_CHUNKS = 5
# Seconds between checks that every worker is still alive while none has sent anything.
WAIT = 5


class RebuildFailed(RuntimeError):
    """A worker process failed or died; the rebuild was rolled back."""


def clear(tables: list[str]) -> None:
    """Empty the tables inside the current transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The foreign keys are checked at once from here on: TRUNCATE refuses a table with
            # checks still pending from earlier in the transaction, and millions of copied rows
            # would otherwise queue their checks until the commit (``checks_deferred`` restores).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # One statement, no dead rows left behind; holds the tables until the commit, so
            # the changes of dossiers (and the reports) wait for the rebuild.
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                # bandit B608 is wrong here: table names from model metadata; values are parameters.
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608  # nosec B608


def checks_deferred() -> None:
    """Back to Django's foreign keys checked at the commit, after ``clear``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class ContributionWriter:
    """Writes ``DossierContribution`` rows: a ``COPY`` a batch on PostgreSQL (the connection
    cannot run another query while a ``COPY`` is open), batched inserts elsewhere."""

    table = DossierContribution._meta.db_table

    def write(self, chunk) -> None:
        """A chunk of (dossier id, ``Contribution``)."""
        if connection.vendor == "postgresql":
            self.write_lines("".join(c.as_copy_line(pk) for pk, c in chunk))
            return
        rows = []
        for pk, contribution in chunk:
            flows, stock = contribution.as_json()
            rows.append((pk, as_text(flows), as_text(stock)))
        with connection.cursor() as cursor:
            cursor.executemany(
                # bandit B608 is wrong here: table names from model metadata; values are parameters.
                f"INSERT INTO {self.table} (dossier_id, flows, stock) "  # noqa: S608  # nosec B608
                "VALUES (%s, %s, %s)",
                rows,
            )

    def write_lines(self, text: str) -> None:
        """Lines already in COPY's text format (``Contribution.as_copy_line``)."""
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {self.table} (dossier_id, flows, stock) FROM STDIN") as copy,
        ):
            copy.write(text)


def write_rows(ledger, rows: dict) -> None:
    """The rows of an empty table: (grain, start ISO, *key) → counts."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            columns = ", ".join(ledger.columns)
            with cursor.copy(f"COPY {ledger.table} ({columns}) FROM STDIN") as copy:
                for key, values in rows.items():
                    copy.write_row((*key, *values))
        return
    fields = ("grain", "start", *ledger.key)

    def objects():
        for key, values in rows.items():
            attributes = dict(zip(fields, key, strict=True))
            attributes["start"] = datetime.date.fromisoformat(attributes["start"])
            yield ledger.model(**attributes, **dict(zip(ledger.values, values, strict=True)))

    ledger.model.objects.bulk_create(objects(), batch_size=5000)


def id_spans(chunk_size: int) -> list[tuple[int, int]]:
    """The accepted dossiers' ids as half-open spans (after, upto] of ``SPAN_CHUNKS`` chunks'
    worth of ids each, in order, covering them all."""
    bounds = records.accepted().aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return []
    width = max(1, chunk_size * SPAN_CHUNKS)
    return [
        (after, min(after + width, bounds["last"]))
        for after in range(bounds["first"] - 1, bounds["last"], width)
    ]


def worker_database() -> dict:
    """What a worker needs to open its own connection to this database (the test database's
    name under the tests)."""
    return {"NAME": connection.settings_dict["NAME"]}


def in_processes(workers: int, chunk_size: int, writer, daily: dict, progress=None) -> int:
    """Compute every accepted dossier's contribution in ``workers`` processes: their rows go to
    ``writer`` as they come, their day-grain totals are added into ``daily``. Returns the number
    of dossiers. Raises ``RebuildFailed`` when a worker fails or dies."""
    from .store import merge

    spans = id_spans(chunk_size)
    if not spans:
        return 0
    context = multiprocessing.get_context("spawn")
    tasks = context.Queue()
    results = context.Queue(maxsize=4 * workers)  # workers wait while this process writes
    for span in spans:
        tasks.put(span)
    for _ in range(workers):
        tasks.put(None)
    # The settings module as the environment names it (tests wrap the settings object).
    module = os.environ.get("DJANGO_SETTINGS_MODULE") or settings.SETTINGS_MODULE
    arguments = (module, worker_database(), chunk_size, tasks, results)
    processes = [context.Process(target=work, args=arguments, daemon=True) for _ in range(workers)]
    for process in processes:
        process.start()
    count, running = 0, workers
    try:
        while running:
            try:
                kind, payload = results.get(timeout=WAIT)
            except queue.Empty:
                dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                if dead:
                    raise RebuildFailed(f"A worker process died (exit code {dead[0]}).") from None
                continue
            if kind == "rows":
                done, lines = payload
                writer.write_lines(lines)
                count += done
                if progress:
                    progress(count)
            elif kind == "totals":
                merge(daily, payload)
                running -= 1
            else:
                raise RebuildFailed(f"A worker process failed:\n{payload}")
        for process in processes:
            process.join()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join()
    return count
