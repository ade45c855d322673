"""Actions that stop or move the clock: supplement after appraisal, financial obligation,
apology and re-appointment — domain.md §4.5."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.constants import FeeKind, FeeStage
from motcua.worktime.constants import PauseReason

from .. import clock, engine
from ..constants import Action, Status
from ..errors import RuleViolation
from ..models import Dossier, DossierFee, Pause, Reappointment, SupplementRequest, SupplementStage
from ._core import Change, hours, perform, require_text
from .inputs import ComponentInput
from .receipt import attach_components, channel_term_of, supplement_items


def _open_pause(locked: Dossier, reason: str) -> Pause:
    return locked.pauses.get(reason=reason, ended_at__isnull=True)


def _resume(locked: Dossier, pause: Pause, now: datetime.datetime) -> Decimal:
    """Close ``pause`` and move the open steps' due times by the working time it lasted."""
    calendar = clock.calendar_of(locked)
    pause.ended_at = now
    pause.save(update_fields=["ended_at"])
    paused = clock.working_hours_between(pause.started_at, now, calendar)
    engine.shift_open_steps(engine.steps_of(locked), calendar, paused)
    return paused


def request_supplement(
    dossier: Dossier,
    *,
    actor,
    items: list[dict],
    reason: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """After appraisal, ask once and completely for what is missing (Form 02). Allowed only
    within the rule set's limit after receipt (3 working days, ND 61/2018 Art. 19 §4); the
    clock stops until the applicant answers."""
    wanted = supplement_items(items)

    def apply(locked, capacity, now):
        calendar = clock.calendar_of(locked)
        limit = clock.add_hours(
            locked.clock_start_at, locked.rules.supplement_deadline_days * 8, calendar
        )
        if now > limit:
            raise RuleViolation(
                _(
                    "Đã quá %(days)s ngày làm việc kể từ khi tiếp nhận (hạn %(limit)s): không được "
                    "yêu cầu bổ sung nữa; hãy giải quyết hoặc từ chối giải quyết."
                )
                % {
                    "days": locked.rules.supplement_deadline_days.normalize(),
                    "limit": _local(limit),
                },
                code="supplement_too_late",
            )
        SupplementRequest.objects.create(
            dossier=locked,
            stage=SupplementStage.AFTER_APPRAISAL,
            items=wanted,
            requested_at=now,
            requested_by=actor,
        )
        Pause.objects.create(
            dossier=locked, reason=PauseReason.SUPPLEMENT, started_at=now, note=reason
        )
        return Change(locked, Status.AWAITING_SUPPLEMENT, reason=reason, data={"items": wanted})

    return perform(
        Action.REQUEST_SUPPLEMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def complete_supplement(
    dossier: Dossier,
    *,
    actor,
    components: list[ComponentInput],
    note: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The supplement is received (at the desk or online). The pause is kept for statistics;
    under the legal rule the whole time limit restarts from now, otherwise the due time moves
    by the working time paused."""
    if not components:
        raise RuleViolation(_("Hãy đính kèm giấy tờ bổ sung."), code="no_components")

    def apply(locked, capacity, now):
        pause = _open_pause(locked, PauseReason.SUPPLEMENT)
        paused = _resume(locked, pause, now)
        attach_components(locked, components)
        SupplementRequest.objects.filter(
            dossier=locked, stage=SupplementStage.AFTER_APPRAISAL, answered_at__isnull=True
        ).update(answered_at=now, answer_note=note)
        calendar = clock.calendar_of(locked)
        previous = locked.due_at
        if locked.rules.supplement_restarts_deadline:
            locked.due_at = clock.appointment(
                channel_term_of(locked),
                locked.procedure_version.cutoff_time,
                calendar,
                now,
                restart=True,
            ).due
        else:
            locked.due_at = clock.add_hours(locked.due_at, paused, calendar)
        steps = engine.steps_of(locked)
        return Change(
            locked,
            engine.working_status(locked, steps),
            reason=note,
            data={"previous_due": previous.isoformat(), "paused_hours": str(hours(paused))},
            attachments=[f for item in components for f in item.files],
        )

    return perform(
        Action.COMPLETE_SUPPLEMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def request_payment(
    dossier: Dossier,
    *,
    actor,
    lines: list[dict] | None = None,
    reason: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Ask the applicant to meet a financial obligation (fees, taxes) before processing goes
    on; the clock stops until it is paid. ``lines`` adds amounts assessed now (name, amount,
    kind, stage); without them the unpaid fee lines of the dossier are what is due."""

    def apply(locked, capacity, now):
        for line in lines or []:
            amount = Decimal(str(line["amount"]))
            if amount <= 0 or amount != amount.to_integral_value():
                raise RuleViolation(_("Số tiền phải là số đồng nguyên dương."), code="amount")
            DossierFee.objects.create(
                dossier=locked,
                name=require_text(line.get("name", ""), _("Thiếu tên khoản thu."), "fee_name"),
                code=line.get("code", ""),
                kind=line.get("kind", FeeKind.CHARGE),
                amount=amount,
                stage=line.get("stage", FeeStage.AT_RETURN),
            )
        due = locked.fees.payable()
        if not due.exists():
            raise RuleViolation(_("Hồ sơ không còn khoản phải nộp."), code="nothing_due")
        Pause.objects.create(
            dossier=locked, reason=PauseReason.FINANCIAL_OBLIGATION, started_at=now, note=reason
        )
        total = sum(fee.amount for fee in due)
        return Change(locked, Status.AWAITING_PAYMENT, reason=reason, data={"amount": str(total)})

    return perform(
        Action.REQUEST_PAYMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def confirm_payment(
    dossier: Dossier,
    *,
    actor,
    reference: str,
    online: bool = False,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The obligation is met (cash at the desk, or a verified gateway notification with
    ``actor`` None): unpaid lines are marked paid and the clock resumes, the due time moving by
    the working time paused."""
    ref = require_text(reference, _("Hãy ghi số biên lai hoặc mã giao dịch."), "no_reference")

    def apply(locked, capacity, now):
        locked.fees.filter(paid_at__isnull=True).update(
            paid_at=now, paid_online=online, payment_reference=ref
        )
        paused = _resume(locked, _open_pause(locked, PauseReason.FINANCIAL_OBLIGATION), now)
        calendar = clock.calendar_of(locked)
        locked.due_at = clock.add_hours(locked.due_at, paused, calendar)
        steps = engine.steps_of(locked)
        return Change(
            locked,
            engine.working_status(locked, steps),
            data={"reference": ref, "online": online, "paused_hours": str(hours(paused))},
        )

    return perform(
        Action.CONFIRM_PAYMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def record_fee_payment(
    dossier: Dossier,
    *,
    actor,
    fee_ids,
    reference: str,
    online: bool = False,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Fees paid outside a financial-obligation pause (at receipt, at a supplement, at return):
    the lines are marked paid and the history records it; the state and the clock do not move.
    Lines already paid are left as they are."""
    ref = require_text(reference, _("Hãy ghi số biên lai hoặc mã giao dịch."), "no_reference")

    def apply(locked, capacity, now):
        unpaid = locked.fees.filter(pk__in=list(fee_ids), paid_at__isnull=True)
        count = unpaid.update(paid_at=now, paid_online=online, payment_reference=ref)
        if count == 0:
            raise RuleViolation(_("Các khoản này đã được nộp."), code="already_paid")
        return Change(
            locked, locked.status, data={"reference": ref, "online": online, "lines": count}
        )

    return perform(
        Action.RECORD_PAYMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        idempotency_key=idempotency_key,
        at=at,
    )


def reappoint(
    dossier: Dossier,
    *,
    actor,
    new_due_at: datetime.datetime,
    reason: str,
    responsible_agency=None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Apologise and set a new appointment (Form 04): at most as many times as the rule set
    allows (once, "không quá một lần"), and at least the rule set's lead time before the current
    due time (one working day, ND 61/2018 Art. 19 §9). The original due time is kept."""
    text = require_text(reason, _("Văn bản xin lỗi phải nêu rõ lý do chậm."), "no_reason")

    def apply(locked, capacity, now):
        rules = locked.rules
        if locked.reappointments.count() >= rules.max_reappointments:
            raise RuleViolation(
                _("Hồ sơ đã được hẹn lại %(count)d lần; không được hẹn lại thêm.")
                % {"count": rules.max_reappointments},
                code="reappointed_already",
            )
        calendar = clock.calendar_of(locked)
        lead = clock.working_hours_between(now, locked.due_at, calendar)
        if lead < rules.reappointment_lead_days * 8:
            raise RuleViolation(
                _(
                    "Phải xin lỗi, hẹn lại chậm nhất %(days)s ngày làm việc trước hạn trả "
                    "(%(due)s); nay chỉ còn %(hours)s giờ làm việc."
                )
                % {
                    "days": rules.reappointment_lead_days.normalize(),
                    "due": _local(locked.due_at),
                    "hours": max(lead, Decimal(0)).normalize(),
                },
                code="reappointment_too_late",
            )
        if new_due_at <= locked.due_at:
            raise RuleViolation(
                _("Ngày hẹn mới phải sau hạn trả hiện tại."), code="new_due_not_later"
            )
        Reappointment.objects.create(
            dossier=locked,
            previous_due_at=locked.due_at,
            new_due_at=new_due_at,
            reason=text,
            responsible_agency=responsible_agency or locked.holder,
            requested_at=now,
            requested_by=actor,
        )
        previous = locked.due_at
        locked.due_at = new_due_at
        return Change(
            locked,
            locked.status,
            reason=text,
            data={"previous_due": previous.isoformat(), "new_due": new_due_at.isoformat()},
        )

    return perform(
        Action.REAPPOINT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")
