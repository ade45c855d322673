"""The table of the "throttle" cache (settings.CACHES; #17 item 3) when no Redis is configured:
created by migrate, so no deployment step is forgotten."""

from django.core.management import call_command
from django.db import migrations


def create_table(apps, schema_editor):
    call_command(
        "createcachetable", "motcua_throttle_cache", database=schema_editor.connection.alias
    )


def drop_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS motcua_throttle_cache")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_language")]

    operations = [migrations.RunPython(create_table, drop_table)]
