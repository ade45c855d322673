"""The boundary-free register (Sổ theo dõi hồ sơ phi địa giới; ND 118/2025 Art. 14 §2;
domain.md §6.6, §8.2): the dossiers received at a desk in one commune (or at the province's
service centre) and resolved by another commune or by a provincial agency, with where each was
received, resolved and returned, its dates and whether it was resolved on time.

Which dossiers: those whose receiving desk and resolving agency do not stand for the same
commune (``commune_of``); a provincial desk taking a provincial agency's dossier is ordinary
one-stop intake, not boundary-free. Who sees which rows: a unit the rows it received or
resolved (the results go back to the desk of receipt), a province's managers every row of the
province — what ``dossiers.access.visible_in`` gives the user's units, narrowed to received or
resolved there. On time or late: the statistical rule of Decision 766
(``dossiers.clock.statistical_punctuality``), as in every report."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agencies
from motcua.agencies.constants import Level
from motcua.agencies.models import Agency
from motcua.dossiers import clock
from motcua.dossiers.access import home_agency, visible_in, visible_to
from motcua.dossiers.boundary import Communes, crosses_boundary
from motcua.dossiers.constants import Delivery
from motcua.worktime.constants import Punctuality

from . import services
from .builders import compact_time
from .formsets import FormTemplate, Table


def register_units(user) -> list[Agency]:
    """The agencies ``user`` works for (a desk of an internal unit stands for its agency)."""
    units = {}
    for membership in agencies.active_memberships(user):
        unit = home_agency(membership.unit)
        units[unit.pk] = unit
    return sorted(units.values(), key=lambda unit: unit.path)


def unit_choices(user) -> list[Agency]:
    """The units a user may filter the register by: their own, and below them the communes,
    provincial agencies and desks (a province's managers pick any unit of the province)."""
    own = register_units(user)
    if not own:
        return []
    below = Q(pk__in=[])
    for unit in own:
        below |= Q(path__startswith=unit.path)
    kinds = Q(level__in=[Level.COMMUNE, Level.DEPARTMENT]) | Q(runs_one_stop_desk=True)
    found = {unit.pk: unit for unit in own}
    for unit in Agency.objects.active_on(timezone.localdate()).filter(below & kinds):
        found.setdefault(unit.pk, unit)
    return sorted(found.values(), key=lambda unit: unit.path)


def boundary_free(dossier, communes=None) -> bool:
    """Received at a desk that does not stand for the commune the dossier is resolved in."""
    return crosses_boundary(dossier.receiving_unit, dossier.resolving_agency, communes)


def _period_bounds(start: datetime.date, end: datetime.date):
    zone = timezone.get_default_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return since, until


def _within(units, field_name: str) -> Q:
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{f"{field_name}__path__startswith": unit.path})
    return condition


def returned_where(dossier) -> str:
    if dossier.delivery == Delivery.POST:
        return _("Bưu chính công ích")
    if dossier.delivery == Delivery.ONLINE:
        return _("Trực tuyến")
    return dossier.receiving_unit.display_name


def verdict(dossier, as_of: datetime.datetime) -> tuple[str, str]:
    """(key, text): finished early/on time/late, open (late or not), or not accepted."""
    punctuality = clock.statistical_punctuality(dossier, as_of=as_of)
    if punctuality is None:
        return "none", _("Chưa tiếp nhận")
    if dossier.finished_at is None:
        if punctuality == Punctuality.LATE:
            return "open_late", _("Đang giải quyết, đã quá hạn")
        return "open", _("Đang giải quyết, trong hạn")
    return str(punctuality), str(Punctuality(punctuality).label).capitalize()


@dataclass
class Row:
    index: int
    dossier: object
    received_here: bool  # received in the scope and resolved outside it
    resolved_here: bool  # resolved in the scope and received outside it
    verdict: str
    verdict_text: str
    openable: bool = False  # the user may open the dossier itself (dossiers.access.visible_to)

    @property
    def returned_where(self) -> str:
        return returned_where(self.dossier)

    @property
    def basis(self) -> str:
        """The province's list the dossier was received under (as recorded at receipt)."""
        basis = self.dossier.boundary_free_basis
        return basis.decision if basis is not None else ""

    def cells(self) -> list[str]:
        d = self.dossier
        return [
            str(self.index),
            d.code or "",
            d.procedure_version.name,
            d.applicant_name,
            d.receiving_unit.display_name,
            d.resolving_agency.display_name,
            returned_where(d),
            compact_time(d.received_at),
            compact_time(d.original_due_at),
            compact_time(d.finished_at),
            compact_time(d.returned_at),
            self.verdict_text,
            self.basis,
        ]


@dataclass
class Counts:
    total: int = 0
    received_for_others: int = 0
    received_from_others: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    open_late: int = 0

    @property
    def finished_on_time(self) -> int:
        return self.early + self.on_time


@dataclass
class UnitCounts:
    """One unit's part: what its desk took for others, what others took for it, and how the
    dossiers it resolves came out (delay is the resolver's)."""

    unit: Agency
    received_for_others: int = 0
    received_from_others: int = 0
    finished_on_time: int = 0
    late: int = 0
    open_late: int = 0


