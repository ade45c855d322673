"""Reorganisations refused where they make no sense (nothing changes), splits by their rule,
dissolutions with a successor, and the management command."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.agencies.constants import EventKind, Level
from motcua.agencies.models import Agency, AgencyEvent
from motcua.agencies.tests.factories import make_agency
from motcua.dossiers import reorganisation
from motcua.dossiers.constants import Action
from motcua.dossiers.models import Dossier, Event

from .conftest import vn
from .test_reorganisation import DECISION, merge, snapshot, today

pytestmark = pytest.mark.django_db


def _state():
    return snapshot(), list(Agency.objects.order_by("pk").values()), AgencyEvent.objects.count()


@pytest.mark.parametrize(
    "case, message",
    [
        ("department_into_commune", "cùng loại, cùng cấp"),
        ("into_descendant", "đơn vị cấp dưới của chính nó"),
        ("into_itself", "vào chính nó"),
        ("before_last_move", "trước lần thay đổi gần nhất"),
        ("already_dissolved", "đã ngừng hoạt động"),
        ("future_date", "chưa đến"),
    ],
)
def test_refused_with_a_clear_message_and_nothing_changes(workload, tree, case, message):
    source, into, on = tree.commune_x, tree.commune_y, today()
    if case == "department_into_commune":
        source = tree.department
    elif case == "into_descendant":
        into = make_agency("Xã con", parent=tree.commune_x, level=Level.UNIT, code="")
    elif case == "into_itself":
        into = tree.commune_x
    elif case == "before_last_move":
        AgencyEvent.objects.create(
            agency=tree.commune_x, kind=EventKind.RENAMED, effective_date=today(), decision="1"
        )
        on = today() - datetime.timedelta(days=1)
    elif case == "already_dissolved":
        gone = make_agency(
            "Xã đã giải thể", parent=tree.province, valid_from=datetime.date(2020, 1, 1)
        )
        merge(gone, tree.commune_y, on=datetime.date(2025, 7, 1))
        source = Agency.objects.get(pk=gone.pk)
    elif case == "future_date":
        on = today() + datetime.timedelta(days=1)
    before = _state()
    with pytest.raises(ValidationError) as refused:
        merge(source, into, on=on)
    assert message in " ".join(refused.value.messages)
    assert _state() == before


def test_split_distributes_by_mapping_then_address_then_default(walk_in, tree, people, applicant):
    ward_a = make_agency("Phường Hòa Bình", parent=tree.province, runs_one_stop_desk=True)
    ward_b = make_agency("Phường An Lạc", parent=tree.province, runs_one_stop_desk=True)
    by_address = walk_in(
        at=vn(2026, 3, 2, 9, 0),
        applicant=dataclasses.replace(applicant, address="Số 5, phường An Lạc"),
    )
    by_mapping = walk_in(at=vn(2026, 3, 2, 10, 0))
    by_default = walk_in(at=vn(2026, 3, 2, 11, 0))
    rule = reorganisation.SplitRule(
        targets=[ward_a, ward_b],
        by_code=reorganisation.read_mapping(f"{by_mapping.code},{ward_b.code}\n", [ward_a, ward_b]),
    )
    request = reorganisation.Request(
        kind=reorganisation.Kind.SPLIT,
        source=tree.commune_x,
        targets=[ward_a, ward_b],
        effective_date=today(),
        decision=DECISION,
        rule=rule,
    )
    preview = reorganisation.as_lines(reorganisation.build(request))
    assert any(by_mapping.code in line and "theo tệp phân bổ" in line for line in preview)
    reorganisation.carry_out(request, actor=people.manager)
    where = {pk: rid for pk, rid in Dossier.objects.values_list("pk", "resolving_agency_id")}
    assert where[by_address.pk] == ward_b.pk
    assert where[by_mapping.pk] == ward_b.pk
    assert where[by_default.pk] == ward_a.pk
    event = AgencyEvent.objects.get(agency=tree.commune_x, kind=EventKind.SPLIT)
    assert event.decision == DECISION


def test_a_mapping_naming_another_unit_is_refused(tree):
    with pytest.raises(ValidationError):
        reorganisation.read_mapping("000.00.31.H99-260302-0001,000.00.01.H99\n", [tree.commune_y])


def test_dissolve_hands_the_work_to_the_successor(workload, tree, people):
    reorganisation.carry_out(
        reorganisation.Request(
            kind=reorganisation.Kind.DISSOLVE,
            source=tree.commune_x,
            targets=[tree.commune_y],
            effective_date=today(),
            decision=DECISION,
        ),
        actor=people.manager,
    )
    assert not reorganisation.open_dossiers_of(tree.commune_x).exists()
    x = Agency.objects.get(pk=tree.commune_x.pk)
    assert x.successor == tree.commune_y and x.valid_to is not None
    assert AgencyEvent.objects.get(agency=x, kind=EventKind.DISSOLVED).successor == tree.commune_y


def test_command_previews_then_moves(workload, tree, capsys):
    args = [
        "agencies",
        "merge",
        "--from",
        tree.commune_x.code,
        "--into",
        tree.commune_y.code,
        "--on",
        today().isoformat(),
        "--decision",
        DECISION,
    ]
    call_command(*args, "--dry-run")
    out = capsys.readouterr().out
    assert workload["working"].code in out and "Hồ sơ đang mở sẽ chuyển: 3" in out
    assert not Event.objects.filter(action=Action.REORGANISE).exists()
    call_command(*args)
    assert Event.objects.filter(action=Action.REORGANISE).count() == 3
    with pytest.raises(CommandError, match="đã ngừng hoạt động"):
        call_command(*args)


def test_command_refuses_a_bad_date_and_an_unknown_code(tree):
    with pytest.raises(CommandError):
        call_command(
            "agencies",
            "merge",
            "--from",
            "X",
            "--into",
            tree.commune_y.code,
            "--on",
            "2026-01-01",
            "--decision",
            "1",
        )
    with pytest.raises(CommandError):
        call_command(
            "agencies",
            "dissolve",
            "--from",
            tree.commune_x.code,
            "--successor",
            tree.commune_y.code,
            "--on",
            "01/07/2026",
            "--decision",
            "1",
        )
