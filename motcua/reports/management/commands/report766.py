"""``manage.py report766 --agency CODE --from DATE --to DATE --format json``: the Decision 766
index of the agency's subtree over the period."""

import json

from django.core.management.base import BaseCommand

from . import _report_args


class Command(BaseCommand):
    help = "Print the Decision 766 index of an agency subtree over a period (JSON)."
    # A read-only report: the system checks (~1 s) are for deployments, not for each query.
    requires_system_checks = []

    def add_arguments(self, parser):
        _report_args.add_arguments(parser)

    def handle(self, *args, **options):
        from ...selectors import index_766  # imported when run, not when listed in --help

        agency, period = _report_args.resolve(options)
        self.stdout.write(json.dumps(index_766(agency, period).as_dict(), ensure_ascii=False))
