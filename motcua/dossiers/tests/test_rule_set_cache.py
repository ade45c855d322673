"""The rule set in force is read once per process and trusted like the working calendars: for
CALENDAR_RECHECK_SECONDS, or until a rule set is saved or deleted in this process."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers import rulesets
from motcua.dossiers.models import RuleSet

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _trusted(settings):
    settings.CALENDAR_RECHECK_SECONDS = 10


def _read(day=DAY):
    with CaptureQueriesContext(connection) as captured:
        found = rulesets.in_force_on(day)
    return found, len(captured)


def test_the_rule_set_in_force_is_the_querysets_and_read_once():
    first, queries = _read()
    assert queries == 1
    assert first.pk == RuleSet.objects.in_force_on(DAY).pk
    again, queries = _read()
    assert queries == 0 and again.pk == first.pk
    assert again is not first  # each caller has its own copy
    old, queries = _read(datetime.date(2020, 1, 1))
    assert queries == 0 and old.name == "NĐ 61/2018" and first.name == "NĐ 118/2025"


def test_a_rule_set_saved_in_this_process_is_seen_at_once():
    _read()
    rules = RuleSet.objects.in_force_on(DAY)
    rules.code_format = "{unit}/{day:%Y%m%d}/{seq:05d}"
    rules.save()
    found, queries = _read()
    assert queries == 1 and found.code_format == rules.code_format


def test_a_rule_set_changed_elsewhere_is_seen_after_the_recheck_time(monkeypatch, settings):
    _read()
    RuleSet.objects.filter(valid_to__isnull=True).update(max_reappointments=2)  # no signal
    assert _read()[0].max_reappointments == 1  # trusted for up to 10 s
    later = time.monotonic() + settings.CALENDAR_RECHECK_SECONDS + 1
    monkeypatch.setattr(rulesets.time, "monotonic", lambda: later)
    found, queries = _read()
    assert queries == 1 and found.max_reappointments == 2


def test_a_day_missing_from_what_was_read_is_looked_up_again():
    _read()
    RuleSet.objects.bulk_create(  # another process's new rule set: no signal here
        [RuleSet(name="Cũ", legal_basis="x", valid_from=datetime.date(2010, 1, 1), form_set="2018")]
    )
    found, queries = _read(datetime.date(2011, 5, 5))
    assert queries == 1 and found.name == "Cũ"
    with pytest.raises(RuleSet.DoesNotExist):
        rulesets.in_force_on(datetime.date(2000, 1, 1))


def test_with_no_recheck_time_every_read_asks_the_database(settings):
    settings.CALENDAR_RECHECK_SECONDS = 0
    _read()
    assert _read()[1] == 1
