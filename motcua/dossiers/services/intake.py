"""Intake (tiếp nhận): online submission and the desk's check, walk-in and postal receipt,
supplement before acceptance, refusal — ND 61/2018 Art. 17."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.audit import services as audit
from motcua.catalog import paperless
from motcua.catalog.constants import Channel, OnlineLevel

from .. import clock, representation, rulesets
from ..access import Capacity, desk_capacity
from ..constants import Action, Delivery, Status
from ..errors import NotPermitted, RuleViolation
from ..models import Dossier, SupplementRequest, SupplementStage
from ._core import Change, next_code, perform, require_text
from .assisted import assisted_data, require_consent
from .inputs import Applicant, ComponentInput
from .receipt import (
    attach_components,
    copy_fees,
    existing_components,
    new_dossier,
    require_mandatory,
    start_clock,
    supplement_items,
    version_in_force,
)


def refuse_paper_on_paperless_day(procedure_version, unit, applicant: Applicant, now) -> None:
    """A paper application is not taken at the desk under a paperless-day rule
    (``catalog.paperless``): the desk files it online with the applicant instead."""
    day = timezone.localdate(now)
    rule = paperless.paperless_rule(unit, procedure_version, day, applicant.kind)
    if rule is not None:
        raise RuleViolation(paperless.refusal_text(rule, procedure_version), code="paperless_day")


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
    as_read: bool = False,
) -> Dossier:
    """Keep an unfinished online application (hồ sơ nháp) so the applicant can resume it. A draft
    has no code and is never synchronised; it is checked fully only when submitted.
    ``as_read``: ``draft`` is the caller's fresh read of it (``perform``)."""
    if actor is None or not actor.is_applicant:
        raise NotPermitted(_("Chỉ công dân, tổ chức lưu hồ sơ nháp."), code="not_applicant")

    def apply(locked, capacity, now):
        target = locked or Dossier(channel=Channel.ONLINE, applicant=actor)
        version_in_force(procedure_version, now.date())
        who = Applicant.from_account(actor)
        target.procedure_version = procedure_version
        if locked is None:
            # Kept from the start: submission takes the rule set in force on its own day.
            target.rules = rulesets.in_force_on(now.date())
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
        as_read=as_read,
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
    fee_quantities: dict | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    assisted_by=None,
    at: datetime.datetime | None = None,
    as_read: bool = False,
) -> Dossier:
    """A citizen files online (nộp trực tuyến), from scratch or from a saved draft: the dossier
    gets its code and waits for the desk's check, due within the rule set's confirmation time
    (8 working hours). Fee lines counted per copy, page or item take ``fee_quantities``
    (``catalog.constants.Quantity`` -> count) or the application form's answers.

    ``assisted_by``: the desk officer filing it with the applicant at the counter (nộp trực
    tuyến có hỗ trợ), under the applicant's account ``actor``; the officer must be a desk
    officer of ``receiving_unit`` holding the applicant's live consent (``assisted``). The
    dossier stays an online one; the officer is recorded on it, in its history and the audit.

    ``as_read``: ``draft`` is the caller's fresh read of it (``perform``)."""

    def apply(locked, capacity, now):
        if procedure_version.online_level == OnlineLevel.NONE:
            raise RuleViolation(
                _("Thủ tục này chưa cung cấp dịch vụ công trực tuyến."), code="not_online"
            )
        who = applicant or Applicant.from_account(actor)
        dossier = new_dossier(
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
            complete_answers=True,
        )
        if locked is not None:
            dossier.pk, dossier.created_at = locked.pk, locked.created_at
            dossier.version = locked.version
            dossier._state.adding = False
        components_given = components + existing_components(locked)
        require_mandatory(procedure_version, components_given, vneid_verified=who.vneid_verified)
        dossier.applicant = actor
        dossier.assisted_by = assisted_by
        dossier.submitted_at = now
        calendar = clock.calendar_of(dossier)
        dossier.intake_due_at = clock.add_hours(
            now, dossier.rules.intake_confirmation_hours, calendar
        )
        if locked is None:
            dossier.save()  # a draft has its row already; ``perform`` saves it with the status
        attach_components(dossier, components)
        representation.record(dossier, who)
        copy_fees(dossier, fee_quantities)
        # Last, so that the unit's counter row of the day is locked only for the history rows
        # and the commit (``next_code``); ``perform`` saves the code with the status.
        dossier.code = next_code(dossier.rules, receiving_unit, now)
        data = {"components": len(components_given)}
        if assisted_by is not None:
            data |= assisted_data(assisted_by, capacity_of_officer)
            audit.record(
                actor=assisted_by,
                verb="assisted_submit",
                obj=dossier,
                at=now,
                code=dossier.code,
                applicant=actor.pk,
            )
        return Change(dossier, Status.SUBMITTED, data=data)

    if actor is None or not actor.is_applicant:
        raise NotPermitted(_("Chỉ công dân, tổ chức nộp hồ sơ trực tuyến."), code="not_applicant")
    capacity_of_officer = None
    if assisted_by is not None:
        capacity_of_officer = desk_capacity(assisted_by, receiving_unit)
        require_consent(officer=assisted_by, applicant=actor, unit=receiving_unit, at=at)
    return perform(
        Action.SUBMIT,
        actor=actor,
        dossier=draft,
        apply=apply,
        capacity=Capacity(None, "") if draft is None else None,
        expected_version=expected_version,
        idempotency_key=idempotency_key,
        at=at,
        as_read=as_read,
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
    fee_quantities: dict | None = None,
    idempotency_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """The desk receives a complete walk-in or postal dossier (tiếp nhận trực tiếp, qua bưu
    chính): code, appointment time, fees (counted by ``fee_quantities`` where a line is per
    copy, page or item) and the internal process, in one step."""
    if channel not in (Channel.DIRECT, Channel.POSTAL):
        raise RuleViolation(
            _("Hồ sơ trực tuyến được tiếp nhận bằng thao tác kiểm tra hồ sơ."), code="channel"
        )
    capacity = desk_capacity(actor, receiving_unit)

    def apply(_dossier, _capacity, now):
        if channel == Channel.DIRECT:
            refuse_paper_on_paperless_day(procedure_version, receiving_unit, applicant, now)
        dossier = new_dossier(
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
            complete_answers=True,
        )
        require_mandatory(procedure_version, components, vneid_verified=applicant.vneid_verified)
        dossier.submitted_at = now
        dossier.save()
        attach_components(dossier, components)
        representation.record(dossier, applicant)
        copy_fees(dossier, fee_quantities)
        start_clock(dossier, now)
        dossier.code = next_code(dossier.rules, receiving_unit, now)  # last: see submit_online
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
        start_clock(locked, now)
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
    wanted = supplement_items(items)

    def apply(locked, capacity, now):
        target = locked
        if target is None:
            if walk_in.get("channel", Channel.DIRECT) == Channel.DIRECT:
                refuse_paper_on_paperless_day(
                    walk_in["procedure_version"],
                    walk_in["receiving_unit"],
                    walk_in["applicant"],
                    now,
                )
            target = new_dossier(
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
            attach_components(target, walk_in.get("components", []))
            representation.record(target, walk_in["applicant"])
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
        attach_components(locked, components)
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
            target = new_dossier(
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
                refusing=True,
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
