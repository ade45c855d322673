"""The role/state action matrix of the dossier page (issue #6, deliverable 8).

For ten dossier states built through the services (states.py, each once per test) and eleven
personas (commune X's desk officer, specialist, leader, registry clerk; the province's
statistics officer; a partner agency's specialist; commune Y's desk officer and leader; the
applicant, another citizen, the anonymous visitor):

- the page offers exactly the actions the state table (``ALLOWED_FROM``), the role rules
  (``OFFICER_RULES``) and the internal process allow — the expectation is computed here from
  those tables and a model of the test process, not by ``actions.offered``;
- every offered action, posted with valid data, is carried out (tried in a rolled-back
  savepoint, so each one starts from the same state);
- every action not offered, forced by URL with valid data and the current version, is refused
  by the service (400) with its message and for the reason the tables give (state, role or
  process), and the dossier's version, state, holder, due time, outcome and history are
  unchanged;
- officers who cannot see the dossier, citizens and anonymous visitors get 404 / 403 / the
  sign-in page on every URL of the dossier (page, file, notices, every action), changing
  nothing.

Each test covers one state; a failure lists every persona's wrong cells at once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.html import escape

from motcua.agencies.constants import Role
from motcua.backoffice.actions import SPECS
from motcua.backoffice.officers import colleagues
from motcua.documents.tests import samples
from motcua.dossiers.access import OFFICER_RULES
from motcua.dossiers.constants import ALLOWED_FROM, Action, Status
from motcua.dossiers.models import Dossier

from .conftest import freeze_time, vn
from .states import action_url, offered_actions, page_url

pytestmark = pytest.mark.django_db

A, S, R = Action, Status, Role
NOW = vn(2026, 3, 3, 11, 30)  # every page is opened and every form posted at this moment
_keys = itertools.count(1)


# --- The model the expectation is computed from ------------------------------------------------

# The test procedure's internal process (dossiers/tests/conftest.py): stage -> (unit, role).
STAGES = {
    1: ("desk", R.DESK_OFFICER),  # intake
    2: ("specialist_unit", R.SPECIALIST),  # first resolution stage
    3: ("leadership", R.AGENCY_LEADER),
    4: ("registry", R.REGISTRY_CLERK),  # last resolution stage
    5: ("desk", R.DESK_OFFICER),  # return
}
RESOLUTION = [2, 3, 4]
LEADERS = {R.UNIT_LEADER, R.AGENCY_LEADER}


@dataclass(frozen=True)
class State:
    status: str
    open_stage: int | None  # the stage whose steps are open
    holder: str = "commune_x"  # the agency holding the dossier (anchor "holder")
    transferred: bool = False  # a liên thông transfer exists (the partner sees the dossier)


MODEL = {
    "received": State(S.RECEIVED, 1),
    "in_progress": State(S.IN_PROGRESS, 2),
    "awaiting_approval": State(S.AWAITING_APPROVAL, 3),
    "at_registry": State(S.IN_PROGRESS, 4),
    "result_ready": State(S.RESULT_READY, 5),
    "returned": State(S.RETURNED, None),
    "awaiting_supplement": State(S.AWAITING_SUPPLEMENT, 2),
    "awaiting_payment": State(S.AWAITING_PAYMENT, 2),
    "transferred": State(S.TRANSFERRED, 2, holder="department", transferred=True),
    "stopped": State(S.STOPPED, 2),
}

# Officer personas: (role, home agency). The receiving desk and the resolving agency are
# commune X in every state; the manager (thống kê, giám sát) sits at the province.
OFFICERS = {
    "desk_x": (R.DESK_OFFICER, "commune_x"),
    "specialist_x": (R.SPECIALIST, "commune_x"),
    "leader_x": (R.AGENCY_LEADER, "commune_x"),
    "registry_x": (R.REGISTRY_CLERK, "commune_x"),
    "manager": (R.MANAGER, "province"),
    "partner": (R.SPECIALIST, "department"),  # the liên thông partner agency's specialist
}
OUTSIDERS = ["desk_y", "leader_y", "applicant", "other_citizen", "anonymous"]


def _within(anchor: str, home: str) -> bool:
    return anchor == home or home == "province"


def _visible(persona: str, state: State) -> bool:
    home = OFFICERS[persona][1]
    return home in ("commune_x", "province") or (home == "department" and state.transferred)


def _fits_process(action: str, role: str, state: State) -> bool:
    stage = state.open_stage
    if action == A.COMPLETE_STEP:
        # One's own open step (any step for a leader), never the approval step, and not the
        # last resolution step: that one ends by recording the result.
        if stage is None:
            return False
        unit, step_role = STAGES[stage]
        return (
            unit != "leadership"
            and (step_role == role or role in LEADERS)
            and stage != RESOLUTION[-1]
        )
    if action == A.RECORD_RESULT:
        return stage == RESOLUTION[-1]
    if action == A.APPROVE:
        # Approving ends the open approval step: none open, nothing to approve.
        return stage is not None and STAGES[stage][0] == "leadership"
    if action == A.RETURN_STEP:
        # There must be a previous resolution step to send the dossier back to.
        return stage in RESOLUTION and stage != RESOLUTION[0]
    return True


def expected_actions(state_name: str, persona: str) -> set[str]:
    state = MODEL[state_name]
    role, home = OFFICERS[persona]
    anchors = {"desk": "commune_x", "resolver": "commune_x", "holder": state.holder}
    result = set()
    for action in SPECS:
        if state.status not in ALLOWED_FROM[action]:
            continue
        roles, where = OFFICER_RULES[action]
        if role in roles and _within(anchors[where], home) and _fits_process(action, role, state):
            result.add(str(action))
    return result


# --- The states (states.py), checked against the model -----------------------------------------


def _build(request, state_name: str) -> Dossier:
    dossier = request.getfixturevalue(state_name)
    dossier.refresh_from_db()
    model = MODEL[state_name]
    # The model above describes what was built (a check of the fixtures, not of the page).
    assert dossier.status == model.status
    tree = request.getfixturevalue("tree")
    assert dossier.holder_id == getattr(tree, model.holder).pk
    opened = {step.stage for step in dossier.steps.all() if step.is_open}
    if model.status not in (S.RETURNED, S.STOPPED):
        assert opened == {model.open_stage}
    return dossier


# --- Requests -----------------------------------------------------------------------------------


def _pdf():
    return SimpleUploadedFile("bo-sung.pdf", samples.pdf("bo sung"), "application/pdf")


def _form_data(action: str, dossier: Dossier, user, cast) -> dict:
    """Plausible, valid data for the action's form (what an officer would type)."""
    data = {"version": dossier.version, "idempotency_key": f"matrix-{next(_keys)}"}
    spec = SPECS[action]
    options = list(spec.choices(dossier, user)) if spec.choices else []
    extra = {
        A.ACCEPT: {},
        A.REQUEST_INTAKE_SUPPLEMENT: {"item_0": "Bản sao CCCD", "item_0_reason": "Mờ"},
        A.REFUSE_INTAKE: {"reason": "Không thuộc thẩm quyền"},
        A.ASSIGN: {"note": "Giao xử lý"},
        A.COMPLETE_STEP: {"note": "Đủ điều kiện"},
        A.RETURN_STEP: {"reason": "Cần thẩm định lại"},
        A.TRANSFER: {"task": "Xác minh", "quota_hours": "8"},
        A.RETURN_TRANSFER: {"reply": "Đã xác minh"},
        A.REQUEST_SUPPLEMENT: {"item_0": "Bản sao sổ hộ khẩu", "item_0_reason": "Thiếu"},
        A.COMPLETE_SUPPLEMENT: {"files": _pdf(), "note": "Đã nhận"},
        A.REQUEST_PAYMENT: {"line_name": "Phí thẩm định", "line_amount": "30000"},
        A.CONFIRM_PAYMENT: {"reference": "BL-0042"},
        A.REAPPOINT: {"new_due_at": "2026-03-20T17:00", "reason": "Chờ xác minh"},
        A.APPROVE: {"decision": "granted", "note": "Đồng ý"},
        A.RECORD_RESULT: {"document_number": "7/GCN", "name": "Giấy chứng nhận"},
        A.RETURN_RESULT: {
            "recipient_name": "Nguyễn Văn An",
            "recipient_id_number": "068080000001",
            "originals_returned": "on",
            "tracking_code": "EMS123VN",
            "postal_fee": "25000",
        },
        A.STOP: {"reason": "Theo đề nghị của cơ quan phối hợp"},
        A.WITHDRAW: {"reason": "Người nộp xin rút"},
        A.CORRECT_ANSWERS: {
            "answer_request": "Cấp giấy chứng nhận",
            "answer_copies": "2",
            "reason": "Người nộp đề nghị sửa",
        },
    }[action]
    if action == A.ASSIGN:
        # The assignment form's options are the agencies; the officers are their colleagues.
        options = list(colleagues(options))
        assignee = cast["specialist_x"] if cast["specialist_x"] in options else options[0]
        extra["assignee"] = assignee.pk
    if action == A.TRANSFER:
        extra["to_agency"] = options[0].pk if options else 0
    return data | extra


