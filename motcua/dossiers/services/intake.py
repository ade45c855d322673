"""Intake (tiếp nhận): online submission and the desk's check, walk-in and postal receipt,
supplement before acceptance, refusal — ND 61/2018 Art. 17."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from motcua.accounts.models import BusinessKind
from motcua.agencies.models import Agency
from motcua.catalog import selectors as catalog
from motcua.catalog.constants import Channel, OnlineLevel, Requirement
from motcua.worktime import explain as wt_explain
from motcua.worktime.constants import DurationUnit

from .. import clock, engine
from ..access import Capacity, desk_capacity
from ..constants import Action, ApplicantKind, Delivery, FileOrigin, Status
from ..errors import NotPermitted, RuleViolation
from ..models import (
    Dossier,
    DossierComponent,
    DossierFee,
    RuleSet,
    SupplementRequest,
    SupplementStage,
)
from ._core import Change, next_code, perform, require_text


@dataclass
class Applicant:
    """Who the dossier is for (chủ hồ sơ) and who files it (người nộp thay), as entered."""

    name: str
    kind: str = ApplicantKind.CITIZEN
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    representative_name: str = ""
    representative_id_number: str = ""
    user: object | None = None
    vneid_verified: bool = False

    @classmethod
    def from_account(cls, user, **overrides) -> Applicant:
        profile = getattr(user, "citizen_profile", None)
        business = getattr(user, "business_profile", None)
        values = {
            "name": user.get_full_name(),
            "phone": user.phone,
            "email": user.email,
            "user": user,
        }
        if profile is not None:
            values |= {
                "id_number": profile.personal_id,
                "address": profile.address,
                "vneid_verified": profile.vneid_verified,
            }
        elif business is not None:
            values |= {
                "name": business.name,
                "kind": ApplicantKind.HOUSEHOLD_BUSINESS
                if business.kind == BusinessKind.HOUSEHOLD_BUSINESS
                else ApplicantKind.BUSINESS,
                "id_number": business.tax_code,
                "address": business.address,
            }
        return cls(**(values | overrides))


@dataclass
class ComponentInput:
    """A document handed in: its catalogue component, files and where they came from."""

    name: str
    component: object | None = None
    files: list = field(default_factory=list)
    origin: str = FileOrigin.UPLOADED
    reused: bool = False
    source_database: str = ""
    paper_originals: int = 0
    paper_copies: int = 0


def _version_in_force(procedure_version, day: datetime.date):
    if not procedure_version.is_valid_on(day):
        raise RuleViolation(
            _("Thủ tục “%(name)s” (phiên bản %(number)s) không áp dụng vào ngày %(day)s.")
            % {
                "name": procedure_version.name,
                "number": procedure_version.number,
                "day": day.strftime("%d/%m/%Y"),
            },
            code="version_not_in_force",
        )


def _check_competence(procedure_version, resolving_agency: Agency, day: datetime.date) -> None:
    # Route by competence, not by place of receipt (ND 118/2025 Art. 14 §2).
    if (
        not catalog.executing_agencies(procedure_version, on=day)
        .filter(pk=resolving_agency.pk)
        .exists()
    ):
        raise RuleViolation(
            _("%(agency)s không có thẩm quyền giải quyết thủ tục “%(name)s”.")
            % {"agency": resolving_agency.display_name, "name": procedure_version.name},
            code="not_competent",
        )


def _check_desk(unit: Agency, day: datetime.date) -> None:
    if not unit.runs_one_stop_desk or not unit.is_active_on(day):
        raise RuleViolation(
            _("%(unit)s không có Bộ phận Một cửa đang hoạt động.") % {"unit": unit.display_name},
            code="no_desk",
        )


def _term(dossier: Dossier):
    term = catalog.channel_term(dossier.procedure_version, dossier.channel)
    if term is None:
        raise RuleViolation(
            _("Thủ tục không được thực hiện qua kênh “%(channel)s”.")
            % {"channel": Channel(dossier.channel).label},
            code="channel_not_offered",
        )
    return term


def _new_dossier(
    *,
    procedure_version,
    channel,
    receiving_unit,
    resolving_agency,
    applicant: Applicant,
    delivery,
    delivery_address,
    summary,
    form_data,
    now,
) -> Dossier:
    day = now.date()
    _version_in_force(procedure_version, day)
    _check_desk(receiving_unit, day)
    _check_competence(procedure_version, resolving_agency, day)
    require_text(applicant.name, _("Chưa nhập họ tên chủ hồ sơ."), "applicant_name")
    if delivery == Delivery.POST:
        require_text(
            delivery_address, _("Chưa nhập địa chỉ nhận kết quả qua bưu chính."), "address"
        )
    if delivery == Delivery.ONLINE and procedure_version.online_level != OnlineLevel.FULL:
        raise RuleViolation(
            _(
                "Thủ tục này chưa trả kết quả trực tuyến; hãy chọn nhận tại Bộ phận Một cửa hoặc qua bưu chính."
            ),
            code="delivery_not_offered",
        )
    dossier = Dossier(
        procedure_version=procedure_version,
        rules=RuleSet.objects.in_force_on(day),
        channel=channel,
        receiving_unit=receiving_unit,
        resolving_agency=resolving_agency,
        holder=receiving_unit,
        applicant=applicant.user,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_id_number=applicant.id_number,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address,
        representative_name=applicant.representative_name,
        representative_id_number=applicant.representative_id_number,
        vneid_verified=applicant.vneid_verified,
        delivery=delivery,
        delivery_address=delivery_address,
        summary=summary or procedure_version.name,
        form_data=form_data or {},
    )
    _term(dossier)
    return dossier


def _attach_components(dossier: Dossier, components: list[ComponentInput]) -> None:
    for item in components:
        row = DossierComponent.objects.create(
            dossier=dossier,
            component=item.component,
            name=item.name,
            origin=item.origin,
            digitized=bool(item.files),
            reused=item.reused
            or item.origin in (FileOrigin.DATA_STORE, FileOrigin.NATIONAL_DATABASE),
            source_database=item.source_database,
            paper_originals=item.paper_originals,
            paper_copies=item.paper_copies,
        )
        if item.files:
            row.files.set(item.files)


def _copy_fees(dossier: Dossier) -> None:
    for line in _term(dossier).fee_lines.all():
        DossierFee.objects.create(
            dossier=dossier,
            name=line.name,
            code=line.code,
            kind=line.kind,
            amount=line.amount,
            stage=line.stage,
        )


def _start_clock(dossier: Dossier, now: datetime.datetime) -> None:
    """Receipt: the appointment time from the channel's time limit and the cut-off rule, and
    the internal process copied onto the dossier with its first stage started."""
    term = _term(dossier)
    calendar = clock.calendar_of(dossier)
    unit = DurationUnit.WORKING_DAYS if term.same_day else term.processing_unit
    amount = 0 if term.same_day else term.processing_amount
    cutoff = dossier.procedure_version.cutoff_time
    if term.same_day:
        # Same-day procedures: returned by the end of the receipt's working day (next one after
        # the cut-off), ND 23/2015 Art. 21.
        start = clock.wt.effective_receipt_time(now, cutoff, calendar)
        start = clock.wt.next_working_instant(start, calendar)
        due = clock.end_of_working_day(start, calendar)
    else:
        due = wt_explain.compute_due(now, amount, unit, calendar, cutoff=cutoff, explain=False).due
        start = clock.wt.next_working_instant(
            clock.wt.effective_receipt_time(now, cutoff, calendar), calendar
        )
    dossier.received_at = now
    dossier.clock_start_at = start
    dossier.original_due_at = due
    dossier.due_at = due
    dossier.save()
    total = clock.working_hours_between(start, due, calendar)
    steps = engine.instantiate(dossier, total_hours=total)
    intake = engine.intake_stage(steps)
    if intake is not None:
        engine.start_stage(dossier, steps, intake, start, calendar)


def save_draft(
    *,
    actor,
    procedure_version,
    receiving_unit: Agency,
    resolving_agency: Agency,
    draft: Dossier | None = None,
    delivery: str = Delivery.DESK,
    delivery_address: str = "",
    summary: str = "",
    form_data: dict | None = None,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Keep an unfinished online application (hồ sơ nháp) so the applicant can resume it. A draft
    has no code and is never synchronised; it is checked fully only when submitted."""
    if actor is None or not actor.is_applicant:
        raise NotPermitted(_("Chỉ công dân, tổ chức lưu hồ sơ nháp."), code="not_applicant")

    def apply(locked, capacity, now):
        target = locked or Dossier(channel=Channel.ONLINE, applicant=actor)
        _version_in_force(procedure_version, now.date())
        who = Applicant.from_account(actor)
        target.procedure_version = procedure_version
        target.rules = RuleSet.objects.in_force_on(now.date())
        target.receiving_unit = target.holder = receiving_unit
        target.resolving_agency = resolving_agency
        target.applicant_kind, target.applicant_name = who.kind, who.name
        target.applicant_id_number, target.applicant_phone = who.id_number, who.phone
        target.applicant_email, target.applicant_address = who.email, who.address
        target.vneid_verified = who.vneid_verified
        target.delivery, target.delivery_address = delivery, delivery_address
        target.summary = summary or procedure_version.name
        target.form_data = form_data or {}
        return Change(target, Status.DRAFT)

    return perform(
        Action.SAVE_DRAFT,
        actor=actor,
        dossier=draft,
        apply=apply,
        capacity=Capacity(None, "") if draft is None else None,
        expected_version=expected_version,
        at=at,
    )


