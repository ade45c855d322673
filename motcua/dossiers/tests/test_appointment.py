"""The appointment time is one computation, shared by the receipt and the desk's preview."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from motcua.dossiers import clock
from motcua.worktime.constants import DurationUnit
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
