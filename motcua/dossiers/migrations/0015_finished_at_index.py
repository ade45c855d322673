from django.db import migrations, models


class Migration(migrations.Migration):
    """An index on the end time (NgayKetThucXuLy): the reports select the dossiers ended in a
    period (766 indicator 4.1's costing list) by a range on it."""

    dependencies = [
        ("dossiers", "0014_representative_and_authorisation"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(fields=["finished_at"], name="dossier_finished"),
        ),
    ]
