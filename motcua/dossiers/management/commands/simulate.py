"""`manage.py simulate --dossiers N --seed S --from DATE --to DATE`"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.simulation import simulate


def _date(value: str, name: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{name}: not a date (YYYY-MM-DD): {value!r}", returncode=2) from error


class Command(BaseCommand):
    help = (
        "Create N realistic dossiers over the catalogue and agencies in the database (load the "
        "demo first), each driven through the service functions; deterministic for a seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--from", dest="start", required=True, help="First receipt date, YYYY-MM-DD."
        )
        parser.add_argument(
            "--to", dest="end", required=True, help="Last receipt date, YYYY-MM-DD."
        )

    def handle(self, *args, dossiers, seed, start, end, **options):
        first, last = _date(start, "--from"), _date(end, "--to")
        if dossiers < 0:
            raise CommandError("--dossiers must not be negative.", returncode=2)
        if first > last:
            raise CommandError("--from is after --to.", returncode=2)
        try:
            summary = simulate(dossiers, seed=seed, start=first, end=last)
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(f"{summary.created} dossiers created (seed {seed}).")
        for status, count in sorted(summary.by_status.items()):
            self.stdout.write(f"  {status:<22} {count}")
        self.stdout.write(f"  refused actions (rules enforced): {summary.refused_actions}")
        for reason, count in sorted(summary.refusals.items()):
            self.stdout.write(f"    {reason:<40} {count}")