def _snapshot(dossier: Dossier) -> tuple:
    """What any action changes: the version, the state, the holder, the due time, the outcome
    and the history (one query; every action bumps the version and writes an Event)."""
    return (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(n_events=Count("events"))
        .values_list("version", "status", "holder_id", "due_at", "outcome", "n_events")
        .get()
    )


def _failed_form(response):
    """The form of the action the view refused, from the real page or the light one."""
    if hasattr(response, "failed_form"):
        return response.failed_form
    if response.context["failed_form"] is not None:
        return response.context["failed_form"]
    return next(item["form"] for item in response.context["action_forms"] if item["open"])


def _refusal(response) -> list[str]:
    """The service's message on a refused action; the form itself must have been valid (a
    non-field error is added only from the service's DossierError)."""
    form = _failed_form(response)
    assert not any(form[name].errors for name in form.fields), form.errors.as_data()
    return list(form.non_field_errors())


@pytest.fixture
def light_refusals(monkeypatch):
    """A test's first refusal renders the real page (the service's message shown with it);
    after that the view's re-rendering of the page is replaced by a bare 400 carrying the
    refused form. Everything before it — the form, the service, the transaction — still runs;
    only identical page renders are saved, keeping the matrix within its time budget."""
    from django.http import HttpResponse

    from motcua.backoffice import dossier as page

    real = page.render_page
    refusals = []

    def render(request, code, *, failed=None, status=200):
        if failed is None or not refusals:
            refusals.extend([failed] if failed is not None else [])
            return real(request, code, failed=failed, status=status)
        response = HttpResponse(status=status)
        response.failed_form = failed[1]
        return response

    monkeypatch.setattr(page, "render_page", render)


