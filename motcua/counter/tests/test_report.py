"""Waiting times (taken → called) and service times (called → done) per field and day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from .. import report, services

pytestmark = pytest.mark.django_db


# Midday in Vietnam: tickets taken two hours before "now" and called a quarter of an hour later
# must fall on one local day (run shortly after midnight, they did not).
@time_machine.travel(
    datetime.datetime(2026, 3, 4, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
)
def test_waiting_and_service_times(tree, fields, counters, people):
    t0 = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=2)
    minute = datetime.timedelta(minutes=1)
    services.take_ticket(tree.commune_x, fields.civil, at=t0)
    services.take_ticket(tree.commune_x, fields.civil, at=t0 + 2 * minute)
    services.take_ticket(tree.commune_x, fields.certify, at=t0 + 3 * minute)
    services.take_ticket(tree.commune_x, fields.civil, at=t0 + 4 * minute)
    services.open_session(counters.one, people.desk_x, at=t0)
    # civil 1: waits 10, served 5; civil 2: waits 13, no show; certify: waits 13, served 3
    services.call_next(counters.one, people.desk_x, at=t0 + 10 * minute)
    services.act(counters.one, people.desk_x, "done", at=t0 + 15 * minute)
    services.call_next(counters.one, people.desk_x, at=t0 + 15 * minute)
    services.act(counters.one, people.desk_x, "no_show", at=t0 + 16 * minute)
    services.call_next(counters.one, people.desk_x, at=t0 + 16 * minute)
    services.act(counters.one, people.desk_x, "done", at=t0 + 19 * minute)

    day = timezone.localdate(t0)
    result = report.waiting_times(tree.commune_x, day, day)
    by_field = {row.field_name: row for row in result.fields}
    civil, certify = by_field["Hộ tịch"], by_field["Chứng thực"]
    assert (civil.taken, civil.served, civil.no_show, civil.unserved) == (3, 1, 1, 1)
    assert civil.mean_wait == 11.5 and civil.max_wait == 13.0 and civil.mean_service == 5.0
    assert (certify.taken, certify.served, certify.mean_wait, certify.mean_service) == (
        1,
        1,
        13.0,
        3.0,
    )
    assert result.total.taken == 4 and result.total.served == 2
    assert len(result.days) == 2
    # Another centre's report is empty.
    assert report.waiting_times(tree.commune_y, day, day).total.taken == 0
