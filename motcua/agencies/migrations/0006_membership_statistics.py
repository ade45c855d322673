"""Fresh planner statistics for the staff tables on PostgreSQL.

Memberships are few and change a handful at a time (a hire, a transfer), below the default
autovacuum threshold (50 rows + 10 %) for months. Statistics that predate an officer hired after
thousands of citizens registered made PostgreSQL join memberships to users by walking the whole
user table in id order (the assignment list: 14–30 ms on 50,000 accounts instead of 0.1 ms).
Analysing the table after every few changes costs nothing at its size."""

from django.db import migrations

TABLES = ("agencies_membership", "agencies_agency")


def tune(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} SET (autovacuum_analyze_threshold = 5, "  # noqa: S608  # nosec B608
            "autovacuum_analyze_scale_factor = 0.02)"
        )


def untune(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} RESET (autovacuum_analyze_threshold, "  # noqa: S608  # nosec B608
            "autovacuum_analyze_scale_factor)"
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_reorganisation_split")]

    operations = [migrations.RunPython(tune, untune, elidable=True)]
