"""What each form says about a dossier: the context its template lines are filled from and the
rows of its tables. Reads the dossier, its steps and its history; writes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog import answers
from motcua.catalog.constants import StepUnit
from motcua.dossiers import clock
from motcua.dossiers.constants import Action, ApplicantKind, Status
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.selectors import time_limit_text
from motcua.payments import selectors as payments
from motcua.payments.constants import Method

from .constants import FormKey
from .formsets import HANDOVER_SIGNERS
from .render import SignedCell

BLANK = "…"


class NoticeUnavailable(LookupError):
    """The dossier has nothing this form reports (no supplement request, no refusal …)."""


def tracking_url(code: str) -> str:
    """The public tracking page, which the QR code of an unsigned draft opens (an issued form's
    QR code opens its own verification page instead)."""
    return f"{settings.SITE_URL}/track/?code={code}"


def spoken_time(moment: datetime.datetime | None) -> str:
    """“09 giờ 00 phút, ngày 02 tháng 03 năm 2026”, in Vietnam's time."""
    if moment is None:
        return BLANK
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M} phút, {spoken_date(local)}"


def spoken_date(moment: datetime.datetime | datetime.date | None) -> str:
    if moment is None:
        return BLANK
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment)
    return f"ngày {moment:%d} tháng {moment:%m} năm {moment:%Y}"


def short_time(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M} phút\nngày {local:%d/%m/%Y}"


def compact_time(moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%H:%M}\n{local:%d/%m/%Y}"


def dong(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".") + " đồng"


def _or_blank(value: str) -> str:
    return value or BLANK


def _person(user) -> str:
    return user.get_full_name() if user is not None else ""


def _last_event(dossier: Dossier, *actions: str) -> Event | None:
    return (
        dossier.events.filter(action__in=actions)
        .select_related("actor", "actor_unit")
        .order_by("-sequence")
        .first()
    )


def _processing_time(dossier: Dossier) -> str:
    # The same wording as the dossier pages (dossiers.selectors.time_limit_text).
    return time_limit_text(dossier) or BLANK


def _answers(dossier: Dossier) -> str:
    """The procedure's own form as the applicant typed it, one “label: answer” a line, under
    “Nội dung yêu cầu giải quyết”; empty when nothing was answered."""
    given = answers.given_answers(dossier)
    if not given:
        return ""
    lines = "".join(f"\n- {a.label}: {a.text}" for a in given)
    return _("Thông tin kê khai trong tờ khai:") + lines


def _fee_line(fee, receipt) -> str:
    """“Lệ phí: 50.000 đồng (đã nộp) – tiền mặt tại Bộ phận Một cửa, biên lai điện tử số …”:
    the e-receipt (biên lai điện tử, ND 123/2020) and how the line was paid, when known."""
    if fee.is_waived:  # a waived line is no debt: "Lệ phí: miễn", never "0 đồng (chưa nộp)"
        return f"{fee.name}: {fee.amount_text}"
    line = f"{fee.name}: {dong(fee.amount)}"
    if fee.paid_at is None:
        return f"{line} ({_('chưa nộp')})"
    line = f"{line} ({_('đã nộp')})"
    if receipt is not None:
        return f"{line} – " + _("%(method)s, biên lai điện tử số %(number)s") % {
            "method": receipt.get_method_display(),
            "number": receipt.receipt_number,
        }
    # Paid outside the payments app (a number the officer typed at the desk): no e-receipt of
    # ours, so the number is shown as recorded.
    how = [str(Method.ONLINE.label)] if fee.paid_online else []
    if fee.payment_reference:
        how.append(
            _("số biên lai, mã giao dịch %(reference)s") % {"reference": fee.payment_reference}
        )
    return f"{line} – {', '.join(how)}" if how else line


def _fees(dossier: Dossier) -> str:
    """One line per fee; a paid line settled by a transaction names its e-receipt."""
    receipts = {
        line.fee_id: transaction
        for transaction in payments.receipts_for(dossier)
        for line in transaction.lines.all()
        if line.settled
    }
    lines = [_fee_line(fee, receipts.get(fee.pk)) for fee in dossier.fees.order_by("id")]
    return "".join(f"\n- {line}" for line in lines) or _("Không")


def _delivery_place(dossier: Dossier) -> str:
    if dossier.delivery_address:
        return f"{dossier.get_delivery_display()}: {dossier.delivery_address}"
    return dossier.get_delivery_display()


def issuer_name(agency) -> str:
    return agency.desk_name or agency.name


