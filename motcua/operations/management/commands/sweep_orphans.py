"""``manage.py sweep_orphans [--grace SECONDS] [--dry-run]``: remove the store's objects that no
stored-file row names, older than the grace period (1 hour by default). Run hourly by the
scheduler (tools/stack/scheduler.sh); see docs/deployment.md, "Faults"."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from ... import consistency


class Command(BaseCommand):
    help = "Remove stored objects that no row names (older than --grace seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--grace", type=float, default=3600)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, grace=3600, dry_run=False, **options):
        found = consistency.orphans(grace)
        for name in found:
            if not dry_run:
                default_storage.delete(name)
            self.stdout.write(f"{'would remove' if dry_run else 'removed'} {name}")
        self.stdout.write(f"{len(found)} orphaned object(s)")
