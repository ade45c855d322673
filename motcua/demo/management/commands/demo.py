"""`manage.py demo`: load the demo province, its staff and citizens (idempotent) and print the
logins. Each loader in LOADERS may be run again at any time without creating duplicates."""

from django.core.management.base import BaseCommand
from django.db import transaction

from motcua.demo import province


class Command(BaseCommand):
    help = "Load or refresh the demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet=False, **options):
        with transaction.atomic():
            units = province.load_tree()
            logins = province.load_people(units)
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Password for every demo account: {province.DEMO_PASSWORD}")
        width = max(len(login.who) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.who:<{width}}  {login.username:<22} {login.where}")
