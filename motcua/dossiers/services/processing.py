"""Processing (giải quyết): hand-over to the resolving unit, steps of the internal process,
inter-agency transfers, approval, the result and its return — ND 61/2018 Art. 18–20."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from motcua.agencies.constants import Role
from motcua.agencies.models import Agency
from motcua.catalog.constants import StepUnit
from motcua.documents.validation import PDF

from .. import clock, engine
from ..constants import Action, Status
from ..errors import RuleViolation
from ..models import Dossier, Transfer
from ._core import Change, hours, perform, require_text

LEADER_ROLES = frozenset({Role.UNIT_LEADER, Role.AGENCY_LEADER})


def _open_step_for(steps, capacity, step_id: int | None):
    """The open step the acting person may complete: one of their own role, or — for a leader —
    any step of their staff. Approval steps are completed only by approving."""
    opened = [s for s in engine.open_steps(steps) if s.unit_kind != StepUnit.LEADERSHIP]
    if step_id is not None:
        opened = [s for s in opened if s.pk == step_id]
    mine = [s for s in opened if not s.role or s.role == capacity.role]
    if not mine and capacity.role in LEADER_ROLES:
        mine = opened
    if not mine:
        raise RuleViolation(
            _(
                "Không có bước xử lý nào đang chờ vai trò của bạn (bước phê duyệt thì dùng “Phê duyệt”)."
            ),
            code="no_open_step",
        )
    return mine[0]


def assign(
    dossier: Dossier,
    *,
    actor,
    assignee=None,
    note: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Hand the dossier over (chuyển xử lý): from the desk to the resolving agency, starting
    the first resolution stage; or, later, give the open steps to another officer."""

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        if assignee is not None and not assignee.is_officer:
            raise RuleViolation(_("Chỉ giao xử lý cho cán bộ, công chức."), code="bad_assignee")
        if locked.status == Status.RECEIVED:
            for step in engine.open_steps(steps):
                engine.finish_step(locked, step, now, calendar, by=actor)
            first = engine.resolution_stages(steps)[0]
            locked.holder = locked.resolving_agency
            engine.start_stage(locked, steps, first, now, calendar, assignee=assignee)
            finished = None
        else:
            finished = None
            for step in engine.open_steps(steps):
                if step.unit_kind not in engine.DESK_UNITS:
                    step.assignee = assignee
                    step.save(update_fields=["assignee"])
        locked.assignee = assignee
        return Change(
            locked,
            engine.working_status(locked, steps),
            reason=note,
            step=finished,
            data={"assignee": assignee.get_full_name() if assignee else ""},
        )

    return perform(
        Action.ASSIGN,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def complete_step(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    step_id: int | None = None,
    assignee=None,
    draft_result=None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Finish one's step and pass the dossier on to the next stage of the internal process.
    The step that ends the resolution is finished by recording the result instead.

    A step that submits the dossier for approval (trình phê duyệt) may propose the result:
    ``draft_result``, a stored PDF, becomes the draft result (dự thảo kết quả) the leader
    approves as it is or replaces (kept on this event, see ``selectors.draft_result``)."""

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        step = _open_step_for(steps, capacity, step_id)
        if step.unit_kind == StepUnit.PARTNER_AGENCY:
            raise RuleViolation(
                _("Bước liên thông hoàn thành khi cơ quan phối hợp trả lại hồ sơ."),
                code="partner_step",
            )
        data, attachments = {}, []
        if draft_result is not None:
            if not engine.leads_to_approval(steps, step.stage):
                raise RuleViolation(
                    _("Chỉ bước trình lãnh đạo phê duyệt mới kèm dự thảo kết quả."),
                    code="draft_not_here",
                )
            if draft_result.content_type != PDF:
                raise RuleViolation(_("Dự thảo kết quả phải là tệp PDF."), code="draft_not_pdf")
            data, attachments = {"draft_result": draft_result.pk}, [draft_result]
        others_open = [s for s in engine.open_steps(steps) if s.pk != step.pk]
        if not others_open and engine.is_last_resolution_stage(steps, step.stage):
            raise RuleViolation(
                _(
                    "Đây là bước cuối của quá trình giải quyết: hãy phê duyệt hoặc ban hành kết quả."
                ),
                code="last_step",
            )
        engine.finish_step(locked, step, now, calendar, by=actor)
        if not others_open:
            following = engine.next_stage(steps, step.stage)
            engine.start_stage(locked, steps, following, now, calendar, assignee=assignee)
            if assignee is not None:
                locked.assignee = assignee
        return Change(
            locked,
            engine.working_status(locked, steps),
            reason=note,
            step=step,
            data=data,
            attachments=attachments,
        )

    return perform(
        Action.COMPLETE_STEP,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def return_step(
    dossier: Dossier,
    *,
    actor,
    reason: str,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Send the dossier back to the previous stage, with the reason (trả lại bước trước)."""
    text = require_text(reason, _("Trả lại bước trước phải ghi rõ lý do."), "no_reason")

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        current = engine.current_stage(steps)
        resolution = engine.resolution_stages(steps)
        if current is None or current not in resolution or current == resolution[0]:
            raise RuleViolation(_("Không có bước trước để trả lại."), code="no_previous_step")
        previous = resolution[resolution.index(current) - 1]
        closed = None
        for step in engine.open_steps(steps):
            closed = engine.finish_step(locked, step, now, calendar, by=actor)
        # The previous stage, and each later one when the dossier reaches it again, runs again
        # as new step rows (engine.start_stage), so the history keeps every pass.
        engine.start_stage(locked, steps, previous, now, calendar)
        return Change(
            locked, engine.working_status(locked, engine.steps_of(locked)), reason=text, step=closed
        )

    return perform(
        Action.RETURN_STEP,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def transfer(
    dossier: Dossier,
    *,
    actor,
    to_agency: Agency,
    task: str,
    quota_hours: Decimal,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Send the dossier to another agency or level (liên thông) with its task and deadline
    (Phiếu chuyển xử lý); the time it is away counts against that agency."""
    text = require_text(task, _("Hãy ghi nội dung đề nghị cơ quan phối hợp thực hiện."), "no_task")

    def apply(locked, capacity, now):
        if to_agency.pk == locked.holder_id:
            raise RuleViolation(
                _("Không thể chuyển hồ sơ cho chính cơ quan đang giữ."), code="same_agency"
            )
        if not to_agency.is_active_on(now.date()):
            raise RuleViolation(_("Cơ quan nhận không còn hoạt động."), code="inactive_agency")
        if Decimal(quota_hours) <= 0:
            raise RuleViolation(_("Thời hạn cho cơ quan phối hợp phải lớn hơn 0."), code="quota")
        calendar = clock.calendar_of(locked)
        steps = engine.steps_of(locked)
        partner = next(
            (s for s in engine.open_steps(steps) if s.unit_kind == StepUnit.PARTNER_AGENCY), None
        )
        if partner is not None:
            partner.agency = to_agency
            partner.save(update_fields=["agency"])
        Transfer.objects.create(
            dossier=locked,
            from_agency=locked.holder,
            to_agency=to_agency,
            step=partner,
            task=text,
            sent_at=now,
            due_at=clock.add_hours(now, Decimal(quota_hours), calendar),
        )
        locked.holder = to_agency
        return Change(
            locked,
            Status.TRANSFERRED,
            reason=text,
            step=partner,
            data={"to": to_agency.code or to_agency.name, "quota_hours": str(quota_hours)},
        )

    return perform(
        Action.TRANSFER,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def return_transfer(
    dossier: Dossier,
    *,
    actor,
    reply: str,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The partner agency sends the dossier back with its opinion or result."""
    text = require_text(reply, _("Hãy ghi ý kiến, kết quả của cơ quan phối hợp."), "no_reply")

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        sent = engine.open_transfer(locked)
        sent.returned_at = now
        sent.reply = text
        sent.save(update_fields=["returned_at", "reply"])
        locked.holder = sent.from_agency
        steps = engine.steps_of(locked)
        step = None
        if sent.step_id is not None:
            step = next(s for s in steps if s.pk == sent.step_id)
            if step.is_open:
                engine.finish_step(locked, step, now, calendar, by=actor)
                if not engine.open_steps(steps):
                    following = engine.next_stage(steps, step.stage)
                    if following is not None:
                        engine.start_stage(locked, steps, following, now, calendar)
        late = now > sent.due_at
        return Change(
            locked,
            engine.working_status(locked, steps),
            reason=text,
            step=step,
            data={
                "from": sent.to_agency.code or sent.to_agency.name,
                "held_hours": str(hours(clock.working_hours_between(sent.sent_at, now, calendar))),
                "late": late,
            },
        )

    return perform(
        Action.RETURN_TRANSFER,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )
