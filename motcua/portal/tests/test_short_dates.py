"""``|day_month_year`` shows what ``|date:"d/m/Y"`` shows."""

import datetime
import zoneinfo

import pytest
from django.template import engines
from django.utils import timezone

OURS = engines["django"].from_string("{% load short_dates %}{{ value|day_month_year }}")
DJANGO = engines["django"].from_string('{{ value|date:"d/m/Y" }}')
UTC = datetime.UTC


@pytest.mark.parametrize(
    "value",
    [
        # Around midnight in Hà Nội (UTC+7): the day shown is the local one.
        datetime.datetime(2026, 3, 2, 16, 59, tzinfo=UTC),
        datetime.datetime(2026, 3, 2, 17, 0, tzinfo=UTC),
        datetime.datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
        datetime.datetime(2026, 1, 5, 8, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
        datetime.datetime(999, 1, 1, 12, 0, tzinfo=UTC),
        datetime.datetime(2026, 7, 4, 9, 30),  # naive
        datetime.date(2026, 2, 9),
        None,
        "",
        "không phải ngày",
    ],
)
def test_the_same_as_django_date(value):
    assert OURS.render({"value": value}) == DJANGO.render({"value": value})


def test_the_current_time_zone_is_followed():
    value = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=UTC)
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Auckland")):
        assert OURS.render({"value": value}) == DJANGO.render({"value": value}) == "03/03/2026"
