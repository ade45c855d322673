"""Same-day procedures ("trong ngày", cut-off 15:00) in the periodic report: the legal restart
after a supplement ends with the working day, and the statistics keep their own rule (Decision
766: the applicant's time subtracted from the original appointment), unaffected by the restart."""

import datetime

import pytest

from motcua.dossiers import clock, services
from motcua.dossiers.services import ComponentInput
from motcua.reports.common.periods import Period
from motcua.reports.selectors import periodic_report
from motcua.worktime.constants import Punctuality

from .conftest import resolve, resolve_rest, vn

pytestmark = pytest.mark.django_db

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))


def _with_supplement(dossier, people, *, asked, completed):
    dossier = services.assign(
        dossier, actor=people.desk_x, assignee=people.specialist_x, at=asked.replace(minute=0)
    )
    dossier = services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[{"name": "Bản chính", "reason": "Đối chiếu"}],
        at=asked.replace(minute=30),
    )
    return services.complete_supplement(
        dossier, actor=people.desk_x, components=[ComponentInput(name="Bản chính")], at=completed
    )


def test_same_day_dossiers_after_a_supplement(same_day_walk_in, people, tree):
    monday = vn(2026, 3, 2, 8, 0)
    # A: supplement 08:30-14:00, result at 16:00 the same day.
    a = _with_supplement(
        same_day_walk_in(at=monday),
        people,
        asked=vn(2026, 3, 2, 8, 0),
        completed=vn(2026, 3, 2, 14),
    )
    a = resolve_rest(a, people, vn(2026, 3, 2, 16, 0))
    # B: no supplement, result at 16:00.
    b = resolve(same_day_walk_in(at=monday), people, vn(2026, 3, 2, 16, 0))
    # C: received after the cut-off (15:30): due at the end of Tuesday, result Tuesday 16:00.
    c = resolve(same_day_walk_in(at=vn(2026, 3, 2, 15, 30)), people, vn(2026, 3, 3, 16, 0))
    # D: supplement 08:30-14:00, result only on Tuesday at 16:00.
    d = _with_supplement(
        same_day_walk_in(at=monday),
        people,
        asked=vn(2026, 3, 2, 8, 0),
        completed=vn(2026, 3, 2, 14),
    )
    d = resolve_rest(d, people, vn(2026, 3, 3, 16, 0))

    # The legal rule (dossier pages, export, queues): the restarted limit ends with the day.
    assert [x.due_at for x in (a, b, c, d)] == [
        vn(2026, 3, 2, 17, 0),
        vn(2026, 3, 2, 17, 0),
        vn(2026, 3, 3, 17, 0),
        vn(2026, 3, 2, 17, 0),
    ]
    assert [clock.legal_punctuality(x) for x in (a, b, c, d)] == [
        Punctuality.ON_TIME,
        Punctuality.ON_TIME,
        Punctuality.ON_TIME,
        Punctuality.LATE,
    ]
    # The statistics: the original appointment (17:00 on Monday) moved by the 4 working hours
    # paused (08:30-11:30 and 13:00-14:00) -> Tuesday 11:30.
    assert clock.statistical_due(a) == clock.statistical_due(d) == vn(2026, 3, 3, 11, 30)
    assert a.original_due_at == d.original_due_at == vn(2026, 3, 2, 17, 0)
    counts = periodic_report(tree.commune_x, MARCH).total.counts
    assert counts["processed_total"] == 4
    # D finished after even the moved due time: late in both rules; A, B, C are not late.
    assert counts["processed_late"] == 1
    assert counts["processed_early"] + counts["processed_on_time"] == 3
