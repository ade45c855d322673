"""Who may act, across levels of the agency tree: an officer acts for the agency they work for,
never for the one above or below it (the persona tree of the other tests has only siblings).
A commune officer does not act on a dossier the province's department holds; a province officer
does not act where the rules give the commune the act; a phòng inside the commune acts for it."""

import pytest

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Level, Role
from motcua.agencies.tests.factories import make_agency
from motcua.dossiers import services
from motcua.dossiers.access import capacity_for, desk_capacity
from motcua.dossiers.constants import Action
from motcua.dossiers.errors import NotPermitted

from .conftest import vn

pytestmark = pytest.mark.django_db

# Every officer action, with the role that would be entitled to it at the right agency.
ENTITLED = {
    Action.RECEIVE: Role.DESK_OFFICER,
    Action.ACCEPT: Role.DESK_OFFICER,
    Action.REQUEST_INTAKE_SUPPLEMENT: Role.DESK_OFFICER,
    Action.REFUSE_INTAKE: Role.DESK_OFFICER,
    Action.RECORD_PAYMENT: Role.DESK_OFFICER,
    Action.CORRECT_ANSWERS: Role.DESK_OFFICER,
    Action.ASSIGN: Role.AGENCY_LEADER,
    Action.COMPLETE_STEP: Role.SPECIALIST,
    Action.RETURN_STEP: Role.SPECIALIST,
    Action.TRANSFER: Role.SPECIALIST,
    Action.RETURN_TRANSFER: Role.SPECIALIST,
    Action.REQUEST_SUPPLEMENT: Role.SPECIALIST,
    Action.COMPLETE_SUPPLEMENT: Role.DESK_OFFICER,
    Action.REQUEST_PAYMENT: Role.SPECIALIST,
    Action.CONFIRM_PAYMENT: Role.DESK_OFFICER,
    Action.REAPPOINT: Role.AGENCY_LEADER,
    Action.APPROVE: Role.AGENCY_LEADER,
    Action.RECORD_RESULT: Role.REGISTRY_CLERK,
    Action.RETURN_RESULT: Role.DESK_OFFICER,
    Action.STOP: Role.AGENCY_LEADER,
    Action.WITHDRAW: Role.DESK_OFFICER,
}


@pytest.fixture
def levels(tree):
    office = make_agency("Phòng Văn hóa - Xã hội", level=Level.UNIT, parent=tree.commune_x)
    department_office = make_agency(
        "Phòng Hành chính tư pháp", level=Level.UNIT, parent=tree.department
    )

    def staff(unit):
        return {role: make_officer(unit=unit, role=role) for role in set(ENTITLED.values())}

    return {
        "province": staff(tree.province),
        "department": staff(tree.department),
        "department_office": staff(department_office),
        "commune_x": staff(tree.commune_x),
        "commune_x_office": staff(office),
    }


@pytest.fixture
def at_commune(walk_in):
    return walk_in(at=vn(2026, 3, 2, 9, 0))


@pytest.fixture
def at_department(at_commune, people, tree):
    """The commune's dossier sent to the department for liên thông: the department holds it."""
    dossier = services.assign(at_commune, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    return services.transfer(
        dossier,
        actor=people.specialist_x,
        to_agency=tree.department,
        task="Xác minh",
        quota_hours=4,
        at=vn(2026, 3, 2, 10, 0),
    )


def _may(user, dossier, action):
    try:
        capacity_for(user, dossier, action)
    except NotPermitted:
        return False
    return True


@pytest.mark.parametrize("action", list(ENTITLED))
def test_the_province_does_not_act_for_the_commune(levels, at_commune, action):
    role = ENTITLED[action]
    assert _may(levels["commune_x"][role], at_commune, action)
    assert _may(levels["commune_x_office"][role], at_commune, action)
    assert not _may(levels["province"][role], at_commune, action)
    assert not _may(levels["department"][role], at_commune, action)


@pytest.mark.parametrize(
    "action", [Action.RETURN_TRANSFER, Action.REQUEST_SUPPLEMENT, Action.APPROVE, Action.ASSIGN]
)
def test_the_commune_does_not_act_on_what_the_department_holds(levels, at_department, action):
    role = ENTITLED[action]
    assert _may(levels["department"][role], at_department, action)
    assert _may(levels["department_office"][role], at_department, action)
    assert not _may(levels["commune_x"][role], at_department, action)
    assert not _may(levels["commune_x_office"][role], at_department, action)
    assert not _may(levels["province"][role], at_department, action)


def test_a_desk_receives_only_at_its_own_unit(levels, tree):
    assert desk_capacity(levels["commune_x"][Role.DESK_OFFICER], tree.commune_x)
    for who, unit in [("province", tree.commune_x), ("commune_x", tree.province)]:
        with pytest.raises(NotPermitted):
            desk_capacity(levels[who][Role.DESK_OFFICER], unit)


def test_a_phong_specialist_completes_the_commune_step(levels, at_commune, people):
    dossier = services.assign(at_commune, actor=people.desk_x, at=vn(2026, 3, 2, 9, 30))
    specialist = levels["commune_x_office"][Role.SPECIALIST]
    dossier = services.complete_step(dossier, actor=specialist, at=vn(2026, 3, 2, 10, 0))
    event = dossier.events.order_by("-sequence").first()
    assert event.actor == specialist and event.actor_role == Role.SPECIALIST


def test_every_officer_action_is_covered_here():
    # An action added to the rules without a line above would escape these level checks.
    from motcua.dossiers.access import OFFICER_RULES

    assert set(OFFICER_RULES) == set(ENTITLED)
