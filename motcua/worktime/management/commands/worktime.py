"""``manage.py worktime``: due times, working time between instants, the calendar of a year.

Operators and acceptance checks use these names and formats; keep them stable:

    worktime due --start 2026-02-13T10:00 --days 3 [--cutoff 15:00] [--agency CODE] [--explain]
    worktime due --start … --hours 2
    worktime between --start … --end … [--agency CODE]
    worktime calendar --year 2026 [--agency CODE]
    worktime seed [--year 2028 …]

Times without an offset are Vietnam local time. Bad input exits with status 2.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.agencies.selectors import find_by_code
from motcua.worktime import clock, selectors, services
from motcua.worktime.constants import DurationUnit, Weekday
from motcua.worktime.explain import compute_due
from motcua.worktime.workcalendar import LOCAL_TZ, WorkCalendar

BAD_INPUT = 2
FIRST_YEAR, LAST_YEAR = 1900, 2200
# About ten years of any unit: larger amounts are typing errors, not time limits.
MAX_AMOUNT = {
    DurationUnit.WORKING_DAYS: 2600,
    DurationUnit.WORKING_HOURS: 2600 * 8,
    DurationUnit.CALENDAR_DAYS: 3660,
    DurationUnit.CALENDAR_MONTHS: 120,
}
AMOUNT_OPTIONS = {
    "days": DurationUnit.WORKING_DAYS,
    "hours": DurationUnit.WORKING_HOURS,
    "calendar_days": DurationUnit.CALENDAR_DAYS,
    "months": DurationUnit.CALENDAR_MONTHS,
}


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def parse_instant(value: str, option: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise bad_input(
            _(
                "%(option)s: không đọc được thời điểm %(value)r; dùng dạng ISO 8601, ví dụ "
                "2026-02-13T10:00 (giờ Việt Nam) hoặc 2026-02-13T10:00+07:00."
            )
            % {"option": option, "value": value}
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    moment = moment.astimezone(LOCAL_TZ)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise bad_input(
            _("%(option)s: năm %(year)d nằm ngoài khoảng %(first)d–%(last)d.")
            % {"option": option, "year": moment.year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return moment


def parse_amount(value: str, option: str, unit: str) -> Decimal:
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        raise bad_input(
            _("%(option)s: %(value)r không phải là một số.") % {"option": option, "value": value}
        ) from None
    if not amount.is_finite() or amount < 0:
        raise bad_input(
            _("%(option)s: thời hạn phải là số không âm, không phải %(value)r.")
            % {"option": option, "value": value}
        )
    if unit not in clock.WORKING_UNITS and amount != amount.to_integral_value():
        raise bad_input(
            _("%(option)s: số ngày, số tháng theo lịch phải là số nguyên.") % {"option": option}
        )
    if amount > MAX_AMOUNT[unit]:
        raise bad_input(
            _("%(option)s: thời hạn quá lớn (tối đa %(max)s).")
            % {"option": option, "max": MAX_AMOUNT[unit]}
        )
    return amount


def parse_cutoff(value: str | None) -> datetime.time | None:
    if value is None:
        return None
    try:
        return datetime.time.fromisoformat(value.strip())
    except ValueError:
        raise bad_input(
            _("--cutoff: không đọc được giờ %(value)r; dùng dạng HH:MM, ví dụ 15:00.")
            % {"value": value}
        ) from None


def parse_year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise bad_input(_("--year: %(value)r không phải là một năm.") % {"value": value}) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise bad_input(
            _("%(option)s: năm %(year)d nằm ngoài khoảng %(first)d–%(last)d.")
            % {"option": "--year", "year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def find_agency(code: str | None):
    if code is None:
        return None
    agency = find_by_code(code)
    if agency is None:
        raise bad_input(
            _("--agency: không có cơ quan, đơn vị nào mang mã %(code)r.") % {"code": code}
        )
    return agency


def calendar_for(agency, *years: int) -> WorkCalendar:
    """The calendar of ``agency``, with the national holidays of ``years`` materialised."""
    services.ensure_years(years)
    return selectors.get_calendar(agency)


def format_hours(hours: Decimal) -> str:
    if hours != hours.quantize(Decimal("0.000001")):
        hours = hours.quantize(Decimal("0.000001"))
    text = format(hours.normalize(), "f")
    return "0" if text in {"-0", "0"} else text


class Command(BaseCommand):
    help = "Tính thời hạn theo giờ làm việc, giờ làm việc giữa hai thời điểm, lịch nghỉ của năm."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{due,between,calendar,seed}"
        )

        due = actions.add_parser("due", help="Thời điểm hết hạn (ISO 8601 có múi giờ).")
        due.add_argument(
            "--start", required=True, help="Thời điểm tiếp nhận, ví dụ 2026-02-13T10:00."
        )
        amount = due.add_mutually_exclusive_group(required=True)
        amount.add_argument("--days", help="Số ngày làm việc (cho phép 0.5; 1 ngày = 8 giờ).")
        amount.add_argument("--hours", help="Số giờ làm việc.")
        amount.add_argument("--calendar-days", dest="calendar_days", help="Số ngày theo lịch.")
        amount.add_argument("--months", help="Số tháng theo lịch.")
        due.add_argument("--cutoff", help="Giờ chốt tiếp nhận, ví dụ 15:00.")
        due.add_argument("--agency", help="Mã định danh cơ quan dùng lịch riêng của cơ quan đó.")
        due.add_argument("--explain", action="store_true", help="In giải trình sau thời điểm.")

        between = actions.add_parser("between", help="Số giờ làm việc giữa hai thời điểm.")
        between.add_argument("--start", required=True)
        between.add_argument("--end", required=True)
        between.add_argument("--agency")

        calendar = actions.add_parser("calendar", help="Ngày nghỉ và ngày làm bù của một năm.")
        calendar.add_argument("--year", required=True)
        calendar.add_argument("--agency")

        seed = actions.add_parser("seed", help="Lập lịch chung và ngày nghỉ các năm mặc định.")
        seed.add_argument("--year", action="append", default=[], help="Lập thêm năm này.")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "due":
            return self.due(options)
        if action == "between":
            return self.between(options)
        if action == "calendar":
            return self.calendar(options)
        return self.seed(options)

    def due(self, options) -> None:
        start = parse_instant(options["start"], "--start")
        name, unit = next(
            (key, unit) for key, unit in AMOUNT_OPTIONS.items() if options[key] is not None
        )
        amount = parse_amount(options[name], "--" + name.replace("_", "-"), unit)
        cutoff = parse_cutoff(options["cutoff"])
        agency = find_agency(options["agency"])
        calendar = calendar_for(agency, start.year, start.year + 1)
        result = compute_due(start, amount, unit, calendar, cutoff=cutoff)
        if result.due.year > start.year + 1:
            calendar = calendar_for(agency, *range(start.year, result.due.year + 1))
            result = compute_due(start, amount, unit, calendar, cutoff=cutoff)
        self.stdout.write(result.due.isoformat())
        if options["explain"]:
            for line in result.lines():
                self.stdout.write(f"- {line}")

    def between(self, options) -> None:
        start = parse_instant(options["start"], "--start")
        end = parse_instant(options["end"], "--end")
        agency = find_agency(options["agency"])
        first, last = sorted((start.year, end.year))
        calendar = calendar_for(agency, *range(first, last + 1))
        self.stdout.write(format_hours(clock.working_time_between(start, end, calendar)))

    def calendar(self, options) -> None:
        year = parse_year(options["year"])
        agency = find_agency(options["agency"])
        calendar = calendar_for(agency, year)
        for day in selectors.special_days(calendar, year):
            line = f"{day.date.isoformat()}  {Weekday(day.date.weekday()).label:<8}  {day.kind.label}: {day.name}"
            if not day.confirmed:
                line += " " + _("(dự kiến, chưa xác nhận)")
            self.stdout.write(line)

    def seed(self, options) -> None:
        years = services.default_years() + [parse_year(value) for value in options["year"]]
        done = services.materialise_years(years)
        selectors.invalidate()
        listed = ", ".join(str(year) for year in (done or sorted(set(years))))
        if done:
            self.stdout.write(_("Đã lập ngày nghỉ các năm: %(years)s") % {"years": listed})
        else:
            self.stdout.write(_("Các năm %(years)s đã có sẵn.") % {"years": listed})
