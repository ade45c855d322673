"""Human texts of the clock: dates, durations and explanation lines.

Source strings are Vietnamese (the msgids); English is the translation. Each function reads the
language active when it is called, so build the text at render time, not at computation time.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .constants import (
    HOURS_PER_WORKING_DAY,
    DayKind,
    DurationUnit,
    ExplanationKind,
    PauseReason,
    RollForwardReason,
    Weekday,
)

MICROS_PER_MINUTE = 60_000_000
MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE
MICROS_PER_DAY = HOURS_PER_WORKING_DAY * MICROS_PER_HOUR


def fmt_date(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def fmt_time(moment: datetime.datetime | datetime.time) -> str:
    text = f"{moment.hour:02d}:{moment.minute:02d}"
    return text + f":{moment.second:02d}" if moment.second else text


def fmt_day(day: datetime.date) -> str:
    """ "Thứ Sáu 13/02/2026"."""
    return _("%(weekday)s %(date)s") % {
        "weekday": Weekday(day.weekday()).label,
        "date": fmt_date(day),
    }


def fmt_moment(moment: datetime.datetime) -> str:
    """ "10:00 ngày 13/02/2026" (local wall-clock time of an aware datetime)."""
    return _("%(time)s ngày %(date)s") % {"time": fmt_time(moment), "date": fmt_date(moment)}


def fmt_number(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return number_format(value, use_l10n=True)


def fmt_amount(amount: Decimal | int, unit: str) -> str:
    """ "3 ngày làm việc", "0,5 ngày làm việc", "2 giờ làm việc", "30 ngày", "3 tháng"."""
    count = 1 if amount == 1 else 2
    params = {"amount": fmt_number(amount)}
    if unit == DurationUnit.WORKING_DAYS:
        return ngettext("%(amount)s ngày làm việc", "%(amount)s ngày làm việc", count) % params
    if unit == DurationUnit.WORKING_HOURS:
        return ngettext("%(amount)s giờ làm việc", "%(amount)s giờ làm việc", count) % params
    if unit == DurationUnit.CALENDAR_DAYS:
        return ngettext("%(amount)s ngày", "%(amount)s ngày", count) % params
    return ngettext("%(amount)s tháng", "%(amount)s tháng", count) % params


def fmt_working_duration(micros: int) -> str:
    """A working duration in 8-hour days, hours and minutes: "2 ngày 3 giờ 15 phút"."""
    if micros <= 0:
        return _("0 giờ")
    days, rest = divmod(micros, MICROS_PER_DAY)
    hours, rest = divmod(rest, MICROS_PER_HOUR)
    minutes = rest // MICROS_PER_MINUTE
    parts = []
    if days:
        parts.append(ngettext("%(count)d ngày", "%(count)d ngày", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d giờ", "%(count)d giờ", hours) % {"count": hours})
    if minutes:
        parts.append(ngettext("%(count)d phút", "%(count)d phút", minutes) % {"count": minutes})
    return " ".join(parts) if parts else _("dưới 1 phút")


def overdue_text(micros: int) -> str:
    """ "Quá hạn 2 ngày 3 giờ" for a positive working duration past the due time."""
    return _("Quá hạn %(duration)s") % {"duration": fmt_working_duration(micros)}


def _days_text(params: Mapping[str, Any]) -> str:
    first, last = params["first"], params["last"]
    return fmt_day(first) if first == last else f"{fmt_day(first)} – {fmt_day(last)}"


def _day_off_text(params: Mapping[str, Any]) -> str:
    kind = DayKind(params["day_kind"])
    values = {"days": _days_text(params), "kind": kind.label, "name": params.get("name") or ""}
    text = _("Không tính %(days)s (%(kind)s): %(name)s.") % values
    swapped_with = params.get("swapped_with")
    if swapped_with and fmt_date(swapped_with) not in values["name"]:
        text += " " + _("Làm bù vào %(day)s.") % {"day": fmt_day(swapped_with)}
    if not params.get("confirmed", True):
        text += " " + _("(Ngày nghỉ dự kiến, chưa được xác nhận.)")
    return text


def _roll_forward_text(params: Mapping[str, Any]) -> str:
    values = {
        "received": fmt_moment(params["received"]),
        "start": fmt_moment(params["start"]),
        "where": RollForwardReason(params["reason"]).label,
    }
    return _("Tiếp nhận lúc %(received)s, %(where)s: bắt đầu tính từ %(start)s.") % values


def _amount_text(params: Mapping[str, Any]) -> str:
    values = {"amount": fmt_amount(params["amount"], params["unit"])}
    if params["unit"] == DurationUnit.WORKING_DAYS:
        values["amount"] += " " + _("(%(hours)s giờ làm việc, 1 ngày = %(per_day)d giờ)") % {
            "hours": fmt_number(params["hours"]),
            "per_day": HOURS_PER_WORKING_DAY,
        }
    values["start"] = fmt_moment(params["start"])
    return _("Thời hạn %(amount)s, tính từ %(start)s.") % values


def _pause_text(params: Mapping[str, Any]) -> str:
    values = {
        "start": fmt_moment(params["start"]),
        "end": fmt_moment(params["end"]),
        "reason": PauseReason(params["reason"]).label,
        "duration": fmt_working_duration(params["micros"]),
    }
    return (
        _("Tạm dừng từ %(start)s đến %(end)s (%(reason)s): lùi thời hạn %(duration)s làm việc.")
        % values
    )


def render(kind: str, params: Mapping[str, Any]) -> str:
    """The human text of one explanation item."""
    kind = ExplanationKind(kind)
    if kind == ExplanationKind.AMOUNT:
        return _amount_text(params)
    if kind == ExplanationKind.SAME_DAY:
        return _(
            "Thời hạn: trong ngày làm việc, tính từ %(start)s; trả kết quả đến hết giờ làm việc, "
            "%(due)s."
        ) % {"start": fmt_moment(params["start"]), "due": fmt_moment(params["due"])}
    if kind == ExplanationKind.CUTOFF:
        return _(
            "Tiếp nhận lúc %(received)s, sau giờ chốt %(cutoff)s: tính là tiếp nhận vào đầu "
            "ngày làm việc tiếp theo, %(start)s."
        ) % {
            "received": fmt_moment(params["received"]),
            "cutoff": fmt_time(params["cutoff"]),
            "start": fmt_moment(params["start"]),
        }
    if kind == ExplanationKind.ROLL_FORWARD:
        return _roll_forward_text(params)
    if kind == ExplanationKind.WEEKEND:
        return _("Không tính ngày nghỉ hằng tuần: %(days)s.") % {"days": _days_text(params)}
    if kind == ExplanationKind.DAY_OFF:
        return _day_off_text(params)
    if kind == ExplanationKind.MAKEUP:
        text = _("Tính %(day)s là ngày làm việc (ngày làm bù).") % {"day": fmt_day(params["day"])}
        if params.get("name"):
            text += " " + params["name"] + "."
        return text
    if kind == ExplanationKind.LUNCH_BREAK:
        count = params["count"]
        if params.get("start") and params.get("end"):
            return ngettext(
                "Không tính %(count)d lần nghỉ trưa (%(start)s–%(end)s).",
                "Không tính %(count)d lần nghỉ trưa (%(start)s–%(end)s).",
                count,
            ) % {"count": count, "start": fmt_time(params["start"]), "end": fmt_time(params["end"])}
        return ngettext(
            "Không tính %(count)d lần nghỉ giữa hai buổi làm việc.",
            "Không tính %(count)d lần nghỉ giữa hai buổi làm việc.",
            count,
        ) % {"count": count}
    if kind == ExplanationKind.OVERNIGHT:
        count = params["count"]
        return ngettext(
            "Không tính thời gian ngoài giờ làm việc, từ cuối giờ chiều đến đầu giờ sáng ngày "
            "làm việc tiếp theo (%(count)d lần).",
            "Không tính thời gian ngoài giờ làm việc, từ cuối giờ chiều đến đầu giờ sáng ngày "
            "làm việc tiếp theo (%(count)d lần).",
            count,
        ) % {"count": count}
    if kind == ExplanationKind.SESSION_END:
        return _(
            "Thời hạn rơi đúng vào cuối buổi làm việc, %(due)s; không chuyển sang buổi sau."
        ) % {"due": fmt_moment(params["due"])}
    if kind == ExplanationKind.CALENDAR_END:
        text = _(
            "Thời hạn tính theo ngày, tháng (Bộ luật Dân sự 2015, Điều 147–148): ngày cuối "
            "là %(last)s, kết thúc vào cuối giờ làm việc %(due)s."
        ) % {"last": fmt_day(params["last"]), "due": fmt_moment(params["due"])}
        if params["due"].date() != params["last"]:
            text += " " + _("Ngày cuối là ngày nghỉ nên chuyển sang ngày làm việc tiếp theo.")
        return text
    if kind == ExplanationKind.UNCOVERED_YEAR:
        return _(
            "Lịch chưa có ngày nghỉ lễ của năm %(year)d: năm này chỉ tính theo lịch làm việc "
            "hằng tuần."
        ) % {"year": params["year"]}
    if kind == ExplanationKind.PAUSE:
        return _pause_text(params)
    return _(
        "Nhận đủ hồ sơ lúc %(completed)s: thời hạn giải quyết được tính lại từ đầu "
        "(Nghị định 61/2018, Điều 19 khoản 4)."
    ) % {"completed": fmt_moment(params["completed"])}
