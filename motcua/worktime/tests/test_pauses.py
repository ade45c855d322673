"""Pauses under the statistical rule and the legal restart rule; early / on time / late."""

import datetime
from datetime import date

import pytest
from django.utils import translation

from motcua.worktime import pauses, punctuality
from motcua.worktime.constants import DurationUnit, ExplanationKind, PauseReason, Punctuality
from motcua.worktime.explain import compute_due, restarted_due

from .conftest import at

D = DurationUnit.WORKING_DAYS
RECEIVED = at(2026, 3, 2, 8)  # Monday
DUE = at(2026, 3, 9, 8)  # 5 WD later
SUPPLEMENT = pauses.Pause(at(2026, 3, 3, 10), at(2026, 3, 5, 10), PauseReason.SUPPLEMENT)


def test_base_due(national):
    assert compute_due(RECEIVED, 5, D, national).due == DUE


def test_statistical_rule_moves_the_due_time_by_the_working_time_paused(national):
    assert pauses.paused_working_micros([SUPPLEMENT], national) == 16 * 3_600_000_000
    assert pauses.shift_due_by_pauses(DUE, [SUPPLEMENT], national) == at(2026, 3, 11, 8)


def test_overlapping_pauses_count_once(national):
    fee = pauses.Pause(at(2026, 3, 4, 9), at(2026, 3, 6, 9), PauseReason.FINANCIAL_OBLIGATION)
    assert pauses.paused_working_micros([fee, SUPPLEMENT], national) == 23 * 3_600_000_000
    assert pauses.shift_due_by_pauses(DUE, [SUPPLEMENT, fee], national) == at(2026, 3, 11, 16, 30)


def test_no_pause_keeps_a_due_time_at_a_session_end(national):
    due = at(2026, 3, 9, 17)
    assert pauses.shift_due_by_pauses(due, [], national) == due
    weekend = pauses.Pause(at(2026, 3, 7, 9), at(2026, 3, 8, 9))
    assert pauses.shift_due_by_pauses(due, [weekend], national) == due


def test_open_pause_needs_a_measuring_instant(national):
    waiting = pauses.Pause(at(2026, 3, 3, 10))
    with pytest.raises(ValueError, match="as_of"):
        pauses.shift_due_by_pauses(DUE, [waiting], national)
    assert pauses.shift_due_by_pauses(DUE, [waiting], national, as_of=at(2026, 3, 5, 10)) == at(
        2026, 3, 11, 8
    )


def test_pause_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        pauses.Pause(at(2026, 3, 5), at(2026, 3, 4))


def test_due_after_pauses_explains_each_pause(national):
    result = pauses.due_after_pauses(compute_due(RECEIVED, 5, D, national), [SUPPLEMENT], national)
    assert result.due == at(2026, 3, 11, 8)
    item = result.explanation[-1]
    assert item.kind == ExplanationKind.PAUSE
    assert item.text == (
        "Tạm dừng từ 10:00 ngày 03/03/2026 đến 10:00 ngày 05/03/2026 (yêu cầu bổ sung, hoàn "
        "thiện hồ sơ): lùi thời hạn 2 ngày làm việc."
    )


def test_an_extension_over_a_holiday_explains_the_holiday(national):
    received = at(2026, 4, 21, 8)  # Tuesday
    result = compute_due(received, 5, D, national)
    assert result.due == at(2026, 4, 29, 8)  # Sun 26 and Mon 27/4 (Hùng Kings) off
    pause = pauses.Pause(at(2026, 4, 22, 8), at(2026, 4, 23, 8))
    extended = pauses.due_after_pauses(result, [pause], national)
    assert extended.due == at(2026, 5, 4, 8)  # 30/4 and 1/5 off, then the weekend
    tail = [item.params.get("first") for item in extended.explanation[-3:]]
    assert tail == [date(2026, 4, 30), date(2026, 5, 1), date(2026, 5, 2)]


