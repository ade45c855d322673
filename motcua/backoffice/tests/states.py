"""Dossiers of the test procedure (dossiers/tests/conftest.py) in every state the back-office
tests look at, the personas who look at them, and the requests a test sends to a dossier's page.

Each state is built through the service an officer's action calls (style.md §9), one step from
the state before it: ``received`` -> ``in_progress`` -> ``awaiting_approval`` -> ``at_registry``
-> ``result_ready`` -> ``returned``, and from ``in_progress`` the side states (awaiting a
supplement or a payment, transferred, stopped). A test that names a state gets the one dossier
that went through every earlier step; conftest.py offers the fixtures to every module here."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.agencies.constants import Role
from motcua.documents.services import store_file
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ComponentInput
from motcua.dossiers.tests.conftest import vn

# --- Personas ----------------------------------------------------------------------------------


@pytest.fixture
def cast(people, tree, registry_x) -> dict:
    """Every persona of a dossier of commune X by name: commune X's desk officer, specialist,
    leader and registry clerk; the province's manager; the partner agency's specialist; commune
    Y's desk officer and leader; the applicant, another citizen and the anonymous visitor."""
    return {
        "desk_x": people.desk_x,
        "specialist_x": people.specialist_x,
        "leader_x": people.leader_x,
        "registry_x": registry_x,
        "manager": people.manager,
        "partner": people.specialist_department,
        "desk_y": people.desk_y,
        "leader_y": make_officer("Lý Văn Khoa", unit=tree.commune_y, role=Role.AGENCY_LEADER),
        "applicant": people.citizen_a,
        "other_citizen": people.citizen_b,
        "anonymous": None,
    }


# --- The main line, one service call a step ----------------------------------------------------


def assign(dossier: Dossier, cast: dict) -> Dossier:
    """The desk hands the dossier to commune X's specialist (chuyển xử lý)."""
    return services.assign(
        dossier, actor=cast["desk_x"], assignee=cast["specialist_x"], at=vn(2026, 3, 2, 10, 0)
    )


def complete_appraisal(dossier: Dossier, cast: dict) -> Dossier:
    """The specialist ends the appraisal step (thẩm định); the leader's approval opens."""
    return services.complete_step(dossier, actor=cast["specialist_x"], at=vn(2026, 3, 3, 9, 0))


def approve(dossier: Dossier, cast: dict) -> Dossier:
    """The leader grants the request (phê duyệt); the registry step opens."""
    return services.approve(dossier, actor=cast["leader_x"], at=vn(2026, 3, 3, 10, 0))


def record_result(dossier: Dossier, cast: dict) -> Dossier:
    """The registry clerk enters the result in the register (vào sổ, phát hành)."""
    return services.record_result(
        dossier, actor=cast["registry_x"], document_number="12/GCN", at=vn(2026, 3, 3, 10, 30)
    )


def through_to_result(dossier: Dossier, cast: dict) -> Dossier:
    """A received dossier taken along the whole process until its result waits at the desk."""
    for step in (assign, complete_appraisal, approve, record_result):
        dossier = step(dossier, cast)
    return dossier


# --- The states ---------------------------------------------------------------------------------


@pytest.fixture
def scans(people):
    """The applicant's form as the desk scanned it: a PDF and a JPEG photo."""
    return [
        store_file(content, name=name, content_type=content_type, uploaded_by=people.desk_x)
        for name, content_type, content in (
            ("to-khai.pdf", "application/pdf", samples.pdf("scan")),
            ("anh-chup.jpg", "image/jpeg", samples.image("JPEG")),
        )
    ]


@pytest.fixture
def received(walk_in, form_component, scans):
    component = ComponentInput(
        name="Tờ khai", component=form_component, files=scans, paper_originals=1
    )
    return walk_in(components=[component], at=vn(2026, 3, 2, 9, 30))


@pytest.fixture
def in_progress(received, cast):
    return assign(received, cast)


@pytest.fixture
def awaiting_approval(in_progress, cast):
    return complete_appraisal(in_progress, cast)


@pytest.fixture
def at_registry(awaiting_approval, cast):
    return approve(awaiting_approval, cast)


@pytest.fixture
def result_ready(at_registry, cast):
    return record_result(at_registry, cast)


@pytest.fixture
def returned(result_ready, people):
    return services.return_result(
        result_ready,
        actor=people.desk_x,
        recipient_name="Nguyễn Văn An",
        recipient_id_number="068080000001",
        originals_returned=True,
        at=vn(2026, 3, 3, 11, 0),
    )


@pytest.fixture
def awaiting_supplement(in_progress, people):
    return services.request_supplement(
        in_progress,
        actor=people.specialist_x,
        items=[{"name": "Bản sao giấy khai sinh", "reason": "Thiếu"}],
        at=vn(2026, 3, 2, 14, 0),
    )


@pytest.fixture
def awaiting_payment(in_progress, people):
    return services.request_payment(
        in_progress,
        actor=people.specialist_x,
        lines=[{"name": "Phí thẩm định", "amount": 30000}],
        at=vn(2026, 3, 2, 14, 0),
    )


@pytest.fixture
def transferred(in_progress, people, tree):
    return services.transfer(
        in_progress,
        actor=people.specialist_x,
        to_agency=tree.department,
        task="Xác minh hộ tịch",
        quota_hours=8,
        at=vn(2026, 3, 2, 14, 0),
    )


@pytest.fixture
def stopped(in_progress, people):
    return services.stop(
        in_progress, actor=people.leader_x, reason="Người nộp đã chết", at=vn(2026, 3, 2, 15, 0)
    )


# --- Requests to a dossier's page ---------------------------------------------------------------


def page_url(dossier: Dossier) -> str:
    return reverse("backoffice:dossier", args=[dossier.code])


def action_url(dossier: Dossier, action: str) -> str:
    return reverse("backoffice:act", args=[dossier.code, action])


def open_page(client, dossier: Dossier):
    return client.get(page_url(dossier))


def offered_actions(response) -> set[str]:
    """The actions whose forms the page shows (each posts to its own URL)."""
    return set(re.findall(r"/actions/([a-z_]+)/", response.content.decode()))


def post_action(client, dossier: Dossier, action: str, **data):
    """Post an action's form with the dossier's current version, as the page would."""
    dossier.refresh_from_db()
    payload = {"version": dossier.version, "idempotency_key": f"t-{action}-{dossier.version}"}
    return client.post(action_url(dossier, action), payload | data)
