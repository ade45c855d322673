from django.db import migrations


def seed(apps, schema_editor):
    from motcua.dossiers.rulesets import ensure_rule_sets

    ensure_rule_sets(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
