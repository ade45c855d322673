"""On PostgreSQL, refuse two published versions of one procedure whose validity periods overlap
(at most one published version is in force on any day). SQLite has no exclusion constraints;
there publish_version and the import enforce the rule, as they do everywhere."""

from django.db import migrations

CONSTRAINT = "catalog_published_periods_do_not_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # int8range(id, id, '[]') lets a plain GiST index compare the procedure with "=" without the
    # btree_gist extension, which would need superuser rights to install.
    schema_editor.execute(
        f"ALTER TABLE catalog_procedureversion ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist ("
        "int8range(procedure_id, procedure_id, '[]') WITH =, "
        "daterange(valid_from, valid_to, '[]') WITH &&"
        ") WHERE (status = 'published')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE catalog_procedureversion DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
