"""The receipt of an online dossier is issued by the acceptance's own event (through the task
queue, after commit), so the applicant finds it on their page without anyone opening — or
pressing — anything; a walk-in's receipt stays the desk's to issue at the counter."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.constants import Action
from motcua.dossiers.events import dispatch_event
from motcua.dossiers.models import Event
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import vn
from motcua.notices.constants import FormKey
from motcua.signatures.models import IssuedDocument

pytestmark = pytest.mark.django_db


def _dispatch(dossier, action):
    event = Event.objects.filter(dossier=dossier, action=action).latest("sequence")
    return dispatch_event.call(event.pk)


def test_accepting_an_online_dossier_issues_its_receipt_once(
    version, tree, people, form_component, as_user
):
    dossier = services.submit_online(
        actor=people.citizen_a,
        procedure_version=version,
        receiving_unit=tree.commune_x,
        resolving_agency=tree.commune_x,
        components=[ComponentInput(name="Tờ khai", component=form_component, paper_originals=1)],
        at=vn(2026, 3, 2, 9, 0),
    )
    page = reverse("portal:dossier", args=[dossier.code])
    receipt = reverse("notices:document", args=[dossier.code, "receipt"])
    _dispatch(dossier, Action.SUBMIT)
    assert not IssuedDocument.objects.exists()  # nothing to issue before acceptance

    dossier = services.accept(dossier, actor=people.desk_x, at=vn(2026, 3, 2, 10, 0))
    assert receipt not in as_user(people.citizen_a).get(page).content.decode()
    assert "notices" in _dispatch(dossier, Action.ACCEPT)
    issued = IssuedDocument.objects.get()
    assert issued.kind == FormKey.RECEIPT
    assert receipt in as_user(people.citizen_a).get(page).content.decode()
    response = as_user(people.citizen_a).get(receipt)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    _dispatch(dossier, Action.ACCEPT)  # a task run twice issues nothing more
    assert IssuedDocument.objects.count() == 1


def test_a_walk_in_receipt_is_left_to_the_desk(walk_in):
    dossier = walk_in(at=vn(2026, 3, 2, 9, 0))
    _dispatch(dossier, Action.RECEIVE)
    assert not IssuedDocument.objects.exists()
