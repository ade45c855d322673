"""The end of processing: approval, the result (or refusal notice) and its return —
ND 61/2018 Art. 19 §8, Art. 20; ND 45/2020 Art. 14 §3 for the result code.

Signing is the caller's: the interface passes ``sign`` (the approving official's signature) and
``seal`` (the agency's signature, chữ ký số của cơ quan) as functions from a stored file to its
signed copy, so this app does not depend on ``signatures``. Both run inside the action's
transaction, under the dossier's lock, on the file the action actually keeps, and are told the
result's name (printed in the QR code the signer stamps on it, TT 01/2023)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.catalog.constants import StepUnit

from .. import clock, engine, selectors
from ..constants import Action, Delivery, Outcome, Status
from ..errors import RuleViolation
from ..models import Dossier, DossierResult, ResultKind
from ._core import Change, perform, require_text

# (A stored file, the result's name) -> its signed copy (a new stored file); non-PDF files
# come back unchanged.
FileSigner = Callable[[object, str], object]


def _signed(signer: FileSigner | None, file, name: str):
    return signer(file, name) if signer is not None and file is not None else file


def _kind(decision: str) -> str:
    return ResultKind.REFUSAL if decision == Outcome.REFUSED else ResultKind.RESULT


def _result_name(locked: Dossier, kind: str, given: str = "") -> str:
    """The name given, else the procedure's result or, for a refusal, the refusal notice."""
    if given:
        return given
    if kind == ResultKind.REFUSAL:
        return _("Văn bản từ chối giải quyết")
    return locked.procedure_version.result_name


def _issue(locked: Dossier, *, actor, name, document_number, file, kind, now) -> DossierResult:
    number = locked.results.count() + 1
    return DossierResult.objects.create(
        dossier=locked,
        number=number,
        code=f"{locked.code}-KQ{number}",
        kind=kind,
        name=require_text(name, _("Hãy ghi tên giấy tờ kết quả."), "no_result_name"),
        document_number=document_number,
        file=file,
        issued_at=now,
        issued_by=actor,
    )


def _finish_resolution(locked: Dossier, steps, now, calendar, outcome: str) -> None:
    locked.outcome = outcome
    locked.finished_at = now
    stage = engine.return_stage(steps)
    if stage is not None:
        engine.start_stage(locked, steps, stage, now, calendar)
    locked.holder = locked.receiving_unit
    locked.assignee = None


