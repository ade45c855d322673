"""Indexes of the work queues at volume (issue #6, measured with benchmarks/bench_queues.py).

The partial indexes of open dossiers per desk and per assignee are model indexes (every
database). PostgreSQL also gets what SQLite cannot express: the queue's own order
(due_at NULLS FIRST, id) over open dossiers and per status; the trigram extension for the
applicant-name search index of 0005. SQLite orders NULLs first anyway and scans names."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

OPEN = "status NOT IN ('draft', 'refused_at_intake', 'returned', 'stopped', 'withdrawn')"
POSTGRESQL_INDEXES = {
    "dossier_open_due": f"(due_at ASC NULLS FIRST, id) WHERE {OPEN}",
    "dossier_status_due": "(status, due_at ASC NULLS FIRST, id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in POSTGRESQL_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in POSTGRESQL_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0003_record_payment_action"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    (
                        "status__in",
                        ["draft", "refused_at_intake", "returned", "stopped", "withdrawn"],
                    ),
                    _negated=True,
                ),
                fields=["receiving_unit", "due_at", "id"],
                name="dossier_open_desk",
            ),
        ),
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    (
                        "status__in",
                        ["draft", "refused_at_intake", "returned", "stopped", "withdrawn"],
                    ),
                    _negated=True,
                ),
                fields=["assignee", "due_at", "id"],
                name="dossier_open_assignee",
            ),
        ),
        # A no-op on other databases.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