class Failures(list):
    """Soft assertions: one state's test reports every persona's wrong cells at once."""

    def check(self, persona: str, check, *args):
        try:
            check(*args)
        except AssertionError as error:
            self.append(f"{persona}: {error}")


# --- The matrix: officers ------------------------------------------------------------------------


def _check_officer(client, dossier, state_name, persona, user, cast):
    url = page_url(dossier)
    baseline = _snapshot(dossier)
    page = client.get(url)
    if not _visible(persona, MODEL[state_name]):
        assert page.status_code == 404, f"page {page.status_code}, expected 404"
        for action in SPECS:
            forced = client.post(
                action_url(dossier, action), _form_data(action, dossier, user, cast)
            )
            assert forced.status_code == 404, f"{action}: {forced.status_code}, expected 404"
        assert _snapshot(dossier) == baseline, "a hidden dossier changed"
        return

    assert page.status_code == 200, f"page {page.status_code}"
    offered = offered_actions(page)
    expected = expected_actions(state_name, persona)
    assert offered == expected, (
        f"offered but not allowed: {sorted(offered - expected)}; "
        f"allowed but not offered: {sorted(expected - offered)}"
    )

    # (a') Every offered action is carried out; each is tried from the same state and undone.
    for action in sorted(offered):
        with transaction.atomic():
            done = client.post(action_url(dossier, action), _form_data(action, dossier, user, cast))
            if done.status_code != 302:
                errors = _failed_form(done).errors.as_data() if done.status_code == 400 else ""
                raise AssertionError(f"{action} offered but refused ({done.status_code}): {errors}")
            assert done["Location"] == url, action
            after = _snapshot(dossier)
            assert after[0] == baseline[0] + 1 and after[-1] == baseline[-1] + 1, action
            transaction.set_rollback(True)
        assert _snapshot(dossier) == baseline, f"{action} was not undone"

    # (b) Every action not offered, forced by URL, is refused by the service for the reason
    # the tables give, and changes nothing.
    for action in sorted(set(SPECS) - offered):
        forced = client.post(action_url(dossier, action), _form_data(action, dossier, user, cast))
        assert forced.status_code == 400, f"forced {action}: {forced.status_code}, expected 400"
        messages = _refusal(forced)
        assert messages, f"forced {action}: refused without the service's message"
        _check_reason(action, state_name, persona, messages)
        if not hasattr(forced, "failed_form"):  # the real page shows the message
            html = forced.content.decode()
            assert all(escape(m) in html for m in messages), f"forced {action}: {messages}"
        assert _snapshot(dossier) == baseline, f"forced {action} changed the dossier"


