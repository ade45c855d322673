import datetime

from motcua.dossiers.constants import ALLOWED_FROM, TARGETS, TERMINAL, Action, Status
from motcua.dossiers.national import NationalStatus, mapping_on, national_status


def test_every_internal_state_has_a_national_code_or_is_a_draft():
    for day in (datetime.date(2019, 1, 1), datetime.date(2026, 1, 1)):
        table = mapping_on(day)
        assert set(table) == set(Status.values)
        for status in Status:
            code = table[status]
            assert (code is None) == (status == Status.DRAFT)
            assert code is None or code in NationalStatus.values


def test_known_codes():
    assert national_status(Status.SUBMITTED) == 1
    assert national_status(Status.RECEIVED) == 2
    assert national_status(Status.REFUSED_AT_INTAKE) == 3
    assert national_status(Status.TRANSFERRED) == 4
    assert national_status(Status.AWAITING_SUPPLEMENT) == 5
    assert national_status(Status.AWAITING_PAYMENT) == 6
    assert national_status(Status.WITHDRAWN) == 7
    assert national_status(Status.STOPPED) == 8
    assert national_status(Status.RESULT_READY) == 9
    assert national_status(Status.RETURNED) == 10


def test_transition_table_is_complete_and_terminal_states_are_final():
    assert set(ALLOWED_FROM) == set(TARGETS) == set(Action.values)
    for action, sources in ALLOWED_FROM.items():
        assert not (sources & TERMINAL), action
    reachable = set().union(*TARGETS.values())
    assert reachable == set(Status.values)
