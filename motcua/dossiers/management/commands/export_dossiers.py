"""`manage.py export_dossiers --format jsonl [--from DATE --to DATE] [--output FILE]`"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.export import export


def _date(value: str | None, name: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{name}: not a date (YYYY-MM-DD): {value!r}", returncode=2) from error


class Command(BaseCommand):
    help = "Write one JSON object per dossier (received or submitted in the period) as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--from", dest="start", help="First local date, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", help="Last local date, YYYY-MM-DD (inclusive).")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, start=None, end=None, output=None, **options):
        first, last = _date(start, "--from"), _date(end, "--to")
        if first and last and first > last:
            raise CommandError("--from is after --to.", returncode=2)
        if output is None:
            for row in export(first, last):
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        count = 0
        with open(output, "w", encoding="utf-8") as stream:
            for row in export(first, last):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        self.stderr.write(f"{count} dossiers written to {output}")