TRANSITION = "khi hồ sơ đang ở trạng thái"  # TransitionNotAllowed
PERMISSION = ("không có vai trò phù hợp", "không có quyền")  # NotPermitted
STALE = "đã được thay đổi từ khi bạn mở"


def _check_reason(action: str, state_name: str, persona: str, messages: list[str]) -> None:
    """Refused for the reason the model gives: the state, else the role, else the process."""
    text = " ".join(messages)
    assert STALE not in text, f"forced {action}: refused as stale: {text}"
    role, home = OFFICERS[persona]
    state = MODEL[state_name]
    roles, where = OFFICER_RULES[action]
    anchor = state.holder if where == "holder" else "commune_x"
    if state.status not in ALLOWED_FROM[action]:
        assert TRANSITION in text, f"forced {action}: {text}"
    elif role not in roles or not _within(anchor, home):
        assert any(p in text for p in PERMISSION), f"forced {action}: {text}"
    else:
        assert TRANSITION not in text and not any(p in text for p in PERMISSION), text


@pytest.mark.parametrize("state_name", list(MODEL))
def test_officers_get_exactly_the_allowed_actions(
    request, client, cast, light_refusals, state_name
):
    dossier = _build(request, state_name)
    failures = Failures()
    with freeze_time(NOW):
        for persona in OFFICERS:
            client.force_login(cast[persona])
            failures.check(
                persona,
                _check_officer,
                client,
                dossier,
                state_name,
                persona,
                cast[persona],
                cast,
            )
    assert not failures, "\n".join(failures)


# --- Outsiders: the other commune's officers, citizens, anonymous visitors ---------------------


def _denial(persona: str, kind: str):
    """What ``persona`` gets from a back-office or a notices URL of commune X's dossier."""
    if persona == "anonymous":
        login = reverse("backoffice:login" if kind == "backoffice" else "accounts:login")
        return 302, login
    if persona in ("applicant", "other_citizen") and kind == "backoffice":
        return 403, None
    return 404, None


def _check_outsider(client, dossier, persona, cast):
    code = dossier.code
    scans = dossier.components.get(name="Tờ khai").files.all()
    assert len(scans) == 2, "the form's PDF and JPEG scans"
    gets = [("backoffice", page_url(dossier))] + [
        ("backoffice", reverse("backoffice:file", args=[code, scan.pk])) for scan in scans
    ]
    if persona != "applicant":  # the applicant may print their own dossier's forms
        gets += [
            ("notices", reverse("notices:document", args=[code, key]))
            for key in ("receipt", "control_slip")
        ]
    posts = [
        (
            "backoffice",
            action_url(dossier, action),
            _form_data(action, dossier, cast["desk_x"], cast),
        )
        for action in SPECS
    ]
    baseline = _snapshot(dossier)
    for kind, url, *data in gets + posts:
        response = client.post(url, data[0]) if data else client.get(url)
        status, login = _denial(persona, kind)
        assert response.status_code == status, f"{url}: {response.status_code}, expected {status}"
        if login is not None:
            assert response["Location"].startswith(login), f"{url}: {response['Location']}"
    assert _snapshot(dossier) == baseline, "an outsider changed the dossier"


@pytest.mark.parametrize("state_name", list(MODEL))
def test_outsiders_see_and_change_nothing(request, client, cast, state_name):
    dossier = _build(request, state_name)
    failures = Failures()
    with freeze_time(NOW):
        for persona in OUTSIDERS:
            client.logout()
            if cast[persona] is not None:
                client.force_login(cast[persona])
            failures.check(persona, _check_outsider, client, dossier, persona, cast)
    assert not failures, "\n".join(failures)
