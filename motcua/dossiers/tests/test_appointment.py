"""The appointment time is one computation, shared by the receipt, the restart after a supplement
and the desk's preview."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from motcua.dossiers import clock, services
from motcua.dossiers.services import ComponentInput
from motcua.worktime.constants import DurationUnit, ExplanationKind, Punctuality
from motcua.worktime.selectors import get_calendar

from .conftest import vn

pytestmark = pytest.mark.django_db
SAME_DAY = SimpleNamespace(
    same_day=True, processing_amount=Decimal(1), processing_unit="working_days"
)
THREE_DAYS = SimpleNamespace(
    same_day=False, processing_amount=Decimal(3), processing_unit=DurationUnit.WORKING_DAYS
)
CUTOFF = datetime.time(15, 0)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (vn(2026, 3, 2, 14, 0), vn(2026, 3, 2, 17, 0)),  # before the cut-off: the same day
        (vn(2026, 3, 2, 15, 30), vn(2026, 3, 3, 17, 0)),  # after it: the next working day
        (vn(2026, 3, 6, 16, 0), vn(2026, 3, 9, 17, 0)),  # Friday after 15:00: Monday
    ],
)
def test_same_day_procedures_end_with_the_effective_receipt_day(received, due):
    assert clock.appointment(SAME_DAY, CUTOFF, get_calendar(), received).due == due


def test_a_same_day_appointment_explains_itself_as_the_same_day_rule():
    # Issue #14: the preview on the dossier page said "Thời hạn 0 ngày làm việc".
    result = clock.appointment(SAME_DAY, CUTOFF, get_calendar(), vn(2026, 3, 2, 15, 30))
    lines = result.lines()
    assert lines[0] == (
        "Thời hạn: trong ngày làm việc, tính từ 07:30 ngày 03/03/2026; trả kết quả đến hết giờ "
        "làm việc, 17:00 ngày 03/03/2026."
    )
    assert not any("0 ngày làm việc" in line for line in lines)
    assert any("sau giờ chốt" in line for line in lines)  # the cut-off is still told


def test_counted_procedures_add_their_working_time():
    result = clock.appointment(THREE_DAYS, None, get_calendar(), vn(2026, 3, 2, 9, 0))
    assert result.due == vn(2026, 3, 5, 9, 0) and result.explanation


def test_the_receipt_uses_the_same_computation(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    expected = clock.appointment(THREE_DAYS, None, clock.calendar_of(dossier), dossier.received_at)
    assert dossier.original_due_at == expected.due
    assert dossier.clock_start_at == expected.counting_from


# A restart after a supplement (ND 61/2018 Art. 19 §4: the time limit runs again from zero once
# the dossier is complete) gives the appointment a new receipt at that instant would get.
TWO_HOURS = SimpleNamespace(
    same_day=False, processing_amount=Decimal(2), processing_unit=DurationUnit.WORKING_HOURS
)
HALF_DAY = SimpleNamespace(
    same_day=False, processing_amount=Decimal("0.5"), processing_unit=DurationUnit.WORKING_DAYS
)


@pytest.mark.parametrize(
    ("term", "at", "due"),
    [
        # Same-day ("trong ngày", cut-off 15:00): the end of that working day…
        (SAME_DAY, vn(2026, 3, 2, 10, 0), vn(2026, 3, 2, 17, 0)),
        # …or of the next one after the cut-off: a Friday after 15:00 ends on Monday.
        (SAME_DAY, vn(2026, 3, 6, 15, 30), vn(2026, 3, 9, 17, 0)),
        # The day before Tết (Fri 13/02/2026; 16–20/02 off): same day before the cut-off,
        # Monday 23/02 after it.
        (SAME_DAY, vn(2026, 2, 13, 10, 0), vn(2026, 2, 13, 17, 0)),
        (SAME_DAY, vn(2026, 2, 13, 16, 0), vn(2026, 2, 23, 17, 0)),
        # Sat 10/01/2026 is a make-up working day (for Fri 02/01).
        (SAME_DAY, vn(2026, 1, 9, 15, 30), vn(2026, 1, 10, 17, 0)),
        (SAME_DAY, vn(2026, 1, 10, 9, 0), vn(2026, 1, 10, 17, 0)),
        # 00:30 local time is still that local day (17:30 UTC of the day before).
        (SAME_DAY, vn(2026, 3, 3, 0, 30), vn(2026, 3, 3, 17, 0)),
        # "02 giờ làm việc": counted in working hours, after the cut-off from the next morning.
        (TWO_HOURS, vn(2026, 3, 2, 14, 0), vn(2026, 3, 2, 16, 0)),
        (TWO_HOURS, vn(2026, 3, 2, 15, 30), vn(2026, 3, 3, 9, 30)),
        (TWO_HOURS, vn(2026, 2, 13, 16, 0), vn(2026, 2, 23, 9, 30)),
        # 0.5 working day = 4 working hours, across the lunch break.
        (HALF_DAY, vn(2026, 3, 2, 10, 0), vn(2026, 3, 2, 15, 30)),
    ],
)
def test_a_restart_gets_the_appointment_of_a_receipt_at_that_instant(term, at, due):
    calendar = get_calendar()
    restarted = clock.appointment(term, CUTOFF, calendar, at, restart=True)
    assert restarted.due == clock.appointment(term, CUTOFF, calendar, at).due == due
    assert restarted.explanation[0].kind == ExplanationKind.RESTART


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (vn(2026, 3, 2, 14, 0), vn(2026, 3, 2, 17, 0)),  # before the cut-off: that day
        (vn(2026, 3, 6, 15, 30), vn(2026, 3, 9, 17, 0)),  # Friday after 15:00: Monday
    ],
)
def test_a_same_day_dossier_restarts_at_the_end_of_the_working_day(
    same_day_walk_in, people, completed, due
):
    dossier = same_day_walk_in(at=completed.replace(hour=8, minute=0))
    assert dossier.original_due_at == dossier.received_at.replace(hour=17)
    dossier = services.assign(dossier, actor=people.desk_x, at=completed.replace(hour=8, minute=5))
    dossier = services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản chính để đối chiếu", "reason": "Chưa mang theo"}],
        at=completed.replace(hour=9, minute=0),
    )
    dossier = services.complete_supplement(
        dossier,
        actor=people.desk_x,
        components=[ComponentInput(name="Bản chính để đối chiếu", paper_originals=1)],
        at=completed,
    )
    assert dossier.due_at == due
    # Finished later on the day it was due: on time, not late from the completion instant on.
    assert clock.legal_punctuality(dossier, as_of=due) == Punctuality.ON_TIME
    # The statistical rule (766) still moves the original due time by the working time paused.
    paused = clock.working_hours_between(
        completed.replace(hour=9, minute=0), completed, get_calendar()
    )
    assert clock.statistical_due(dossier) == clock.add_hours(
        dossier.original_due_at, paused, get_calendar()
    )