def _representative(dossier: Dossier) -> str:
    """“Người nộp hồ sơ: Ông/Bà … (số định danh …), … – theo Giấy ủy quyền số … ngày … của …,
    có hiệu lực đến …”; empty when the applicant filed in person."""
    if not dossier.representative_name:
        return ""
    who = [f"Ông/Bà {dossier.representative_name}"]
    if dossier.representative_position:
        who.append(dossier.representative_position)
    if dossier.representative_id_number:
        who.append(f"số định danh cá nhân {dossier.representative_id_number}")
    if dossier.representative_phone:
        who.append(f"điện thoại {dossier.representative_phone}")
    line = "Người nộp hồ sơ (nộp thay): " + ", ".join(who)
    try:
        paper = dossier.authorisation
    except ObjectDoesNotExist:
        return line
    line += f" – theo Giấy ủy quyền số {paper.number} ngày {paper.signed_on:%d/%m/%Y} của {paper.issuer}"
    if paper.valid_until:
        line += f", có hiệu lực đến ngày {paper.valid_until:%d/%m/%Y}"
    return line


def common_context(dossier: Dossier) -> dict:
    version = dossier.procedure_version
    receiving = dossier.receiving_unit
    citizen = dossier.applicant_kind == ApplicantKind.CITIZEN
    return {
        "code": dossier.code or BLANK,
        "sequence": (dossier.code or "").rsplit("-", 1)[-1] or BLANK,
        "applicant_title": "Ông/Bà" if citizen else "Tổ chức",
        "applicant_name": dossier.applicant_name,
        # The person who hands the dossier in and signs for it: the representative, if any.
        "representative": _representative(dossier),
        "filer_name": dossier.representative_name or dossier.applicant_name,
        "applicant_address": _or_blank(dossier.applicant_address),
        "applicant_phone": _or_blank(dossier.applicant_phone),
        "applicant_email": _or_blank(dossier.applicant_email),
        "procedure_name": version.name,
        "procedure_code": version.procedure.code,
        "summary_suffix": (
            f" – {dossier.summary}" if dossier.summary and dossier.summary != version.name else ""
        ),
        "receiving_unit": issuer_name(receiving),
        "resolving_agency": dossier.resolving_agency.name,
        "received_date": spoken_date(dossier.received_at or dossier.submitted_at),
        "received_time": spoken_time(dossier.received_at),
        "original_due_time": spoken_time(dossier.original_due_at),
        "due_time": spoken_time(dossier.due_at),
    }


def _receipt(dossier: Dossier, context: dict) -> tuple[dict, datetime.datetime]:
    if dossier.received_at is None:
        raise NoticeUnavailable(_("Hồ sơ chưa được tiếp nhận."))
    event = _last_event(dossier, Action.RECEIVE, Action.ACCEPT)
    components = [
        [str(i), c.name, str(c.paper_originals or ""), str(c.paper_copies or "")]
        for i, c in enumerate(dossier.components.all(), start=1)
    ]
    context |= {
        "components": components,
        "sets": "01",
        "processing_time": _processing_time(dossier),
        "answers": _answers(dossier),
        "due_time": spoken_time(dossier.original_due_at),
        "delivery_place": _delivery_place(dossier),
        "fees": _fees(dossier),
        "officer_name": _person(event.actor) if event else "",
    }
    return context, dossier.received_at


def _supplement(dossier: Dossier, context: dict):
    request = (
        dossier.supplement_requests.select_related("requested_by").order_by("-requested_at").first()
    )
    if request is None:
        raise NoticeUnavailable(_("Hồ sơ không có yêu cầu bổ sung."))
    event = _last_event(dossier, Action.REQUEST_SUPPLEMENT, Action.REQUEST_INTAKE_SUPPLEMENT)
    unit = dossier.receiving_unit
    contact = issuer_name(unit) + (f", điện thoại {unit.phone}" if unit.phone else "")
    context |= {
        "items": [
            [str(i), item.get("name", ""), item.get("reason", "")]
            for i, item in enumerate(request.items, start=1)
        ],
        "requested_time": spoken_time(request.requested_at),
        "requested_by": _person(request.requested_by),
        "request_note": event.reason if event and event.reason else "",
        "contact": contact,
    }
    return context, request.requested_at


