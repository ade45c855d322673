"""``manage.py evaluation_report --agency CODE --from DATE --to DATE --format json|csv``: the
TT 01/2018 evaluation (nine indices, scores and bands of units and officers) of the agency's
subtree over the period. Bad input exits with code 2, as the other report commands do."""

import json

from django.core.management.base import BaseCommand

from . import _report_args


class Command(BaseCommand):
    help = "Print the TT 01/2018 evaluation of units and officers of an agency subtree (JSON/CSV)."
    requires_system_checks = []  # a read-only report (see report766)

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency", required=True, help="Mã định danh cơ quan (gồm cây đơn vị)."
        )
        parser.add_argument("--from", dest="start", required=True, help="Ngày đầu kỳ, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Ngày cuối kỳ, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="Định dạng.")

    def handle(self, *args, **options):
        from ...evaluation import report as evaluation

        agency, period = _report_args.resolve(options)
        result = evaluation.build(agency, period)
        if options["format"] == "csv":
            self.stdout.write(evaluation.to_csv(result).decode("utf-8-sig"), ending="")
        else:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
