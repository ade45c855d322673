from django.db import migrations, models

INDEX = models.Index(fields=["finished_at"], name="dossier_finished")


def _create(apps, schema_editor):
    """On PostgreSQL built CONCURRENTLY: the dossier table is the largest, and a plain CREATE
    INDEX would block every submission and action while it builds (docs/deployment.md, upgrades
    without downtime)."""
    model = apps.get_model("dossiers", "Dossier")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, INDEX, concurrently=True)
    else:
        schema_editor.add_index(model, INDEX)


def _drop(apps, schema_editor):
    model = apps.get_model("dossiers", "Dossier")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, INDEX, concurrently=True)
    else:
        schema_editor.remove_index(model, INDEX)


class Migration(migrations.Migration):
    """An index on the end time (NgayKetThucXuLy): the reports select the dossiers ended in a
    period (766 indicator 4.1's costing list) by a range on it. Not atomic: PostgreSQL builds an
    index concurrently only outside a transaction."""

    atomic = False

    dependencies = [
        ("dossiers", "0014_representative_and_authorisation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="dossier", index=INDEX)],
            database_operations=[migrations.RunPython(_create, _drop)],
        ),
    ]