def _refusal(dossier: Dossier, context: dict):
    event = _last_event(dossier, Action.REFUSE_INTAKE)
    if event is None:
        raise NoticeUnavailable(_("Hồ sơ không bị từ chối tiếp nhận."))
    context |= {
        "refusal_reason": event.reason,
        "refused_time": spoken_time(event.at),
        "officer_name": _person(event.actor),
    }
    return context, event.at


def _apology(dossier: Dossier, context: dict):
    again = (
        dossier.reappointments.select_related("requested_by", "responsible_agency")
        .order_by("-requested_at")
        .first()
    )
    if again is None:
        raise NoticeUnavailable(_("Hồ sơ không có văn bản xin lỗi, hẹn lại."))
    context |= {
        "original_due_time": spoken_time(again.previous_due_at),
        "new_due_time": spoken_time(again.new_due_at),
        "delay_reason": again.reason,
        "responsible_agency": again.responsible_agency.name,
        "leader_name": _person(again.requested_by),
    }
    return context, again.requested_at


def _financial_status(dossier: Dossier) -> str:
    fees = list(dossier.fees.all())
    if not fees:
        return _("Không có nghĩa vụ tài chính")
    unpaid = sum((f.amount for f in fees if f.paid_at is None), Decimal(0))
    if unpaid:
        return _("Chưa hoàn thành, còn %(amount)s") % {"amount": dong(unpaid)}
    return _("Đã hoàn thành")


def _stop(dossier: Dossier, context: dict):
    event = _last_event(dossier, Action.STOP)
    if event is None:
        raise NoticeUnavailable(_("Hồ sơ không bị dừng giải quyết."))
    context |= {
        "stopped_time": spoken_time(event.at),
        "stage": Status(event.from_status).label if event.from_status else BLANK,
        "stop_reason": event.reason,
        "financial_status": _financial_status(dossier),
        "leader_name": _person(event.actor),
    }
    return context, event.at


def _unit_of(step, home: set[int]) -> str:
    """The unit of a step, with its agency named when it is not one of the dossier's own (the
    receiving unit and the resolving agency): a partner agency in an inter-agency process."""
    label = step.get_unit_kind_display()
    if step.agency_id and step.agency_id not in home:
        return f"{label} ({step.agency.display_name})"
    return label


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _handover_time(moment: datetime.datetime | None) -> str:
    """“09 giờ 30 phút, ngày 02/03/2026”, or its blanks to write in by hand."""
    if moment is None:
        return "… giờ … phút, ngày …/…/……"
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _handover_row(giver, receiver, moment, signers, result, notes) -> list:
    """A row of Form 05: “1. Giao / 2. Nhận”, the time signed by both, the result, the notes;
    a hand-over still to come has its time blank, to be written in by hand."""
    return [
        f"1. Giao: {giver}\n2. Nhận: {receiver}",
        SignedCell(
            _handover_time(moment),
            tuple(zip(HANDOVER_SIGNERS, signers, strict=True)),
        ),
        result.label.capitalize() if result else "",
        "\n".join(note for note in notes if note),
    ]


def _done(step, calendar) -> tuple:
    """The result of the giver's step against its quota (trước hạn / đúng hạn / quá hạn), and
    the note saying what it was and how long it took."""
    punctuality = clock.step_punctuality(step, calendar)
    note = _("Bên giao: %(name)s") % {"name": step.name}
    if step.worked_hours is not None:
        note += _(" (%(worked)s/%(quota)s giờ làm việc)") % {
            "worked": _hours(step.worked_hours),
            "quota": _hours(step.quota_hours),
        }
    return punctuality, note


def _next(step) -> str:
    note = _("Bên nhận: %(name)s") % {"name": step.name}
    if step.is_open:
        note += _(" (đang xử lý)")
    return note


