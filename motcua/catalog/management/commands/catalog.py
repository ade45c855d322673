"""`manage.py catalog export FILE [--procedure CODE …]` and `manage.py catalog import FILE`.

FILE "-" means standard output / input. A bad file is refused as a whole with the path of each
fault, and the command exits with status 2."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.catalog import services
from motcua.catalog.models import Procedure

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Export or import the procedure catalogue as JSON (docs/catalog.md)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="Write the catalogue to FILE.")
        export.add_argument("file", help="Output file, or - for standard output.")
        export.add_argument(
            "--procedure",
            action="append",
            dest="codes",
            metavar="CODE",
            help="Only this procedure (repeatable), e.g. 1.001193.",
        )
        load = actions.add_parser("import", help="Read the catalogue from FILE (all or nothing).")
        load.add_argument("file", help="Input file, or - for standard input.")

    def handle(self, *args, action, file, **options):
        if action == "export":
            self._export(file, options.get("codes"))
        else:
            self._import(file)

    def _export(self, file: str, codes: list[str] | None) -> None:
        if codes:
            missing = sorted(
                set(codes)
                - set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
            )
            if missing:
                raise CommandError(
                    f"Unknown procedure code(s): {', '.join(missing)}", returncode=BAD_INPUT
                )
        text = json.dumps(services.export_catalogue(codes), ensure_ascii=False, indent=2) + "\n"
        if file == "-":
            self.stdout.write(text, ending="")
            return
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(text)
        self.stderr.write(f"Exported to {file}.")

    def _import(self, file: str) -> None:
        try:
            if file == "-":
                data = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as handle:
                    data = json.load(handle)
        except OSError as error:
            raise CommandError(
                f"Cannot read {file}: {error.strerror}", returncode=BAD_INPUT
            ) from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(
                f"{file} is not valid JSON: {error}", returncode=BAD_INPUT
            ) from error
        except RecursionError as error:  # nested deeper than Python's decoder can follow
            raise CommandError(
                _("%(file)s lồng nhau quá sâu: không phải tệp danh mục, không nhập gì.")
                % {"file": file},
                returncode=BAD_INPUT,
            ) from error
        try:
            summary = services.import_catalogue(data)
        except services.CatalogueFileError as error:
            lines = [f"{path}: {message}" for path, message in error.problems]
            raise CommandError(
                f"{file} was not imported (nothing changed):\n  " + "\n  ".join(lines),
                returncode=BAD_INPUT,
            ) from error
        self.stdout.write(
            f"Imported {summary.procedures} procedure(s): {summary.created} version(s) created, "
            f"{summary.replaced} draft(s) replaced, {summary.unchanged} unchanged; "
            f"{summary.forms} new form file(s)."
        )
