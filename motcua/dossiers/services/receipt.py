"""Building blocks of intake shared by the intake use cases: checks of competence and desk,
the new dossier, its components and fees, and the start of the clock at receipt."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog import answers, fees
from motcua.catalog import boundary as boundary_lists
from motcua.catalog import selectors as catalog
from motcua.catalog.answer_checks import AnswerErrors, clean_answers
from motcua.catalog.constants import Channel, FeeBasis, OnlineLevel, Quantity

from .. import boundary, clock, engine, representation, rulesets
from ..constants import Delivery, FileOrigin
from ..errors import RuleViolation
from ..models import Dossier, DossierComponent, DossierFee
from ._core import require_text
from .inputs import Applicant, ComponentInput


def version_in_force(procedure_version, day: datetime.date):
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
    # The agency's row as the request read it, like the desk's check below (no query).
    if not catalog.executes(procedure_version, resolving_agency, day):
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


def channel_term_of(dossier: Dossier):
    # Read once per dossier object and channel: intake checks the channel, then copies its fees.
    memo = dossier.__dict__.setdefault("_channel_terms", {})
    key = (dossier.procedure_version_id, dossier.channel)
    if key not in memo:
        memo[key] = catalog.channel_term(dossier.procedure_version, dossier.channel)
    term = memo[key]
    if term is None:
        raise RuleViolation(
            _("Thủ tục không được thực hiện qua kênh “%(channel)s”.")
            % {"channel": Channel(dossier.channel).label},
            code="channel_not_offered",
        )
    return term


def new_dossier(
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
    complete_answers: bool = False,
    refusing: bool = False,
) -> Dossier:
    """A dossier not saved yet, after the checks every intake makes: the version in force, an
    open desk, a competent agency, the applicant's name and code, who files for them and under
    what authorisation (``representation``), a way to return the result, and the form's answers
    (all required ones when ``complete_answers``). A refusal (``refusing``) is recorded even off
    the boundary-free list, and checks no representation: the representative is kept as typed
    and no authorisation is recorded (its scan may be the very thing refused)."""
    day = now.date()
    version_in_force(procedure_version, day)
    _check_desk(receiving_unit, day)
    _check_competence(procedure_version, resolving_agency, day)
    crosses, basis = boundary.basis(receiving_unit, resolving_agency, procedure_version, day)
    if crosses and basis is None and not refusing:
        # ND 118/2025 Art. 14 §2: another commune's dossier only for a procedure on the list
        # (a refusal is still recorded: the desk tells the applicant where to file).
        raise RuleViolation(
            boundary_lists.refusal_text(procedure_version), code="not_boundary_free"
        )
    require_text(applicant.name, _("Chưa nhập họ tên chủ hồ sơ."), "applicant_name")
    if not refusing:
        representation.check(applicant, timezone.localdate(now), complete=complete_answers)
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
        rules=rulesets.in_force_on(day),
        channel=channel,
        receiving_unit=receiving_unit,
        resolving_agency=resolving_agency,
        boundary_free_basis=basis,
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
        representative_position=applicant.representative_position.strip(),
        representative_phone=applicant.representative_phone.strip(),
        vneid_verified=applicant.vneid_verified,
        applicant_data_source=applicant.data_source,
        delivery=delivery,
        delivery_address=delivery_address,
        summary=summary or procedure_version.name,
        form_data=checked_form_data(
            procedure_version,
            form_data,
            birth_date=applicant.birth_date,
            now=now,
            complete=complete_answers,
        ),
    )
    channel_term_of(dossier)
    return dossier


def attach_components(dossier: Dossier, components: list[ComponentInput]) -> None:
    """The components and their files, in two statements however many there are."""
    rows = DossierComponent.objects.bulk_create(
        [
            DossierComponent(
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
            for item in components
        ]
    )
    links = DossierComponent.files.through
    links.objects.bulk_create(
        [
            links(dossiercomponent_id=row.pk, storedfile_id=stored.pk)
            for row, item in zip(rows, components, strict=True)
            for stored in {f.pk: f for f in item.files}.values()
        ]
    )


def copy_fees(dossier: Dossier, quantities: dict | None = None) -> None:
    """The dossier's fee lines from its channel's: a line counted per copy, page or item is
    multiplied by the quantity asked at the desk or on the portal (``quantities``, Quantity ->
    count) or, failing that, by the answer of the application-form field the catalogue names."""
    asked = quantities or {}
    answers = (dossier.form_data or {}).get("fields", {})
    for line in channel_term_of(dossier).fee_lines.all():
        try:
            counts = fees.resolve(line, asked, answers)
        except fees.QuantityMissing as missing:
            raise RuleViolation(str(missing), code="fee_quantity") from missing
        needs = fees.NEEDS[line.basis]
        DossierFee.objects.create(
            dossier=dossier,
            name=line.name,
            code=line.code,
            kind=line.kind,
            amount=fees.total(line, counts),
            stage=line.stage,
            basis=line.basis,
            unit=fees.unit_of(line),
            quantity=counts[needs[0][0]] if needs else 1,
            copies=counts.get(Quantity.COPIES, 1) if line.basis == FeeBasis.PER_PAGE else 1,
        )


def start_clock(dossier: Dossier, now: datetime.datetime) -> None:
    """Receipt: the appointment time from the channel's time limit and the cut-off rule, and
    the internal process copied onto the dossier with its first stage started."""
    calendar = clock.calendar_of(dossier)
    result = clock.appointment(
        channel_term_of(dossier), dossier.procedure_version.cutoff_time, calendar, now
    )
    start, due = result.counting_from, result.due
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


def noting_components(drafts: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """``drafts`` read with whether each has components attached (a subquery of the same
    statement), so that ``existing_components`` of one that has none asks nothing more. Only for
    a read that ``perform(as_read=True)`` writes back: components are attached by actions,
    which move the row's version, so a draft given one since the read is refused as stale."""
    return drafts.annotate(
        has_components=Exists(DossierComponent.objects.filter(dossier=OuterRef("pk")))
    )


