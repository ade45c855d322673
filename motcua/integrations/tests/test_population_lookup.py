"""The look-up use case: consent before any call, every outcome recorded and audited, the
register's failures turned into a clear message, a citizen limited to their own number."""

import datetime

import pytest

from motcua.accounts.tests.factories import make_citizen
from motcua.audit.models import AuditAction, AuditEntry
from motcua.dossiers.constants import SourceDatabase
from motcua.integrations.models import (
    ConsentMethod,
    DemoFailure,
    DemoRegisterSwitch,
    LookupOutcome,
    RegisterLookup,
)
from motcua.integrations.population import registry, services
from motcua.integrations.population.constants import FEMALE, MALE

KNOWN = "068080001234"
REASON = "Tiếp nhận hồ sơ chứng thực bản sao"


@pytest.fixture
def fast_timeout(monkeypatch):
    monkeypatch.setenv("POPULATION_TIMEOUT", "0.05")
    monkeypatch.setenv("DEMO_POPULATION_DELAY", "0.2")


def desk_lookup(officer, number=KNOWN, **changes):
    values = {
        "actor": officer,
        "id_number": number,
        "reason": REASON,
        "consent": True,
        "consent_method": ConsentMethod.AT_DESK,
    }
    return services.lookup(**(values | changes))


class Spy:
    def __init__(self, monkeypatch):
        self.calls = 0
        plugin = registry.current()
        original = plugin.lookup

        def counted(query):
            self.calls += 1
            return original(query)

        monkeypatch.setattr(plugin, "lookup", counted)


def test_found_fills_the_person_and_records_who_why_what(people):
    result = desk_lookup(people.desk_x)
    assert result.found
    person = result.person
    assert person.full_name == "Nguyễn Văn An"
    assert person.birth_date == datetime.date(1980, 5, 17)
    assert person.sex == MALE
    assert person.permanent_residence.startswith("12 Trần Phú")
    record = RegisterLookup.objects.get()
    assert record == result.record
    assert record.actor == people.desk_x and record.officer
    assert record.id_number == KNOWN and record.reason == REASON
    assert record.consent and record.consent_method == ConsentMethod.AT_DESK
    assert record.outcome == LookupOutcome.FOUND and record.provider == "demo"
    assert record.fields_returned == [
        "HoVaTen",
        "NgaySinh",
        "GioiTinh",
        "NoiThuongTru",
        "QueQuan",
        "DanToc",
    ]
    entry = AuditEntry.objects.get(verb="population_lookup")
    assert entry.actor == people.desk_x and entry.action == AuditAction.LOOKUP
    assert entry.object_id == str(record.pk) and entry.reason == REASON
    assert entry.data["id_number"] == KNOWN and entry.data["outcome"] == "found"
    assert entry.data["fields"] == record.fields_returned and entry.data["consent"] is True


def test_another_known_person_is_a_woman(people):
    assert desk_lookup(people.desk_x, "068187003311").person.sex == FEMALE


def test_without_consent_nothing_is_sent_and_the_refusal_is_recorded(people, monkeypatch):
    spy = Spy(monkeypatch)
    result = desk_lookup(people.desk_x, consent=False)
    assert not result.found and spy.calls == 0
    assert "đồng ý" in result.message
    record = RegisterLookup.objects.get()
    assert record.outcome == LookupOutcome.NO_CONSENT and not record.consent
    assert record.provider == "" and record.fields_returned == []
    assert AuditEntry.objects.get(verb="population_lookup").data["outcome"] == "no_consent"


def test_an_unknown_number_says_so(people):
    result = desk_lookup(people.desk_x, "099999999999")
    assert not result.found
    assert "không có số định danh cá nhân 099999999999" in result.message
    assert RegisterLookup.objects.get().outcome == LookupOutcome.NOT_FOUND


@pytest.mark.parametrize("mode", ["500", "timeout", "malformed"])
def test_every_failure_mode_is_unavailable_with_a_clear_message(
    people, monkeypatch, fast_timeout, mode
):
    monkeypatch.setenv("DEMO_POPULATION_FAIL", mode)
    result = desk_lookup(people.desk_x)
    assert not result.found
    assert "gián đoạn" in result.message and "nhập thông tin theo giấy tờ" in result.message
    record = RegisterLookup.objects.get()
    assert record.outcome == LookupOutcome.UNAVAILABLE and record.error
    assert record.fields_returned == []


def test_the_admin_switch_fails_it_too(people):
    DemoRegisterSwitch.objects.create(failure=DemoFailure.ERROR)
    assert desk_lookup(people.desk_x).record.outcome == LookupOutcome.UNAVAILABLE
    DemoRegisterSwitch.objects.update(failure=DemoFailure.NONE)
    assert desk_lookup(people.desk_x).found


def test_our_credentials_refused_is_refused_not_down(people, monkeypatch):
    monkeypatch.setenv("POPULATION_CLIENT_SECRET", "wrong")
    result = desk_lookup(people.desk_x)
    assert result.record.outcome == LookupOutcome.REFUSED
    assert "từ chối" in result.message


def test_the_register_unreachable_is_unavailable(people, monkeypatch):
    monkeypatch.setenv("POPULATION_DEMO_URL", "http://127.0.0.1:9/register/")
    assert desk_lookup(people.desk_x).record.outcome == LookupOutcome.UNAVAILABLE


@pytest.mark.parametrize("number", ["12345", "06808000123A", ""])
def test_a_malformed_number_is_refused_before_anything(people, number):
    with pytest.raises(services.BadRequest, match="12 chữ số"):
        desk_lookup(people.desk_x, number)
    assert not RegisterLookup.objects.exists()


def test_a_reason_is_required(people):
    with pytest.raises(services.BadRequest, match="lý do"):
        desk_lookup(people.desk_x, reason="  ")


@pytest.fixture
def verified(db):
    return make_citizen(
        "Nguyễn Văn An",
        personal_id=KNOWN,
        date_of_birth=datetime.date(1980, 5, 17),
        vneid_verified=True,
    )


def citizen_lookup(user, number=KNOWN):
    return services.lookup(
        actor=user,
        id_number=number,
        reason="Nộp hồ sơ trực tuyến",
        consent=True,
        consent_method=ConsentMethod.ONLINE,
    )


def test_a_verified_citizen_looks_up_their_own_number(verified):
    result = citizen_lookup(verified)
    assert result.found and not result.record.officer


def test_a_citizen_cannot_look_up_someone_else(verified, monkeypatch):
    spy = Spy(monkeypatch)
    with pytest.raises(services.LookupNotAllowed):
        citizen_lookup(verified, "068192004567")
    assert spy.calls == 0 and not RegisterLookup.objects.exists()


def test_an_unverified_citizen_cannot_look_up_even_their_own(people):
    own = people.citizen_b.citizen_profile.personal_id
    with pytest.raises(services.LookupNotAllowed):
        citizen_lookup(people.citizen_b, own)


def test_the_token_gives_the_source_only_to_its_officer_and_number(people):
    token = desk_lookup(people.desk_x).token
    assert services.source_of(token, actor=people.desk_x, id_number=KNOWN) == (
        SourceDatabase.POPULATION
    )
    assert services.source_of(token, actor=people.desk_y, id_number=KNOWN) == ""
    assert services.source_of(token, actor=people.desk_x, id_number="068192004567") == ""
    assert services.source_of(token + "x", actor=people.desk_x, id_number=KNOWN) == ""
    failed = desk_lookup(people.desk_x, "099999999999").token
    assert services.source_of(failed, actor=people.desk_x, id_number="099999999999") == ""
