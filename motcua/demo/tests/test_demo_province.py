import datetime

import pytest
from django.core.management import call_command

from motcua.accounts.models import User, UserKind
from motcua.agencies import selectors
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency, AgencyEvent, Membership
from motcua.demo import province

pytestmark = pytest.mark.django_db

AFTER_REFORM = datetime.date(2025, 7, 1)


def _counts():
    return (
        Agency.objects.count(),
        AgencyEvent.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
    )


def test_demo_is_idempotent_and_prints_the_logins(capsys):
    call_command("demo")
    first = _counts()
    out = capsys.readouterr().out
    assert province.DEMO_PASSWORD in out and "xuanhuong.motcua" in out and "068080001234" in out

    call_command("demo", "--quiet")
    assert _counts() == first
    assert capsys.readouterr().out == ""


def test_demo_province_has_the_shape_the_issue_asks_for():
    call_command("demo", "--quiet")
    lam_dong = selectors.find_by_code(province.PROVINCE_CODE)
    communes = selectors.subtree(lam_dong, on=AFTER_REFORM).filter(level=Level.COMMUNE)
    assert communes.with_desk().count() >= 6
    assert selectors.subtree(lam_dong, on=AFTER_REFORM).filter(level=Level.DEPARTMENT).count() >= 3
    assert lam_dong.children.filter(
        runs_one_stop_desk=True, level=Level.UNIT
    ).exists()  # the centre
    # Every role is staffed in two communes and one department.
    for key in ("xuanhuong", "camly", "sotuphap"):
        roles = set(
            Membership.objects.filter(user__username__startswith=f"{key}.").values_list(
                "role", flat=True
            )
        )
        assert {Role.DESK_OFFICER, Role.SPECIALIST, Role.UNIT_LEADER, Role.AGENCY_LEADER} <= roles
        assert {Role.REGISTRY_CLERK, Role.MANAGER} <= roles
    assert User.objects.filter(kind=UserKind.CITIZEN).count() >= 3


def test_demo_history_keeps_the_abolished_district_and_the_merged_wards():
    call_command("demo", "--quiet")
    district = selectors.find_by_code(province.OLD_DISTRICT[0])
    assert district.level == Level.DISTRICT and district.valid_to == datetime.date(2025, 6, 30)
    assert not district.children.filter(valid_to__isnull=True).exists()
    old_ward = selectors.find_by_code(province.OLD_WARDS[0][0])
    assert selectors.current_successor(old_ward).short_name == "Phường Xuân Hương - Đà Lạt"
    for code, _name in province.MERGED_PROVINCES:
        assert (
            selectors.current_successor(selectors.find_by_code(code)).code == province.PROVINCE_CODE
        )


def test_demo_simulates_dossiers_only_into_an_empty_database():
    from motcua.dossiers.models import Dossier

    call_command("demo", "--quiet", "--dossiers", "5")
    first = Dossier.objects.count()
    assert first >= 4  # an intake refusal may leave one without a dossier
    call_command("demo", "--quiet", "--dossiers", "5")
    assert Dossier.objects.count() == first


def test_the_worked_example_waits_for_the_desk_with_its_answers():
    from motcua.catalog.answers import dossier_answers
    from motcua.demo import examples
    from motcua.dossiers.access import capacity_for
    from motcua.dossiers.constants import Action, Status
    from motcua.dossiers.models import IdempotencyKey

    call_command("demo", "--quiet", "--dossiers", "1")
    example = IdempotencyKey.objects.get(key=examples.KEY).dossier
    assert example.status == Status.SUBMITTED and example.vneid_verified
    shown = {a.label: a.text for a in dossier_answers(example)}
    assert shown["Họ, chữ đệm, tên của trẻ"] == "Nguyễn Minh Khang"
    assert shown["Ngày, tháng, năm sinh của mẹ"] == "12/04/1986"
    assert shown["Quan hệ của người yêu cầu với trẻ"] == "Cha"
    # Filed without the identity paper: not asked of a VNeID-verified citizen.
    assert not example.components.filter(name__startswith="Giấy tờ tùy thân").exists()
    desk = User.objects.get(username="xuanhuong.motcua")
    assert capacity_for(desk, example, Action.CORRECT_ANSWERS).role == Role.DESK_OFFICER
    call_command("demo", "--quiet", "--dossiers", "1")
    assert IdempotencyKey.objects.filter(key=examples.KEY).count() == 1
