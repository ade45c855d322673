"""Explanations of due times: what was skipped, each with a human text."""

import datetime

from django.utils import translation

from motcua.worktime.constants import DayKind, DurationUnit, ExplanationKind, RollForwardReason
from motcua.worktime.explain import compute_due, restarted_due

from .conftest import at

D, H = DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS


def kinds(result):
    return [item.kind for item in result.explanation]


def test_tet_2026_names_every_holiday_and_groups_weekends(national):
    result = compute_due(at(2026, 2, 13, 10), 3, D, national)
    assert result.due == at(2026, 2, 25, 10)
    day_offs = [item for item in result.explanation if item.kind == ExplanationKind.DAY_OFF]
    assert [item.params["first"] for item in day_offs] == [
        datetime.date(2026, 2, day) for day in range(16, 21)
    ]
    assert "Tết Nguyên Đán" in day_offs[1].text
    weekends = [item for item in result.explanation if item.kind == ExplanationKind.WEEKEND]
    assert [(w.params["first"], w.params["last"]) for w in weekends] == [
        (datetime.date(2026, 2, 14), datetime.date(2026, 2, 15)),
        (datetime.date(2026, 2, 21), datetime.date(2026, 2, 22)),
    ]
    lines = result.lines()
    assert lines[0] == (
        "Thời hạn 3 ngày làm việc (24 giờ làm việc, 1 ngày = 8 giờ), tính từ 10:00 ngày 13/02/2026."
    )
    assert "Không tính 3 lần nghỉ trưa (11:30–13:00)." in lines


def test_cutoff_and_roll_forward_are_explained(national):
    result = compute_due(at(2025, 3, 10, 15, 30), 1, D, national, cutoff=datetime.time(15))
    assert result.counting_from == at(2025, 3, 11, 7, 30)
    assert result.due == at(2025, 3, 11, 17)
    cutoff = next(item for item in result.explanation if item.kind == ExplanationKind.CUTOFF)
    assert "sau giờ chốt 15:00" in cutoff.text
    assert ExplanationKind.SESSION_END in kinds(result)


def test_lunch_start_rolls_to_the_afternoon(national):
    result = compute_due(at(2025, 3, 10, 12), 1, H, national)
    roll = next(item for item in result.explanation if item.kind == ExplanationKind.ROLL_FORWARD)
    assert roll.params["reason"] == RollForwardReason.BETWEEN_SESSIONS
    assert roll.params["start"] == at(2025, 3, 10, 13)
    assert "bắt đầu tính từ 13:00 ngày 10/03/2025" in roll.text


def test_holiday_start_names_the_holiday(national):
    result = compute_due(at(2025, 4, 7, 9), 1, D, national)
    roll = next(item for item in result.explanation if item.kind == ExplanationKind.ROLL_FORWARD)
    assert roll.params["reason"] == RollForwardReason.DAY_OFF
    day_off = next(item for item in result.explanation if item.kind == ExplanationKind.DAY_OFF)
    assert "Giỗ Tổ Hùng Vương" in day_off.text


def test_swap_and_makeup_day_are_explained(national):
    result = compute_due(at(2025, 4, 25, 16), 2, H, national)
    assert result.due == at(2025, 4, 26, 8, 30)
    makeup = next(item for item in result.explanation if item.kind == ExplanationKind.MAKEUP)
    assert "Thứ Bảy 26/04/2025" in makeup.text
    result = compute_due(at(2025, 4, 29, 16, 59), 2, H, national)
    swapped = [
        item
        for item in result.explanation
        if item.kind == ExplanationKind.DAY_OFF and item.params["day_kind"] == DayKind.SWAPPED
    ]
    assert len(swapped) == 1
    assert "02/05/2025" in swapped[0].text


def test_unconfirmed_days_say_so(national):
    result = compute_due(at(2026, 11, 23, 16), 2, H, national)
    day_off = next(item for item in result.explanation if item.kind == ExplanationKind.DAY_OFF)
    assert "chưa được xác nhận" in day_off.text


def test_a_year_without_holidays_is_flagged(national):
    from motcua.worktime.holiday_source import in_memory_calendar

    only_2026 = in_memory_calendar([2026])
    result = compute_due(at(2026, 12, 30, 8), 5, D, only_2026)
    assert [
        item.params["year"] for item in result.explanation if item.kind == "uncovered_year"
    ] == [2027]


def test_calendar_days_explain_the_end_of_day_rule(national):
    result = compute_due(at(2026, 2, 13, 10), 5, DurationUnit.CALENDAR_DAYS, national)
    assert result.due == at(2026, 2, 23, 17)
    assert kinds(result)[-1] == ExplanationKind.CALENDAR_END
    assert "chuyển sang ngày làm việc tiếp theo" in result.lines()[-1]


def test_restart_rule_starts_with_the_reason(national):
    result = restarted_due(at(2026, 3, 5, 10), 5, D, national)
    assert result.due == at(2026, 3, 12, 10)
    assert result.explanation[0].kind == ExplanationKind.RESTART
    assert "tính lại từ đầu" in result.lines()[0]


def test_no_explanation_when_not_asked(national):
    result = compute_due(at(2026, 2, 13, 10), 3, D, national, explain=False)
    assert result.explanation == ()
    assert result.due == at(2026, 2, 25, 10)


def test_texts_follow_the_active_language(national):
    result = compute_due(at(2026, 2, 13, 10), 3, D, national)
    with translation.override("en"):
        lines = result.lines()
    assert lines[0] == (
        "Time limit 3 working days (24 working hours, 1 day = 8 hours), counted from 10:00 on "
        "13/02/2026."
    )
    # Holiday names are data (Vietnamese, from the holidays package); the frame is translated.
    assert any(
        line.startswith("Not counted: Monday 16/02/2026 (")
        and line.endswith("): Giao thừa Tết Nguyên Đán.")
        for line in lines
    )
