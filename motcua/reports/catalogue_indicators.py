"""The 766 indicators counted over procedures (domain.md §9, groups 1 and 3), from the
published catalogue of the procedures in the agency subtree's competence.

Readings chosen:
- in competence = a version in force at the period end naming, as executing or resolving
  agency, a unit of the subtree or the level of one of its units;
- 1.1: versions whose publication decision is dated in the period; on time iff the decision is
  at least 20 (ministries) / 5 (others) working days before the latest legal basis takes
  effect; a version without a dated legal basis cannot be judged and is left out;
- 1.2: on time iff made public on the system within 10 (ministries) / 5 working days after the
  decision; not public by the period end is late;
- 1.3: the parts of ND 63/2010 Art. 8 §2 (a–g) present on the version in force;
- 3.2 / 3.5a / 3.5b / 4.5a: the dossiers are those received in the period.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from motcua.agencies.constants import Level
from motcua.agencies.selectors import subtree
from motcua.catalog.constants import (
    CITIZEN_SUBJECTS,
    AgencyRole,
    Channel,
    OnlineLevel,
    VersionStatus,
)
from motcua.catalog.models import ChannelTerm, ProcedureVersion
from motcua.catalog.selectors import in_force

from .items import Evaluation, Item

COMPETENCE_ROLES = (AgencyRole.EXECUTING, AgencyRole.RESOLVING)


def _versions(qs):
    return qs.select_related("procedure").prefetch_related(
        "agencies",
        "components",
        "legal_basis",
        Prefetch("channels", queryset=ChannelTerm.objects.prefetch_related("fee_lines")),
    )


def in_competence(versions, unit_ids: set[int], levels: set[str]) -> list[ProcedureVersion]:
    result = []
    for version in versions:
        for row in version.agencies.all():
            if row.role not in COMPETENCE_ROLES:
                continue
            if row.agency_id in unit_ids or (not row.agency_id and row.level in levels):
                result.append(version)
                break
    return result


def competence_versions(on: datetime.date, unit_ids, levels) -> list[ProcedureVersion]:
    return in_competence(_versions(in_force(on)).order_by("procedure__code"), unit_ids, levels)


def decided_versions(start, end, unit_ids, levels) -> list[ProcedureVersion]:
    qs = _versions(
        ProcedureVersion.objects.filter(decision_date__gte=start, decision_date__lte=end)
        .exclude(status=VersionStatus.DRAFT)
        .order_by("procedure__code", "number")
    )
    return in_competence(qs, unit_ids, levels)


def _item(version, passed: bool, reason: str = "") -> Item:
    return Item("procedure", version.procedure.code, version.name, "", passed, reason)


def working_days_after(first: datetime.date, last: datetime.date, calendar) -> int:
    """Working days d with first < d ≤ last (negative when last is before first)."""
    if last < first:
        return -working_days_after(last, first, calendar)
    days = (last - first).days
    return sum(
        1 for n in range(1, days + 1) if calendar.is_working_day(first + datetime.timedelta(days=n))
    )


def _lead_days(ctx, ministry: int, other: int) -> int:
    return ministry if ctx.agency.level == Level.MINISTRY else other


def published_on_time(ctx) -> Evaluation:
    """1.1 procedures whose decision came early enough before their legal basis took effect."""
    lead = _lead_days(ctx, 20, 5)
    by_procedure: dict[int, Item] = {}
    counted: dict[tuple, int] = {}  # versions decided together share their dates
    for version in ctx.decided:
        dates = [b.effective_from for b in version.legal_basis.all() if b.effective_from]
        if not dates:
            continue
        effective = max(dates)
        key = (version.decision_date, effective)
        if key not in counted:
            counted[key] = working_days_after(version.decision_date, effective, ctx.calendar)
        ahead = counted[key]
        passed = ahead >= lead
        reason = (
            ""
            if passed
            else _(
                "Quyết định công bố ngày %(decision)s, chỉ %(days)s ngày làm việc trước ngày "
                "văn bản có hiệu lực %(effective)s (cần %(lead)s)"
            )
            % {
                "decision": f"{version.decision_date:%d/%m/%Y}",
                "days": ahead,
                "effective": f"{effective:%d/%m/%Y}",
                "lead": lead,
            }
        )
        previous = by_procedure.get(version.procedure_id)
        if previous is None or previous.passed:  # any late instance makes the procedure late
            by_procedure[version.procedure_id] = _item(version, passed, reason)
    return Evaluation.of(list(by_procedure.values()))


def made_public_on_time(ctx) -> Evaluation:
    """1.2 procedures made public on the system soon enough after their decision."""
    lead = _lead_days(ctx, 10, 5)
    items = []
    for version in ctx.decided:
        if version.published_at is None or version.published_at >= ctx.period.end_at:
            items.append(_item(version, False, _("Chưa công khai trên hệ thống đến cuối kỳ")))
            continue
        public_day = version.published_at.astimezone(ctx.calendar.tz).date()
        days = working_days_after(version.decision_date, public_day, ctx.calendar)
        passed = days <= lead
        reason = (
            ""
            if passed
            else _("Công khai sau quyết định %(days)s ngày làm việc (tối đa %(lead)s)")
            % {"days": days, "lead": lead}
        )
        items.append(_item(version, passed, reason))
    return Evaluation.of(items)


def missing_parts(version) -> list[str]:
    """The parts of ND 63/2010 Art. 8 §2 (a–g, amended by ND 92/2017) absent from a version."""
    terms = list(version.channels.all())
    checks = [
        (version.name.strip() and version.sequence.strip(), _("tên, trình tự thực hiện")),
        (terms, _("cách thức thực hiện")),
        (list(version.components.all()), _("thành phần, số lượng hồ sơ")),
        (terms and all(t.processing_amount > 0 or t.same_day for t in terms), _("thời hạn")),
        (version.subjects, _("đối tượng thực hiện")),
        (
            any(a.role == AgencyRole.EXECUTING for a in version.agencies.all()),
            _("cơ quan thực hiện"),
        ),
        (version.result_name.strip(), _("kết quả thực hiện")),
        (list(version.legal_basis.all()), _("căn cứ pháp lý")),
    ]
    return [label for ok, label in checks if not ok]


def complete_parts(ctx) -> Evaluation:
    """1.3 public procedures with every part required by ND 63/2010 Art. 8 §2."""
    items = []
    for version in ctx.competence:
        missing = missing_parts(version)
        reason = _("Thiếu: %(parts)s") % {"parts": ", ".join(missing)} if missing else ""
        items.append(_item(version, not missing, reason))
    return Evaluation.of(items)


def online_services(ctx) -> Evaluation:
    """3.1 procedures offered as an online public service (partial or full) ÷ in competence."""
    return Evaluation.of(
        [
            _item(
                v,
                v.online_level != OnlineLevel.NONE,
                "" if v.online_level != OnlineLevel.NONE else _("Chưa cung cấp DVC trực tuyến"),
            )
            for v in ctx.competence
        ]
    )


def services_used(ctx) -> Evaluation:
    """3.2 online services with at least one online dossier in the period ÷ online services."""
    used = ctx.procedures_received(channel=Channel.ONLINE)
    return Evaluation.of(
        [
            _item(
                v,
                v.procedure_id in used,
                "" if v.procedure_id in used else _("Không phát sinh hồ sơ trực tuyến trong kỳ"),
            )
            for v in ctx.competence
            if v.online_level != OnlineLevel.NONE
        ]
    )


def _has_fee(version) -> bool:
    return any(line.amount > 0 for term in version.channels.all() for line in term.fee_lines.all())


def fees_integrated(ctx) -> Evaluation:
    """3.5a fee-bearing procedures whose dossiers carried their fees ÷ fee-bearing procedures."""
    charged = ctx.procedures_received("fee")
    return Evaluation.of(
        [
            _item(
                v,
                v.procedure_id in charged,
                "" if v.procedure_id in charged else _("Không có hồ sơ ghi nhận phí, lệ phí"),
            )
            for v in ctx.competence
            if _has_fee(v)
        ]
    )


def paid_online_procedures(ctx) -> Evaluation:
    """3.5b fee-bearing procedures with at least one online payment ÷ fee-bearing procedures."""
    paid = ctx.procedures_received("paid_online")
    return Evaluation.of(
        [
            _item(
                v,
                v.procedure_id in paid,
                "" if v.procedure_id in paid else _("Không có giao dịch thanh toán trực tuyến"),
            )
            for v in ctx.competence
            if _has_fee(v)
        ]
    )


def population_procedures(ctx) -> Evaluation:
    """4.5a citizen procedures with dossiers using population data ÷ citizen procedures."""
    using = ctx.procedures_received("population")
    return Evaluation.of(
        [
            _item(
                v,
                v.procedure_id in using,
                "" if v.procedure_id in using else _("Không có hồ sơ sử dụng dữ liệu dân cư"),
            )
            for v in ctx.competence
            if set(v.subjects or []) & CITIZEN_SUBJECTS
        ]
    )


def subtree_scope(agency, on: datetime.date) -> tuple[set[int], set[str]]:
    rows = subtree(agency).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    pairs = list(rows.values_list("pk", "level"))
    return {pk for pk, _level in pairs}, {level for _pk, level in pairs}