def approve(
    dossier: Dossier,
    *,
    actor,
    decision: str = Outcome.GRANTED,
    note: str = "",
    result_name: str = "",
    document_number: str = "",
    result_file=None,
    sign: FileSigner | None = None,
    seal: FileSigner | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """A leader approves (phê duyệt) — grants or refuses — and signs the result document: the
    uploaded ``result_file`` or, when none is uploaded and the dossier is granted, the draft
    result proposed by the specialist (dự thảo kết quả). ``sign`` adds the leader's own
    signature.

    If a registry (văn thư) stage follows, the signed file is kept on this event as the draft
    the registry issues (``selectors.draft_result``). If none follows, the result (or the
    refusal notice, ND 61/2018 Art. 19 §8) is issued now, and ``seal`` adds the agency's
    signature after the leader's (ND 30/2020: the official signs, then the agency's seal)."""
    if decision not in (Outcome.GRANTED, Outcome.REFUSED):
        raise RuleViolation(_("Quyết định phải là giải quyết hoặc từ chối."), code="decision")
    if decision == Outcome.REFUSED:
        require_text(note, _("Từ chối giải quyết phải nêu rõ lý do."), "no_reason")

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        step = next(
            (s for s in engine.open_steps(steps) if s.unit_kind == StepUnit.LEADERSHIP), None
        )
        if step is None:
            # Awaiting approval with no approval step open: a dossier whose internal process
            # has none (carried over from an earlier system), or whose steps moved on.
            raise RuleViolation(
                _("Hồ sơ không có bước phê duyệt nào đang mở nên không thể phê duyệt."),
                code="no_approval_step",
            )
        engine.finish_step(locked, step, now, calendar, by=actor)
        source = result_file
        if source is None and decision == Outcome.GRANTED:
            source = selectors.draft_result(locked)
        kind = _kind(decision)
        name = _result_name(locked, kind, result_name)
        signed = _signed(sign, source, name)
        data: dict = {"decision": decision}
        draft = {"draft_result": signed.pk} if signed is not None else {}
        attachments = [signed] if signed is not None else []
        if engine.open_steps(steps):
            return Change(
                locked,
                engine.working_status(locked, steps),
                reason=note,
                step=step,
                data=data | draft,
                attachments=attachments,
            )
        following = engine.next_stage(steps, step.stage)
        if following is not None and following in engine.resolution_stages(steps):
            locked.outcome = decision
            engine.start_stage(locked, steps, following, now, calendar)
            return Change(
                locked,
                Status.IN_PROGRESS,
                reason=note,
                step=step,
                data=data | draft,
                attachments=attachments,
            )
        result = _issue(
            locked,
            actor=actor,
            name=name,
            document_number=document_number,
            file=_signed(seal, signed, name),
            kind=kind,
            now=now,
        )
        _finish_resolution(locked, steps, now, calendar, decision)
        return Change(
            locked, Status.RESULT_READY, reason=note, step=step, data=data | {"result": result.code}
        )

    return perform(
        Action.APPROVE,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def record_result(
    dossier: Dossier,
    *,
    actor,
    name: str = "",
    document_number: str = "",
    file=None,
    seal: FileSigner | None = None,
    note: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Number and issue the result (văn thư ban hành) at the last resolution stage; the result
    gets its code ``<dossier code>-KQ<n>`` and the dossier is finished (NgayKetThucXuLy).

    The electronic result is the uploaded ``file`` or, without one, the draft the leader signed
    at approval (``selectors.draft_result``); ``seal`` adds the agency's signature to it as a
    further incremental signature (ND 30/2020: the registry applies the seal after the
    official has signed)."""

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        stage = engine.current_stage(steps)
        if stage is None or not engine.is_last_resolution_stage(steps, stage):
            raise RuleViolation(
                _("Chưa đến bước ban hành kết quả theo quy trình nội bộ."), code="not_last_stage"
            )
        if any(s.unit_kind == StepUnit.LEADERSHIP for s in engine.open_steps(steps)):
            raise RuleViolation(_("Kết quả cần lãnh đạo phê duyệt trước."), code="needs_approval")
        draft = selectors.draft_result(locked) if file is None else None
        closed = None
        for step in engine.open_steps(steps):
            closed = engine.finish_step(locked, step, now, calendar, by=actor)
        decision = locked.outcome or Outcome.GRANTED
        kind = _kind(decision)
        issued_name = _result_name(locked, kind, name)
        result = _issue(
            locked,
            actor=actor,
            name=issued_name,
            document_number=document_number,
            file=_signed(seal, file if file is not None else draft, issued_name),
            kind=kind,
            now=now,
        )
        _finish_resolution(locked, steps, now, calendar, decision)
        data = {"result": result.code}
        if draft is not None:
            data["from_draft"] = draft.pk
        return Change(locked, Status.RESULT_READY, reason=note, step=closed, data=data)

    return perform(
        Action.RECORD_RESULT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def return_result(
    dossier: Dossier,
    *,
    actor,
    recipient_name: str = "",
    recipient_id_number: str = "",
    tracking_code: str = "",
    postal_fee: Decimal | None = None,
    originals_returned: bool = False,
    originals_note: str = "",
    note: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Hand the result over (trả kết quả): at the desk to a named, identified person, recording
    whether the originals kept with the dossier were given back (trả lại bản gốc, ND 61/2018
    Art. 20) with an optional note; by post with its tracking code; or online, when an
    electronic result exists."""

    def apply(locked, capacity, now):
        data: dict = {"delivery": locked.delivery}
        if locked.delivery == Delivery.DESK:
            data["recipient"] = require_text(
                recipient_name, _("Hãy ghi họ tên người nhận kết quả."), "recipient"
            )
            data["recipient_id"] = require_text(
                recipient_id_number,
                _("Hãy ghi số giấy tờ tùy thân của người nhận."),
                "recipient_id",
            )
            data["originals_returned"] = bool(originals_returned)
            if originals_note.strip():
                data["originals_note"] = originals_note.strip()
        elif locked.delivery == Delivery.POST:
            data["tracking_code"] = require_text(
                tracking_code, _("Hãy ghi mã bưu gửi."), "tracking"
            )
            data["postal_fee"] = str(postal_fee or 0)
        elif not locked.results.filter(file__isnull=False).exists():
            raise RuleViolation(
                _("Chưa có kết quả điện tử để trả trực tuyến."), code="no_electronic_result"
            )
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        closed = None
        for step in engine.open_steps(steps):
            closed = engine.finish_step(locked, step, now, calendar, by=actor)
        locked.returned_at = now
        return Change(locked, Status.RETURNED, reason=note, step=closed, data=data)

    return perform(
        Action.RETURN_RESULT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )
