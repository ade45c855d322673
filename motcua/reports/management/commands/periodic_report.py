"""``manage.py periodic_report --agency CODE --from DATE --to DATE --format json``: the periodic
resolution report (totals and one row per unit) of the agency's subtree over the period."""

import json

from django.core.management.base import BaseCommand

from . import _report_args


class Command(BaseCommand):
    help = "Print the periodic resolution report of an agency subtree over a period (JSON)."
    requires_system_checks = []  # a read-only report (see report766)

    def add_arguments(self, parser):
        _report_args.add_arguments(parser)
        parser.add_argument("--field", default=None, help="Chỉ một lĩnh vực (mã lĩnh vực).")

    def handle(self, *args, **options):
        from ...selectors import periodic_report

        agency, period = _report_args.resolve(options)
        report = periodic_report(agency, period, field_code=options["field"])
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
