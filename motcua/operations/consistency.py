"""Is this database and its file store whole? (kiểm tra tính nhất quán; #19 item 5)

Run after a restore (docs/backup.md), or any time: ``manage.py consistency``.

- **files**: every stored file is in the store and its bytes still have the SHA-256 recorded
  when it was stored;
- **history**: every dossier's events are numbered 1, 2, … without a gap, each starts from the
  status the one before ended in, and the last ends in the dossier's status;
- **aggregates**: the statistics' stored aggregates equal a recomputation from the dossiers
  (``rebuild_aggregates --check``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Report:
    checked: dict[str, int] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())


def files(report: Report, limit: int = 20) -> None:
    from motcua.documents.models import StoredFile

    found, count = [], 0
    for stored in StoredFile.objects.order_by("pk").iterator(chunk_size=500):
        count += 1
        try:
            with stored.file.open("rb") as handle:
                digest = hashlib.sha256()
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except (OSError, ValueError) as error:
            found.append(f"file {stored.pk} {stored.file.name}: missing ({error})")
            continue
        except Exception as error:  # an S3 store's own errors
            found.append(f"file {stored.pk} {stored.file.name}: unreadable ({error})")
            continue
        if digest.hexdigest() != stored.sha256:
            found.append(f"file {stored.pk} {stored.file.name}: SHA-256 differs")
    report.checked["files"] = count
    report.problems["files"] = found[:limit] + (
        [f"… {len(found) - limit} more"] if len(found) > limit else []
    )


HISTORY = """
WITH ordered AS (
    SELECT e.dossier_id, e.sequence, e.from_status, e.to_status,
           row_number() OVER w AS expected,
           lag(e.to_status) OVER w AS before,
           count(*) OVER (PARTITION BY e.dossier_id) AS n
    FROM dossiers_event e
    WINDOW w AS (PARTITION BY e.dossier_id ORDER BY e.sequence)
)
SELECT d.code, o.sequence, o.expected, o.from_status, o.before, o.to_status, d.status, o.n
FROM ordered o JOIN dossiers_dossier d ON d.id = o.dossier_id
WHERE o.sequence <> o.expected
   OR (o.before IS NOT NULL AND o.from_status <> o.before)
   OR (o.expected = o.n AND o.to_status <> d.status)
ORDER BY d.code, o.sequence
"""


def history(report: Report, limit: int = 20) -> None:
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT dossier_id), count(*) FROM dossiers_event")
        dossiers, events = cursor.fetchone()
        cursor.execute(HISTORY)
        for code, seq, expected, from_status, before, to_status, status, _n in cursor.fetchall():
            if seq != expected:
                found.append(f"{code}: event {seq} where {expected} was expected (a gap)")
            elif before is not None and from_status != before:
                found.append(f"{code}: event {seq} starts from {from_status}, not {before}")
            else:
                found.append(f"{code}: the last event ends in {to_status}, the dossier is {status}")
    report.checked["dossiers with history"] = dossiers
    report.checked["events"] = events
    report.problems["history"] = found[:limit] + (
        [f"… {len(found) - limit} more"] if len(found) > limit else []
    )


def aggregates(report: Report) -> None:
    from motcua.reports.aggregates import store

    report.problems["aggregates"] = store.differences()
    report.checked["aggregates"] = 1


def run() -> Report:
    report = Report()
    files(report)
    history(report)
    aggregates(report)
    return report


def _walk(storage, folder: str):
    dirs, names = storage.listdir(folder)
    for name in names:
        yield f"{folder}/{name}" if folder else name
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def orphans(grace_seconds: float = 3600) -> list[str]:
    """Objects under files/ that no stored-file row names and older than ``grace_seconds`` (a
    younger one may belong to an upload whose row is being written): left by a process killed
    between writing the object and committing its row, or by a store that lost its answer."""
    import datetime

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from motcua.documents.models import StoredFile

    try:
        candidates = set(_walk(default_storage, "files"))
    except FileNotFoundError:
        return []
    candidates -= set(StoredFile.objects.filter(file__in=candidates).values_list("file", flat=True))
    before = timezone.now() - datetime.timedelta(seconds=grace_seconds)
    return sorted(n for n in candidates if default_storage.get_modified_time(n) <= before)
