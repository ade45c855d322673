"""Arguments shared by the report commands; bad input exits with code 2."""

from __future__ import annotations

from django.core.management.base import CommandError

from motcua.agencies.selectors import find_by_code

from ...common.periods import Period, parse_date


def add_arguments(parser) -> None:
    parser.add_argument("--agency", required=True, help="Mã định danh cơ quan (gồm cây đơn vị).")
    parser.add_argument("--from", dest="start", required=True, help="Ngày đầu kỳ, YYYY-MM-DD.")
    parser.add_argument("--to", dest="end", required=True, help="Ngày cuối kỳ, YYYY-MM-DD.")
    parser.add_argument("--format", choices=["json"], default="json", help="Định dạng in ra.")


def resolve(options):
    agency = find_by_code(options["agency"])
    if agency is None:
        raise CommandError(f"Unknown agency code: {options['agency']}", returncode=2)
    try:
        period = Period(parse_date(options["start"]), parse_date(options["end"]))
    except ValueError as error:
        raise CommandError(f"Bad period: {error}", returncode=2) from error
    return agency, period
