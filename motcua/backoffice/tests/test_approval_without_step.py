"""A dossier awaiting approval with no approval step open — carried over from an earlier
system without its internal process, as the benchmark's generated dossiers are; here its
steps are made to have ended, since a step in the history cannot be deleted — is not offered
"Phê duyệt", and a forced approval is refused with a message, never a 500 (found by the
mixed-day load through the stack: the service looked for the open approval step with a bare
``next``)."""

import pytest
from django.utils.html import escape

from motcua.dossiers import services
from motcua.dossiers.constants import Action, Status
from motcua.dossiers.errors import RuleViolation
from motcua.dossiers.models import DossierStep, Event

from .conftest import freeze_time, vn
from .states import offered_actions, open_page, post_action

pytestmark = pytest.mark.django_db
MESSAGE = "Hồ sơ không có bước phê duyệt nào đang mở nên không thể phê duyệt."


def _no_step_open(dossier):
    DossierStep.objects.filter(dossier=dossier, finished_at=None).update(
        finished_at=vn(2026, 3, 3, 11, 0)
    )


@pytest.fixture
def without_steps(awaiting_approval):
    _no_step_open(awaiting_approval)
    awaiting_approval.refresh_from_db()
    assert awaiting_approval.status == Status.AWAITING_APPROVAL
    return awaiting_approval


@freeze_time(vn(2026, 3, 3, 11, 30))
def test_approval_is_offered_only_with_an_open_approval_step(as_user, people, awaiting_approval):
    client = as_user(people.leader_x)
    assert Action.APPROVE in offered_actions(open_page(client, awaiting_approval))
    _no_step_open(awaiting_approval)
    assert Action.APPROVE not in offered_actions(open_page(client, awaiting_approval))


@freeze_time(vn(2026, 3, 3, 11, 30))
def test_a_forced_approval_is_refused_with_a_message_and_changes_nothing(
    as_user, people, without_steps
):
    before = (without_steps.version, Event.objects.filter(dossier=without_steps).count())
    response = post_action(
        as_user(people.leader_x), without_steps, Action.APPROVE, decision="granted", note="Đồng ý"
    )
    assert response.status_code == 400
    assert escape(MESSAGE) in response.content.decode()
    without_steps.refresh_from_db()
    assert without_steps.status == Status.AWAITING_APPROVAL
    assert (without_steps.version, Event.objects.filter(dossier=without_steps).count()) == before


def test_the_service_refuses_it_too(people, without_steps):
    with pytest.raises(RuleViolation) as refused:
        services.approve(without_steps, actor=people.leader_x)
    assert refused.value.code == "no_approval_step"