@dataclass
class Register:
    start: datetime.date
    end: datetime.date
    scope: list
    unit: Agency | None
    rows: list[Row] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    units: dict = field(default_factory=dict)  # agency pk -> UnitCounts, in path order
    bases: dict = field(default_factory=dict)  # the list's decision ("" none) -> dossiers

    @property
    def by_basis(self) -> list[tuple[str, int]]:
        """The province's lists the dossiers were received under, with how many under each;
        those received before any list was recorded last."""
        return sorted(self.bases.items(), key=lambda item: (item[0] == "", item[0]))

    @property
    def by_unit(self) -> list[UnitCounts]:
        return sorted(self.units.values(), key=lambda part: part.unit.path)

    def part(self, unit: Agency) -> UnitCounts:
        unit = home_agency(unit)
        return self.units.setdefault(unit.pk, UnitCounts(unit))


def build(user, start: datetime.date, end: datetime.date, unit: Agency | None = None) -> Register:
    """The register of dossiers received from ``start`` to ``end`` (Vietnam's days) that
    ``user`` may see, for ``unit`` (one of ``unit_choices``) or all the user's units."""
    scope = [unit] if unit is not None else register_units(user)
    register = Register(start, end, scope, unit)
    if not scope:
        return register
    since, until = _period_bounds(start, end)
    qs = (
        visible_in(register_units(user))
        .filter(_within(scope, "receiving_unit") | _within(scope, "resolving_agency"))
        .filter(received_at__gte=since, received_at__lt=until)
        .exclude(receiving_unit=F("resolving_agency"))
        .select_related(
            "procedure_version",
            "receiving_unit",
            "resolving_agency",
            "rules",
            "boundary_free_basis",
        )
        .prefetch_related("pauses")
        .order_by("received_at", "id")
    )
    communes = Communes()
    now = timezone.now()
    paths = [u.path for u in scope]

    def inside(agency) -> bool:
        return any(agency.path.startswith(path) for path in paths)

    counts = register.counts
    for dossier in qs:
        if not boundary_free(dossier, communes):
            continue
        received_here = inside(dossier.receiving_unit) and not inside(dossier.resolving_agency)
        resolved_here = inside(dossier.resolving_agency) and not inside(dossier.receiving_unit)
        key, text = verdict(dossier, now)
        register.rows.append(
            Row(len(register.rows) + 1, dossier, received_here, resolved_here, key, text)
        )
        counts.total += 1
        if key != "none":  # refused at intake: received under no list
            basis = register.rows[-1].basis
            register.bases[basis] = register.bases.get(basis, 0) + 1
        counts.received_for_others += received_here
        counts.received_from_others += resolved_here
        if hasattr(counts, key):
            setattr(counts, key, getattr(counts, key) + 1)
        register.part(dossier.receiving_unit).received_for_others += 1
        resolver = register.part(dossier.resolving_agency)
        resolver.received_from_others += 1
        resolver.finished_on_time += key in (Punctuality.EARLY, Punctuality.ON_TIME)
        resolver.late += key == Punctuality.LATE
        resolver.open_late += key == "open_late"
    openable = set(
        visible_to(user)
        .filter(pk__in=[row.dossier.pk for row in register.rows])
        .values_list("pk", flat=True)
    )
    for row in register.rows:
        row.openable = row.dossier.pk in openable
    return register


HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên cá nhân, tổ chức",
    "Nơi tiếp nhận",
    "Cơ quan giải quyết",
    "Nơi trả kết quả",
    "Ngày nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Kết quả giải quyết",
    "Tiếp nhận theo danh mục",  # the page's label for the list (its summary)
)


def to_csv(register: Register) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in register.rows:
        writer.writerow([cell.replace("\n", " ") for cell in row.cells()])
    return out.getvalue()


# The paper register (A4 landscape, in the manner of Form 06/07 of the dossier register).
PDF_COLUMNS = tuple(
    zip(
        HEADERS, (0.55, 2.6, 1.8, 1.2, 1.3, 1.3, 1.3, 1.25, 1.25, 1.25, 1.25, 1.2, 1.5), strict=True
    )
)
PDF_TEMPLATE = FormTemplate(
    key="boundary_free_register",
    form_number="",
    basis="Điều 14 khoản 2 Nghị định số 118/2025/NĐ-CP",
    title="SỔ THEO DÕI HỒ SƠ PHI ĐỊA GIỚI",
    page="A4-landscape",
    confirmed=False,
    body=(
        "Đơn vị: {unit_name}",
        "Thời gian tiếp nhận: từ ngày {period_start} đến ngày {period_end}",
        Table("rows", PDF_COLUMNS, font_size=7),
        "Tổng số: {total} hồ sơ; tiếp nhận hộ đơn vị khác: {received_for_others}; "
        "đơn vị khác tiếp nhận hộ: {received_from_others}.",
        "Đã có kết quả: trước hạn {early}, đúng hạn {on_time}, quá hạn {late}; "
        "đang giải quyết: {open} trong hạn, {open_late} quá hạn.",
    ),
)


def to_pdf(register: Register) -> bytes:
    """The register on paper, unsigned, headed by the chosen unit (or the user's first)."""
    unit = register.unit or register.scope[0]
    names = ", ".join(u.display_name for u in register.scope)
    counts = register.counts
    context = {
        "unit_name": names,
        "period_start": f"{register.start:%d/%m/%Y}",
        "period_end": f"{register.end:%d/%m/%Y}",
        "rows": [row.cells() for row in register.rows],
        "total": counts.total,
        "received_for_others": counts.received_for_others,
        "received_from_others": counts.received_from_others,
        "early": counts.early,
        "on_time": counts.on_time,
        "late": counts.late,
        "open": counts.open,
        "open_late": counts.open_late,
    }
    return services.render_unit_form(PDF_TEMPLATE, context, unit)
