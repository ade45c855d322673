"""Control slips issued before internal forms were kept out of the personal data store were
stored with the applicant as owner; they belong to nobody's store."""

from django.db import migrations

INTERNAL_KINDS = ["control_slip"]


def forward(apps, schema_editor):
    issued = apps.get_model("signatures", "IssuedDocument")
    stored = apps.get_model("documents", "StoredFile")
    internal = issued.objects.filter(kind__in=INTERNAL_KINDS, file__isnull=False).values("file_id")
    stored.objects.filter(pk__in=internal, owner__isnull=False).update(owner=None)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("signatures", "0002_issued_period"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
