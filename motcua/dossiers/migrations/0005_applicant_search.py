"""The applicant's name without diacritics, for the work queues' name search ("nguyen van" finds
"Nguyễn Văn An"): the column, filled for existing dossiers, and on PostgreSQL a trigram index
that serves ``LIKE '% word%'`` at any volume."""

from django.db import migrations, models

from motcua.catalog.search import padded

BATCH = 5000


def fill(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    last = 0
    while True:
        rows = list(
            Dossier.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "applicant_name")[:BATCH]
        )
        if not rows:
            return
        Dossier.objects.bulk_update(
            [Dossier(pk=pk, applicant_search=padded(name)) for pk, name in rows],
            ["applicant_search"],
        )
        last = rows[-1][0]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dossier_name_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS dossier_search_trgm ON dossiers_dossier "
            "USING gin (applicant_search gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dossier_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_queue_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="applicant_search",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text=(
                    "Tên chủ hồ sơ không dấu, chữ thường, có khoảng trắng hai đầu (tìm không "
                    "phân biệt dấu); tự cập nhật khi lưu."
                ),
                max_length=300,
                verbose_name="tên chủ hồ sơ để tìm",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
