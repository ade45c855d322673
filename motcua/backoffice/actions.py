"""The dossier page's actions: which are offered to whom, and the POST that runs one.

An action is offered when the dossier's state allows it (``ALLOWED_FROM``) and the officer has
a capacity for it (``access.capacity_for``). A forced POST goes to the service anyway, which
refuses with its own message and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pyhanko.pdf_utils.misc import PdfReadError

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level, Role
from motcua.agencies.models import Agency
from motcua.catalog.constants import StepUnit
from motcua.documents.bodylimit import accepts_uploads
from motcua.dossiers import engine, services
from motcua.dossiers.access import capacity_for, get_dossier_for
from motcua.dossiers.constants import ALLOWED_FROM, Action, FileOrigin, Status
from motcua.dossiers.errors import DossierError, NotPermitted, RuleViolation
from motcua.dossiers.models import Dossier
from motcua.signatures import base as signature_keys
from motcua.signatures import results as signed_results
from motcua.signatures import services as signatures

from . import answers, forms, officers, uploads
from .access import officer_required

A = Action
LEADER_ROLES = frozenset({Role.UNIT_LEADER, Role.AGENCY_LEADER})


def _assignees(dossier, user):
    """The agencies whose officers the dossier may be handed to (``forms.AssignForm`` lists
    their ``officers.colleagues``): a received dossier goes to the resolving agency (which may
    be another commune's: boundary-free intake); later, work is reassigned within the agency
    holding it."""
    return [dossier.resolving_agency if dossier.status == Status.RECEIVED else dossier.holder]


def _partners(dossier, user):
    """Agencies of the province (not internal units) a dossier can be sent to for liên thông."""
    qs = Agency.objects.active_on(agencies.today()).exclude(pk=dossier.holder_id)
    qs = officers.within_province_of(qs, dossier.resolving_agency)
    return qs.exclude(level=Level.UNIT).order_by("path")


def _common(form) -> dict:
    return {
        "expected_version": form.cleaned_data["version"],
        "idempotency_key": form.cleaned_data["idempotency_key"],
    }


def _assign(d, user, f):
    return services.assign(
        d,
        actor=user,
        assignee=f.cleaned_data["assignee"],
        note=f.cleaned_data["note"],
        **_common(f),
    )


def _complete_supplement(d, user, f):
    # The files were stored by the form's keep_accepted (see act), with those kept from before.
    item = services.ComponentInput(
        name=_("Giấy tờ bổ sung"), files=list(f.kept), origin=FileOrigin.SCANNED
    )
    return services.complete_supplement(
        d, actor=user, components=[item], note=f.cleaned_data["note"], **_common(f)
    )


def _signer(*, user, dossier, personal: bool):
    """A function signing a stored result PDF (PAdES, an incremental update that keeps earlier
    signatures valid): with the approving official's own key (chữ ký số cá nhân), or with the
    resolving agency's seal (chữ ký số của cơ quan, ND 45/2020 Art. 14 §3) when the result is
    issued. Before the first signature the result's QR code (TT 01/2023) is stamped top-left
    on page 1, so the signatures cover it; a PDF already signed elsewhere is signed without
    one (``signatures.results``). Scans in other formats are kept as they are."""
    if personal:
        reason = _("Phê duyệt, ký kết quả giải quyết hồ sơ %(code)s")
        identity = {
            "signer_key": signature_keys.person_key(user),
            "signer_name": user.get_full_name(),
        }
    else:
        reason = _("Ban hành kết quả giải quyết hồ sơ %(code)s")
        identity = {}

    def sign(stored, name: str):
        if stored.content_type != signatures.PDF:
            return stored
        try:
            return signed_results.sign_result_file(
                stored,
                dossier=dossier,
                actor=user,
                title=name,
                reason=reason % {"code": dossier.code},
                seal=not personal,
                **identity,
            )
        except (PdfReadError, ValueError) as error:
            raise RuleViolation(
                _("Không ký số được tệp “%(name)s”: tệp PDF bị hỏng hoặc không đọc được.")
                % {"name": stored.name},
                code="unsignable_pdf",
            ) from error

    return sign


def _complete_step(d, user, f):
    data = f.cleaned_data
    return services.complete_step(
        d,
        actor=user,
        note=data["note"],
        draft_result=uploads.stored_one(data.get("draft_result"), user=user),
        **_common(f),
    )


def _approve(d, user, f):
    """The leader signs the uploaded file or the proposed draft; when the approval issues the
    result (no registry stage follows) the agency's seal goes on after that signature."""
    data = f.cleaned_data
    return services.approve(
        d,
        actor=user,
        decision=data["decision"],
        note=data["note"],
        document_number=data["document_number"],
        result_file=uploads.stored_one(data["result_file"], user=user),
        sign=_signer(user=user, dossier=d, personal=True),
        seal=_signer(user=user, dossier=d, personal=False),
        **_common(f),
    )


def _record_result(d, user, f):
    """The registry issues the uploaded file, or else the draft the leader signed, adding the
    agency's seal as a second signature."""
    data = f.cleaned_data
    return services.record_result(
        d,
        actor=user,
        name=data["name"],
        document_number=data["document_number"],
        file=uploads.stored_one(data["file"], user=user),
        seal=_signer(user=user, dossier=d, personal=False),
        note=data["note"],
        **_common(f),
    )


def _return_result(d, user, f):
    data = f.cleaned_data
    return services.return_result(
        d,
        actor=user,
        recipient_name=data.get("recipient_name", ""),
        recipient_id_number=data.get("recipient_id_number", ""),
        tracking_code=data.get("tracking_code", ""),
        postal_fee=data.get("postal_fee"),
        originals_returned=data.get("originals_returned", False),
        originals_note=data.get("originals_note", ""),
        note=data["note"],
        **_common(f),
    )


@dataclass(frozen=True)
class Spec:
    action: str
    form: type
    call: Callable
    # The options of the form's picker for this dossier and user: the agencies whose officers
    # the dossier may be handed to (AssignForm), the partner agencies (TransferForm).
    choices: Callable | None = None
    danger: bool = False

    @property
    def label(self) -> str:
        return Action(self.action).label

    def build(self, dossier, user, data=None, files=None):
        # Several forms share one page: ids carry the action so every label finds its field.
        kwargs = {"dossier": dossier, "auto_id": f"{self.action}-%s"}
        if self.choices is not None:
            kwargs["options"] = self.choices(dossier, user)
        if getattr(self.form, "keeps_files", False):
            kwargs["uploader"] = user
        return self.form(data, files, **kwargs)


SPECS: dict[str, Spec] = {
    spec.action: spec
    for spec in [
        Spec(
            A.ACCEPT,
            forms.ActionForm,
            lambda d, u, f: services.accept(d, actor=u, **_common(f)),
        ),
        Spec(
            A.REQUEST_INTAKE_SUPPLEMENT,
            forms.SupplementItemsForm,
            lambda d, u, f: services.request_intake_supplement(
                d, actor=u, items=f.items(), reason=f.cleaned_data["reason"], **_common(f)
            ),
        ),
        Spec(
            A.REFUSE_INTAKE,
            forms.ReasonForm,
            lambda d, u, f: services.refuse_intake(
                d, actor=u, reason=f.cleaned_data["reason"], **_common(f)
            ),
            danger=True,
        ),
        Spec(A.CORRECT_ANSWERS, answers.CorrectAnswersForm, answers.correct),
        Spec(A.ASSIGN, forms.AssignForm, _assign, choices=_assignees),
        Spec(A.COMPLETE_STEP, forms.CompleteStepForm, _complete_step),
        Spec(
            A.RETURN_STEP,
            forms.ReasonForm,
            lambda d, u, f: services.return_step(
                d, actor=u, reason=f.cleaned_data["reason"], **_common(f)
            ),
        ),
        Spec(
            A.TRANSFER,
            forms.TransferForm,
            lambda d, u, f: services.transfer(
                d,
                actor=u,
                to_agency=f.cleaned_data["to_agency"],
                task=f.cleaned_data["task"],
                quota_hours=f.cleaned_data["quota_hours"],
                **_common(f),
            ),
            choices=_partners,
        ),
        Spec(
            A.RETURN_TRANSFER,
            forms.ReplyForm,
            lambda d, u, f: services.return_transfer(
                d, actor=u, reply=f.cleaned_data["reply"], **_common(f)
            ),
        ),
        Spec(
            A.REQUEST_SUPPLEMENT,
            forms.SupplementItemsForm,
            lambda d, u, f: services.request_supplement(
                d, actor=u, items=f.items(), reason=f.cleaned_data["reason"], **_common(f)
            ),
        ),
        Spec(A.COMPLETE_SUPPLEMENT, forms.CompleteSupplementForm, _complete_supplement),
        Spec(
            A.REQUEST_PAYMENT,
            forms.PaymentRequestForm,
            lambda d, u, f: services.request_payment(
                d, actor=u, lines=f.lines(), reason=f.cleaned_data["reason"], **_common(f)
            ),
        ),
        Spec(
            A.CONFIRM_PAYMENT,
            forms.ConfirmPaymentForm,
            lambda d, u, f: services.confirm_payment(
                d, actor=u, reference=f.cleaned_data["reference"], **_common(f)
            ),
        ),
        Spec(
            A.REAPPOINT,
            forms.ReappointForm,
            lambda d, u, f: services.reappoint(
                d,
                actor=u,
                new_due_at=f.cleaned_data["new_due_at"],
                reason=f.cleaned_data["reason"],
                **_common(f),
            ),
        ),
        Spec(A.APPROVE, forms.ApproveForm, _approve),
        Spec(A.RECORD_RESULT, forms.RecordResultForm, _record_result),
        Spec(A.RETURN_RESULT, forms.ReturnResultForm, _return_result),
        Spec(
            A.STOP,
            forms.ReasonForm,
            lambda d, u, f: services.stop(
                d, actor=u, reason=f.cleaned_data["reason"], **_common(f)
            ),
            danger=True,
        ),
        Spec(
            A.WITHDRAW,
            forms.ReasonForm,
            lambda d, u, f: services.withdraw(
                d, actor=u, reason=f.cleaned_data["reason"], **_common(f)
            ),
            danger=True,
        ),
    ]
}


def _fits_process(dossier: Dossier, action: str, role: str) -> bool:
    """Finer than the state table, from the internal process: approval steps are ended by
    approving (offered only while one is open), the last resolution stage by recording the result; a step is returned only to
    a previous resolution stage (as services.return_step checks)."""
    if action not in (A.COMPLETE_STEP, A.RECORD_RESULT, A.RETURN_STEP, A.APPROVE):
        return True
    steps = sorted(dossier.steps.all(), key=lambda s: s.order)
    opened = engine.open_steps(steps)
    if action == A.APPROVE:
        # As services.approve: approving ends an open approval step; a dossier awaiting
        # approval without one (its process has none) cannot be approved.
        return any(s.unit_kind == StepUnit.LEADERSHIP for s in opened)
    stage = engine.current_stage(steps)
    if stage is None:
        return False
    if action == A.RETURN_STEP:
        resolution = engine.resolution_stages(steps)
        return stage in resolution and stage != resolution[0]
    last = engine.is_last_resolution_stage(steps, stage)
    leadership_open = any(s.unit_kind == StepUnit.LEADERSHIP for s in opened)
    if action == A.RECORD_RESULT:
        return last and not leadership_open
    # As services.complete_step picks the step: one of the officer's role, any for a leader.
    workable = [s for s in opened if s.unit_kind != StepUnit.LEADERSHIP]
    if role not in LEADER_ROLES:
        workable = [s for s in workable if not s.role or s.role == role]
    if not workable:
        return False
    return not (last and len(opened) == 1)


def offered(user, dossier: Dossier) -> list[Spec]:
    """The actions ``user`` may take on ``dossier`` now."""
    result = []
    for spec in SPECS.values():
        if dossier.status not in ALLOWED_FROM[spec.action]:
            continue
        try:
            capacity = capacity_for(user, dossier, spec.action)
        except NotPermitted:
            continue
        if _fits_process(dossier, spec.action, capacity.role):
            result.append(spec)
    return result


@accepts_uploads
@officer_required
@require_POST
def act(request, code: str, action: str):
    """Run one action from the dossier page; on refusal the page is shown again with the
    service's message in the action's form and everything typed kept."""
    from .dossier import render_page  # the page module imports this one

    spec = SPECS.get(action)
    if spec is None:
        raise Http404
    try:
        dossier = get_dossier_for(request.user, code)
    except Dossier.DoesNotExist as missing:
        raise Http404 from missing
    form = spec.build(dossier, request.user, request.POST, request.FILES)
    valid = form.is_valid()
    if getattr(form, "keeps_files", False):
        # Valid files are stored even when a sibling or another field is wrong, and shown
        # again as kept files: a refused form never asks for a scan twice.
        form.keep_accepted()
    if valid:
        try:
            with transaction.atomic():
                spec.call(dossier, request.user, form)
        except DossierError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": spec.label})
            return redirect("backoffice:dossier", code=dossier.code)
    return render_page(request, code, failed=(spec.action, form), status=400)
