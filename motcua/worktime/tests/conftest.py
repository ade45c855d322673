import datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.worktime import selectors
from motcua.worktime.holiday_source import in_memory_calendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# Built once, without the database: the national calendar as the package and the seeds make it.
NATIONAL = in_memory_calendar(range(2019, 2029))


def at(year, month, day, hour=0, minute=0, second=0):
    """An aware Vietnam-local instant."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=VN)


@pytest.fixture
def national():
    return NATIONAL


@pytest.fixture
def db_calendar(db):
    """The national calendar read from the database (seeded after migrate)."""
    selectors.invalidate()
    return selectors.get_calendar()


@pytest.fixture(autouse=True)
def _fresh_memo():
    # Rolled-back test transactions must not leave a calendar built from their rows behind.
    yield
    selectors.invalidate()