def control_rows(dossier: Dossier) -> list[list]:
    """One row per hand-over (Form 05, domain.md §7.1): from the desk to the first unit that
    works on the dossier, from each stage of the internal process to the next, back to the
    desk, and from the desk to the applicant. Each row says who handed over to whom and when,
    with a place for both to sign, and whether the giver's part was early, on time or late
    against its quota; the last row against the appointment (thời gian hẹn trả)."""
    calendar = clock.calendar_of(dossier)
    steps = list(dossier.steps.select_related("agency", "assignee"))
    desk = StepUnit.DESK.label
    home = {dossier.receiving_unit_id, dossier.resolving_agency_id}
    received = _last_event(dossier, Action.RECEIVE, Action.ACCEPT)
    rows = []
    if steps and steps[0].unit_kind != StepUnit.DESK:
        rows.append(
            _handover_row(
                desk,
                _unit_of(steps[0], home),
                steps[0].started_at,
                (_person(received.actor) if received else "", _person(steps[0].assignee)),
                None,
                [_next(steps[0])],
            )
        )
    for index, step in enumerate(steps[1:], start=1):
        # The giver is the last step of the stage before: steps of one stage run side by side.
        giver = next((s for s in reversed(steps[:index]) if s.stage < step.stage), steps[0])
        punctuality, done = _done(giver, calendar)
        rows.append(
            _handover_row(
                _unit_of(giver, home),
                _unit_of(step, home),
                step.started_at,
                (_person(giver.assignee), _person(step.assignee)),
                punctuality,
                [done, _next(step)],
            )
        )
    last = steps[-1] if steps else None
    if last is not None and last.unit_kind != StepUnit.DESK:
        punctuality, done = _done(last, calendar)
        rows.append(
            _handover_row(
                _unit_of(last, home),
                desk,
                last.finished_at,
                (_person(last.assignee), ""),
                punctuality,
                [done],
            )
        )
    returned = _last_event(dossier, Action.RETURN_RESULT)
    recipient = returned.data.get("recipient", "") if returned else ""
    rows.append(
        _handover_row(
            desk,
            "Tổ chức, cá nhân",
            dossier.returned_at,
            (_person(returned.actor) if returned else "", recipient),
            clock.legal_punctuality(dossier) if dossier.returned_at else None,
            [
                dossier.get_delivery_display(),
                _("Kết quả so với thời gian hẹn trả") if dossier.returned_at else "",
            ],
        )
    )
    return rows


def _hand_over(dossier: Dossier) -> list[str]:
    """What the desk recorded when handing the result over: the recipient and whether the
    originals were given back (trả lại bản gốc)."""
    event = _last_event(dossier, Action.RETURN_RESULT)
    data = event.data if event is not None else {}
    parts = []
    if data.get("recipient"):
        parts.append(
            _("Người nhận: %(name)s (số giấy tờ %(id)s).")
            % {"name": data["recipient"], "id": data.get("recipient_id") or BLANK}
        )
    if "originals_returned" in data:
        if data["originals_returned"]:
            parts.append(_("Đã trả lại bản gốc giấy tờ."))
        else:
            parts.append(_("Chưa xác nhận trả lại bản gốc giấy tờ."))
    if data.get("originals_note"):
        parts.append(_("Ghi chú bản gốc: %(note)s.") % {"note": data["originals_note"]})
    return parts


def _control_slip(dossier: Dossier, context: dict):
    if dossier.received_at is None:
        raise NoticeUnavailable(_("Hồ sơ chưa được tiếp nhận."))
    if dossier.returned_at is not None:
        punctuality = clock.legal_punctuality(dossier)
        returned = _("Trả kết quả cho cá nhân, tổ chức: %(time)s (%(result)s).") % {
            "time": spoken_time(dossier.returned_at),
            "result": punctuality.label if punctuality else BLANK,
        }
        returned = " ".join([returned, *_hand_over(dossier)])
    else:
        returned = _("Chưa trả kết quả cho cá nhân, tổ chức.")
    context |= {"steps": control_rows(dossier), "returned_line": returned}
    return context, timezone.now()


BUILDERS = {
    FormKey.RECEIPT: _receipt,
    FormKey.SUPPLEMENT: _supplement,
    FormKey.REFUSAL: _refusal,
    FormKey.APOLOGY: _apology,
    FormKey.STOP: _stop,
    FormKey.CONTROL_SLIP: _control_slip,
}


def build(dossier: Dossier, form_key: str) -> tuple[dict, datetime.datetime]:
    """The context of ``form_key`` for ``dossier`` and the instant the form is dated."""
    return BUILDERS[form_key](dossier, common_context(dossier))


def register_row(index: int, dossier: Dossier) -> list[str]:
    steps = list(dossier.steps.all())
    handed_over = steps[0].finished_at if steps else None
    contact = ", ".join(v for v in (dossier.applicant_address, dossier.applicant_phone) if v)
    return [
        str(index),
        dossier.code or "",
        dossier.procedure_version.name,
        "01",
        dossier.applicant_name,
        contact,
        dossier.resolving_agency.display_name,
        compact_time(dossier.received_at),
        compact_time(dossier.original_due_at),
        compact_time(handed_over),
        compact_time(dossier.finished_at),
        compact_time(dossier.returned_at),
        dossier.get_status_display(),
    ]
