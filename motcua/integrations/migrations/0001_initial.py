"""The app's first migration. Each national system adds its own models in the next ones."""

from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations: list = []
