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

``Catalogue`` reads what these indicators need once for one or more units (the child units of a
ranking, or the one agency of an index), whatever their number.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.db.models import Prefetch
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


def competence_claims(version) -> list[tuple[int | None, str]]:
    """(agency id, level) of the version's executing and resolving agencies."""
    return [
        (row.agency_id, row.level) for row in version.agencies.all() if row.role in COMPETENCE_ROLES
    ]


def in_competence(
    versions, unit_ids: set[int], levels: set[str], claims=competence_claims
) -> list[ProcedureVersion]:
    """The versions naming a unit of ``unit_ids``, or the level of one, as executing or
    resolving agency; ``claims`` gives a version's (``competence_claims`` or a memo of it)."""
    return [
        version
        for version in versions
        if any(
            agency_id in unit_ids or (not agency_id and level in levels)
            for agency_id, level in claims(version)
        )
    ]


def _in_force_versions(on: datetime.date) -> list[ProcedureVersion]:
    return list(_versions(in_force(on)).order_by("procedure__code"))


def _decided_versions(start: datetime.date, end: datetime.date) -> list[ProcedureVersion]:
    return list(
        _versions(
            ProcedureVersion.objects.filter(decision_date__gte=start, decision_date__lte=end)
            .exclude(status=VersionStatus.DRAFT)
            .order_by("procedure__code", "number")
        )
    )


def _item(version, passed: bool, reason: str = "") -> Item:
    return Item("procedure", version.procedure.code, version.name, "", passed, reason)


def working_days_after(first: datetime.date, last: datetime.date, calendar) -> int:
    """Working days d with first < d ≤ last (negative when last is before first). Counted by
    weekday over whole weeks, then corrected on the calendar's dated exceptions (days off,
    make-up days): a legal basis years ahead costs as little as one a week ahead."""
    if last < first:
        return -working_days_after(last, first, calendar)
    days = (last - first).days
    weeks, rest = divmod(days, 7)
    count = weeks * sum(1 for sessions in calendar.weekly if sessions)
    count += sum(1 for n in range(1, rest + 1) if calendar.weekly[(first.weekday() + n) % 7])
    for day in calendar.days:
        if first < day <= last:
            count += bool(calendar.sessions_on(day)) - bool(calendar.weekly[day.weekday()])
    return count


def _lead_days(ctx, ministry: int, other: int) -> int:
    return ministry if ctx.agency.level == Level.MINISTRY else other


def published_on_time(ctx) -> Evaluation:
    """1.1 procedures whose decision came early enough before their legal basis took effect."""
    lead = _lead_days(ctx, 20, 5)
    by_procedure: dict[int, Item] = {}
    for version in ctx.decided:
        dates = [b.effective_from for b in version.legal_basis.all() if b.effective_from]
        if not dates:
            continue
        effective = max(dates)
        ahead = ctx.working_days(version.decision_date, effective)
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
        days = ctx.working_days(version.decision_date, public_day)
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
        missing = ctx.missing_parts(version)
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


def _scope(rows, on: datetime.date) -> tuple[set[int], set[str]]:
    """The units among ``rows`` (pk, level, valid_to) not dissolved or merged before ``on``, and
    their levels: what ``in_competence`` matches a version's agencies against."""
    kept = [(pk, level) for pk, level, valid_to in rows if valid_to is None or valid_to >= on]
    return {pk for pk, _level in kept}, {level for _pk, level in kept}


def subtree_scope(agency, on: datetime.date) -> tuple[set[int], set[str]]:
    return _scope(subtree(agency).values_list("pk", "level", "valid_to"), on)


def owners(rows, units) -> dict[int, int]:
    """Agency id → id of the unit among ``units`` whose subtree holds it, for ``rows`` (pk, path,
    …): the unit whose path is a prefix of the agency's, as ``Agency.objects.subtree_of`` reads
    the tree. Agencies under none of the units are left out."""
    by_path = {unit.path: unit.pk for unit in units}
    found = {}
    for pk, path, *_rest in rows:
        cut = 0
        while (cut := path.find("/", cut + 1)) != -1:
            unit = by_path.get(path[: cut + 1])
            if unit is not None:
                found[pk] = unit
                break
    return found


class Catalogue:
    """What the catalogue indicators of ``units`` (disjoint subtrees inside the one at ``root``:
    the child units of a ranking, or ``root`` alone) read, each part once for all of them: the
    agencies of the subtree, the versions in force at the period end and those decided in the
    period with their parts (matched to each unit's competence in Python), and the working-day
    counts of 1.1 and 1.2, which units with the same calendar share. Each part is read on first
    use, so an index that needs none of it (a dossier drill-down) reads nothing."""

    def __init__(self, root, units, period):
        self.root = root
        self.units = list(units)
        self.period = period
        self._days: dict[tuple, int] = {}
        self._missing: dict[int, list[str]] = {}
        self._claims: dict[int, list[tuple]] = {}

    @cached_property
    def agencies(self) -> list[tuple]:
        """(pk, path, level, valid_to) of every agency of the subtree, dissolved ones too."""
        return list(subtree(self.root).values_list("pk", "path", "level", "valid_to"))

    @cached_property
    def owner(self) -> dict[int, int]:
        return owners(self.agencies, self.units)

    @cached_property
    def scopes(self) -> dict[int, tuple[set[int], set[str]]]:
        rows: dict[int, list[tuple]] = {unit.pk: [] for unit in self.units}
        for pk, _path, level, valid_to in self.agencies:
            if pk in self.owner:
                rows[self.owner[pk]].append((pk, level, valid_to))
        return {pk: _scope(unit_rows, self.period.end) for pk, unit_rows in rows.items()}

    @cached_property
    def in_force(self) -> list[ProcedureVersion]:
        return _in_force_versions(self.period.end)

    @cached_property
    def decided(self) -> list[ProcedureVersion]:
        return _decided_versions(self.period.start, self.period.end)

    def competence_of(self, unit) -> list[ProcedureVersion]:
        """Versions in force at the period end in ``unit``'s competence, by procedure code."""
        return in_competence(self.in_force, *self.scopes[unit.pk], claims=self.claims)

    def decided_of(self, unit) -> list[ProcedureVersion]:
        """Versions decided in the period in ``unit``'s competence, by procedure and number."""
        return in_competence(self.decided, *self.scopes[unit.pk], claims=self.claims)

    def claims(self, version) -> list[tuple[int | None, str]]:
        """``competence_claims`` of a version, read once for all the units."""
        if version.pk not in self._claims:
            self._claims[version.pk] = competence_claims(version)
        return self._claims[version.pk]

    def missing_parts(self, version) -> list[str]:
        """``missing_parts`` of a version, computed once for all the units that list it."""
        if version.pk not in self._missing:
            self._missing[version.pk] = missing_parts(version)
        return self._missing[version.pk]

    def working_days(self, first: datetime.date, last: datetime.date, calendar) -> int:
        """``working_days_after`` memoised: versions decided together share their dates, and
        units sharing a calendar share the count (the calendar object is part of the key)."""
        key = (calendar, first, last)
        if key not in self._days:
            self._days[key] = working_days_after(first, last, calendar)
        return self._days[key]
