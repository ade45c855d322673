"""A tracking code for every feedback, so that a sender without an account can follow it; the
existing ones get theirs here, before the column becomes unique."""

from django.db import migrations, models

from motcua.feedback.tracking import new_token

HELP = (
    "Mã bí mật cấp cho người gửi (kể cả không đăng nhập) để theo dõi phản ánh, kiến nghị qua "
    "đường dẫn hoặc tra cứu cùng mã PAKN."
)


def fill(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    for pk in Feedback.objects.filter(tracking_token="").values_list("pk", flat=True):
        Feedback.objects.filter(pk=pk).update(tracking_token=new_token())


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_seed"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="tracking_token",
            field=models.CharField(
                default="",
                editable=False,
                help_text=HELP,
                max_length=20,
                verbose_name="mã theo dõi",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feedback",
            name="tracking_token",
            field=models.CharField(
                editable=False,
                help_text=HELP,
                max_length=20,
                unique=True,
                verbose_name="mã theo dõi",
            ),
        ),
    ]