def test_legal_rule_restarts_the_whole_limit(national):
    assert restarted_due(at(2026, 3, 5, 10), 5, D, national).due == at(2026, 3, 12, 10)
    late_completion = restarted_due(
        at(2026, 3, 5, 15, 30), 5, D, national, cutoff=datetime.time(15)
    )
    assert late_completion.counting_from == at(2026, 3, 6, 7, 30)
    assert late_completion.due == at(2026, 3, 12, 17)


class TestStatistics:
    def test_more_than_one_supplement_request_is_late(self, national):
        second = pauses.Pause(at(2026, 3, 6, 9), at(2026, 3, 6, 10))
        verdict = pauses.statistical_punctuality(
            at(2026, 3, 4), DUE, [SUPPLEMENT, second], national, as_of=at(2026, 3, 31)
        )
        assert verdict == Punctuality.LATE

    def test_waiting_dossier_is_measured_at_its_request(self, national):
        waiting = pauses.Pause(at(2026, 3, 9, 9))
        verdict = pauses.statistical_punctuality(
            None, DUE, [waiting], national, as_of=at(2026, 3, 31)
        )
        assert verdict == Punctuality.LATE  # requested after the due time
        early = pauses.Pause(at(2026, 3, 4, 9))
        verdict = pauses.statistical_punctuality(
            None, DUE, [early], national, as_of=at(2026, 3, 31)
        )
        assert verdict == Punctuality.EARLY

    def test_paused_time_is_given_back(self, national):
        finished = at(2026, 3, 10, 16)  # after the original due, before the shifted one
        verdict = pauses.statistical_punctuality(
            finished, DUE, [SUPPLEMENT], national, as_of=at(2026, 3, 31)
        )
        assert verdict == Punctuality.EARLY
        assert punctuality.classify_finish(finished, DUE, national) == Punctuality.LATE

    def test_open_dossier_is_measured_at_the_period_end(self, national):
        verdict = pauses.statistical_punctuality(None, DUE, [], national, as_of=at(2026, 3, 31))
        assert verdict == Punctuality.LATE


class TestPunctuality:
    due = at(2025, 3, 10, 17)

    @pytest.mark.parametrize(
        ("finished", "verdict"),
        [
            (at(2025, 3, 7, 16), Punctuality.EARLY),
            (at(2025, 3, 10, 9), Punctuality.ON_TIME),
            (at(2025, 3, 10, 17), Punctuality.ON_TIME),
            (at(2025, 3, 10, 17, 0, 1), Punctuality.LATE),
        ],
    )
    def test_classification(self, national, finished, verdict):
        assert punctuality.classify_finish(finished, self.due, national) == verdict

    def test_overdue_by_days_hours_minutes_in_working_time(self, national):
        finished = at(2025, 3, 12, 10)
        assert punctuality.overdue_days_hours(finished, self.due, national) == (1, 2, 30)
        assert punctuality.describe(finished, self.due, national) == "Quá hạn 1 ngày 2 giờ 30 phút"
        finished = at(2025, 3, 13, 16)
        assert punctuality.describe(finished, self.due, national) == "Quá hạn 2 ngày 7 giờ"
        assert punctuality.overdue_timedelta(finished, self.due, national) == datetime.timedelta(
            hours=23
        )

    def test_overdue_text_in_english(self, national):
        with translation.override("en"):
            assert (
                punctuality.describe(at(2025, 3, 12, 10), self.due, national)
                == "Overdue by 1 day 2 hours 30 minutes"
            )
            assert (
                punctuality.describe(at(2025, 3, 14, 8, 30), self.due, national)
                == "Overdue by 3 days 1 hour"
            )
            assert punctuality.describe(at(2025, 3, 10, 9), self.due, national) == "On time"

    def test_late_outside_working_hours(self, national):
        text = punctuality.describe(at(2025, 3, 10, 19), self.due, national)
        assert text.startswith("Quá hạn")
        assert punctuality.overdue_micros(at(2025, 3, 10, 19), self.due, national) == 0

    def test_early_says_by_how_much(self, national):
        text = punctuality.describe(at(2025, 3, 7, 16), self.due, national)
        assert text == "Trước hạn 1 ngày 1 giờ"
