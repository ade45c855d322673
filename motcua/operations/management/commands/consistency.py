"""``manage.py consistency``: files (SHA-256), dossier histories and aggregates are whole;
exit 1 when anything is not (motcua/operations/consistency.py)."""

from django.core.management.base import BaseCommand, CommandError

from ... import consistency


class Command(BaseCommand):
    help = "Check every stored file's SHA-256, every dossier's history and the aggregates."

    def handle(self, *args, **options):
        report = consistency.run()
        for name, count in report.checked.items():
            self.stdout.write(f"checked {name}: {count}")
        for part, problems in report.problems.items():
            self.stdout.write(f"{part}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
            for problem in problems:
                self.stdout.write(f"  - {problem}")
        if not report.ok:
            raise CommandError("inconsistent (see above)")
        self.stdout.write(self.style.SUCCESS("consistent"))