def existing_components(draft: Dossier | None) -> list[ComponentInput]:
    """Components already attached to a draft, as inputs for the completeness check."""
    if draft is None or getattr(draft, "has_components", True) is False:
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


def require_mandatory(
    procedure_version, components: list[ComponentInput], *, vneid_verified: bool = False
) -> None:
    """Every component the applicant must give is given (those a VNeID-verified applicant need
    not give excepted: ``catalog.selectors.components_demanded``)."""
    given = {
        item.component.pk
        for item in components
        if item.component is not None and (item.files or item.paper_originals or item.paper_copies)
    }
    missing = [
        c.name
        for c in catalog.components_demanded(procedure_version, vneid_verified=vneid_verified)
        if c.pk not in given
    ]
    if missing:
        raise RuleViolation(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s.") % {"names": "; ".join(missing)},
            code="missing_components",
        )


def checked_form_data(
    procedure_version,
    form_data: dict | None,
    *,
    birth_date: datetime.date | None,
    now: datetime.datetime,
    complete: bool,
) -> dict:
    """``form_data`` with its answers (``form_data["fields"]``) checked by the one validator
    (``catalog.answer_checks``) and kept as it returns them. ``complete`` demands every
    required field of a version that defines its own form (the generic set is the portal's
    stand-in for a summary, not a legal form). RuleViolation lists every problem."""
    data = dict(form_data or {})
    try:
        data["fields"] = clean_answers(
            answers.fields_of(procedure_version),
            data.get("fields"),
            today=timezone.localdate(now),
            applicant_birth_date=birth_date,
            complete=complete and answers.has_own_fields(procedure_version),
        )
    except AnswerErrors as problems:
        raise RuleViolation(
            [_("Tờ khai chưa đúng: %(problem)s") % {"problem": m} for m in problems.messages()],
            code="form_answers",
        ) from problems
    if not data["fields"]:
        del data["fields"]
    return data


def supplement_items(items: list[dict]) -> list[dict]:
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