def submit_online(
    *,
    actor,
    procedure_version,
    receiving_unit: Agency,
    resolving_agency: Agency,
    components: list[ComponentInput],
    delivery: str = Delivery.DESK,
    delivery_address: str = "",
    summary: str = "",
    form_data: dict | None = None,
    applicant: Applicant | None = None,
    draft: Dossier | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """A citizen files online (nộp trực tuyến), from scratch or from a saved draft: the dossier
    gets its code and waits for the desk's check, due within the rule set's confirmation time
    (8 working hours)."""

    def apply(locked, capacity, now):
        if procedure_version.online_level == OnlineLevel.NONE:
            raise RuleViolation(
                _("Thủ tục này chưa cung cấp dịch vụ công trực tuyến."), code="not_online"
            )
        who = applicant or Applicant.from_account(actor)
        dossier = _new_dossier(
            procedure_version=procedure_version,
            channel=Channel.ONLINE,
            receiving_unit=receiving_unit,
            resolving_agency=resolving_agency,
            applicant=who,
            delivery=delivery,
            delivery_address=delivery_address,
            summary=summary,
            form_data=form_data,
            now=now,
        )
        if locked is not None:
            dossier.pk, dossier.created_at = locked.pk, locked.created_at
            dossier.version = locked.version
            dossier._state.adding = False
        components_given = components + _existing_components(locked)
        _require_mandatory(procedure_version, components_given)
        dossier.applicant = actor
        dossier.code = next_code(dossier.rules, receiving_unit, now)
        dossier.submitted_at = now
        calendar = clock.calendar_of(dossier)
        dossier.intake_due_at = clock.add_hours(
            now, dossier.rules.intake_confirmation_hours, calendar
        )
        dossier.save()
        _attach_components(dossier, components)
        _copy_fees(dossier)
        return Change(dossier, Status.SUBMITTED, data={"components": len(components_given)})

    if actor is None or not actor.is_applicant:
        raise NotPermitted(_("Chỉ công dân, tổ chức nộp hồ sơ trực tuyến."), code="not_applicant")
    return perform(
        Action.SUBMIT,
        actor=actor,
        dossier=draft,
        apply=apply,
        capacity=Capacity(None, "") if draft is None else None,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def _existing_components(draft: Dossier | None) -> list[ComponentInput]:
    """Components already attached to a draft, as inputs for the completeness check."""
    if draft is None:
        return []
    return [
        ComponentInput(
            name=row.name,
            component=row.component,
            files=list(row.files.all()),
            paper_originals=row.paper_originals,
            paper_copies=row.paper_copies,
        )
        for row in draft.components.all()
    ]


def _require_mandatory(procedure_version, components: list[ComponentInput]) -> None:
    given = {
        item.component.pk
        for item in components
        if item.component is not None and (item.files or item.paper_originals or item.paper_copies)
    }
    missing = [
        c.name
        for c in procedure_version.components.all()
        if c.requirement == Requirement.MANDATORY and c.pk not in given
    ]
    if missing:
        raise RuleViolation(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s.") % {"names": "; ".join(missing)},
            code="missing_components",
        )


def receive(
    *,
    actor,
    procedure_version,
    receiving_unit: Agency,
    resolving_agency: Agency,
    applicant: Applicant,
    components: list[ComponentInput],
    channel: str = Channel.DIRECT,
    delivery: str = Delivery.DESK,
    delivery_address: str = "",
    summary: str = "",
    form_data: dict | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The desk receives a complete walk-in or postal dossier (tiếp nhận trực tiếp, qua bưu
    chính): code, appointment time, fees and the internal process, in one step."""
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise RuleViolation(
            _("Hồ sơ trực tuyến được tiếp nhận bằng thao tác kiểm tra hồ sơ."), code="channel"
        )
    capacity = desk_capacity(actor, receiving_unit)

    def apply(_dossier, _capacity, now):
        dossier = _new_dossier(
            procedure_version=procedure_version,
            channel=channel,
            receiving_unit=receiving_unit,
            resolving_agency=resolving_agency,
            applicant=applicant,
            delivery=delivery,
            delivery_address=delivery_address,
            summary=summary,
            form_data=form_data,
            now=now,
        )
        _require_mandatory(procedure_version, components)
        dossier.code = next_code(dossier.rules, receiving_unit, now)
        dossier.submitted_at = now
        dossier.save()
        _attach_components(dossier, components)
        _copy_fees(dossier)
        _start_clock(dossier, now)
        return Change(dossier, Status.RECEIVED, data={"appointment": dossier.due_at.isoformat()})

    return perform(
        Action.RECEIVE,
        actor=actor,
        dossier=None,
        apply=apply,
        capacity=capacity,
        idempotency_key=idempotency_key,
        at=at,
    )


def accept(
    dossier: Dossier,
    *,
    actor,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The desk accepts an online dossier (or a walk-in one completed after guidance): the
    appointment time is computed now, with the procedure's cut-off."""

    def apply(locked, capacity, now):
        _start_clock(locked, now)
        return Change(locked, Status.RECEIVED, data={"appointment": locked.due_at.isoformat()})

    return perform(
        Action.ACCEPT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def _items(items: list[dict]) -> list[dict]:
    cleaned = [
        {"name": (item.get("name") or "").strip(), "reason": (item.get("reason") or "").strip()}
        for item in items
    ]
    cleaned = [item for item in cleaned if item["name"]]
    if not cleaned:
        raise RuleViolation(
            _("Hãy liệt kê đầy đủ, một lần, mọi giấy tờ cần bổ sung và lý do."), code="no_items"
        )
    return cleaned


def request_intake_supplement(
    dossier: Dossier | None,
    *,
    actor,
    items: list[dict],
    reason: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
    **walk_in,
) -> Dossier:
    """Ask, once and completely, for what is missing before acceptance (Form 02; ND 61/2018
    Art. 15 §3, Art. 17). For an online dossier pass it; for a walk-in applicant pass the
    ``receive`` arguments instead, and the guidance is recorded under a new code."""
    wanted = _items(items)

    def apply(locked, capacity, now):
        target = locked
        if target is None:
            target = _new_dossier(
                procedure_version=walk_in["procedure_version"],
                channel=walk_in.get("channel", Channel.DIRECT),
                receiving_unit=walk_in["receiving_unit"],
                resolving_agency=walk_in["resolving_agency"],
                applicant=walk_in["applicant"],
                delivery=walk_in.get("delivery", Delivery.DESK),
                delivery_address=walk_in.get("delivery_address", ""),
                summary=walk_in.get("summary", ""),
                form_data=walk_in.get("form_data"),
                now=now,
            )
            target.code = next_code(target.rules, target.receiving_unit, now)
            target.submitted_at = now
            target.save()
            _attach_components(target, walk_in.get("components", []))
        SupplementRequest.objects.create(
            dossier=target,
            stage=SupplementStage.BEFORE_ACCEPTANCE,
            items=wanted,
            requested_at=now,
            requested_by=actor,
        )
        return Change(target, Status.INTAKE_SUPPLEMENT, reason=reason, data={"items": wanted})

    capacity = desk_capacity(actor, walk_in["receiving_unit"]) if dossier is None else None
    return perform(
        Action.REQUEST_INTAKE_SUPPLEMENT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        capacity=capacity,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def resubmit(
    dossier: Dossier,
    *,
    actor,
    components: list[ComponentInput],
    note: str = "",
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The applicant sends what was asked for before acceptance; the desk checks again."""

    def apply(locked, capacity, now):
        _attach_components(locked, components)
        SupplementRequest.objects.filter(
            dossier=locked, stage=SupplementStage.BEFORE_ACCEPTANCE, answered_at__isnull=True
        ).update(answered_at=now, answer_note=note)
        calendar = clock.calendar_of(locked)
        locked.intake_due_at = clock.add_hours(
            now, locked.rules.intake_confirmation_hours, calendar
        )
        return Change(
            locked,
            Status.SUBMITTED,
            reason=note,
            data={"components": len(components)},
            attachments=[f for item in components for f in item.files],
        )

    return perform(
        Action.RESUBMIT,
        actor=actor,
        dossier=dossier,
        apply=apply,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )


def refuse_intake(
    dossier: Dossier | None,
    *,
    actor,
    reason: str,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
    **walk_in,
) -> Dossier:
    """Refuse to receive (Form 03), always with the reasons; never a technical error code."""
    text = require_text(reason, _("Từ chối tiếp nhận phải ghi rõ lý do."), "no_reason")

    def apply(locked, capacity, now):
        target = locked
        if target is None:
            target = _new_dossier(
                procedure_version=walk_in["procedure_version"],
                channel=walk_in.get("channel", Channel.DIRECT),
                receiving_unit=walk_in["receiving_unit"],
                resolving_agency=walk_in["resolving_agency"],
                applicant=walk_in["applicant"],
                delivery=Delivery.DESK,
                delivery_address="",
                summary=walk_in.get("summary", ""),
                form_data=walk_in.get("form_data"),
                now=now,
            )
            target.code = next_code(target.rules, target.receiving_unit, now)
            target.submitted_at = now
            target.save()
        return Change(target, Status.REFUSED_AT_INTAKE, reason=text)

    capacity = desk_capacity(actor, walk_in["receiving_unit"]) if dossier is None else None
    return perform(
        Action.REFUSE_INTAKE,
        actor=actor,
        dossier=dossier,
        apply=apply,
        capacity=capacity,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
    )
