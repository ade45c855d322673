"""Online filing share per desk and day (tỷ lệ hồ sơ nộp trực tuyến theo ngày), the measure of
paperless days: of the dossiers filed at each one-stop desk of an agency's subtree on each day,
how many were filed online and how many of those were filed at the counter with an officer's
help (assisted online filing). A dossier counts on the local day it was filed (submitted_at);
drafts never count. Paper (direct) and postal dossiers are the rest."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency
from motcua.catalog.constants import Channel
from motcua.dossiers.models import Dossier

from ..common import compare
from ..common.periods import Period


def share(part: int, whole: int) -> Decimal | None:
    """Percent with two decimals; None when nothing was filed."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class Row:
    unit: Agency | None
    day: object = None  # a date; None on a unit's total and the grand total
    filed: int = 0
    online: int = 0
    assisted: int = 0

    @property
    def paper(self) -> int:
        return self.filed - self.online

    @property
    def online_share(self) -> Decimal | None:
        return share(self.online, self.filed)

    @property
    def assisted_share(self) -> Decimal | None:
        """Of all the dossiers filed, those filed online with an officer's help."""
        return share(self.assisted, self.filed)

    def add(self, other: Row) -> None:
        self.filed += other.filed
        self.online += other.online
        self.assisted += other.assisted


@dataclass
class UnitBlock:
    unit: Agency
    days: list[Row] = field(default_factory=list)
    total: Row | None = None
    # The period total beside the same period a year earlier (``with_prior``), by figure.
    compared: dict = field(default_factory=dict)


@dataclass
class Report:
    agency: Agency
    period: Period
    units: list[UnitBlock]
    total: Row
    prior: Report | None = None
    compared: dict = field(default_factory=dict)


FIGURES = {
    name: attrgetter(name)
    for name in ("filed", "online", "online_share", "assisted", "assisted_share", "paper")
}
RATES = frozenset({"online_share", "assisted_share"})


def with_prior(report: Report, prior: Report) -> Report:
    """``report`` with each desk's period total and the grand total beside the same period a
    year earlier (``prior``); a desk that filed only then is listed with nothing filed now. Days
    are not compared: the same date a year earlier falls on another weekday, and paperless days
    are set by weekday."""
    before = {b.unit.pk: b.total for b in prior.units}
    now = {b.unit.pk for b in report.units}
    only_then = [UnitBlock(unit=b.unit, total=Row(unit=b.unit)) for b in prior.units]
    blocks = [
        UnitBlock(
            unit=b.unit,
            days=b.days,
            total=b.total,
            compared=compare.figures(
                b.total, before.get(b.unit.pk, Row(unit=b.unit)), FIGURES, percent=RATES
            ),
        )
        for b in [*report.units, *(b for b in only_then if b.unit.pk not in now)]
    ]
    return Report(
        agency=report.agency,
        period=report.period,
        units=sorted(blocks, key=lambda b: b.unit.path),
        total=report.total,
        prior=prior,
        compared=compare.figures(report.total, prior.total, FIGURES, percent=RATES),
    )


def build(agency: Agency, period: Period) -> Report:
    """One query, grouped by desk and local day."""
    tz = timezone.get_default_timezone()
    rows = (
        Dossier.objects.filter(
            receiving_unit__path__startswith=agency.path,
            code__isnull=False,
            submitted_at__gte=period.start_at,
            submitted_at__lt=period.end_at,
        )
        .annotate(day=TruncDate("submitted_at", tzinfo=tz))
        .values("receiving_unit", "day")
        .annotate(
            filed=Count("pk"),
            online=Count("pk", filter=Q(channel=Channel.ONLINE)),
            assisted=Count("pk", filter=Q(channel=Channel.ONLINE, assisted_by__isnull=False)),
        )
        .order_by("receiving_unit", "day")
    )
    units = {u.pk: u for u in Agency.objects.filter(pk__in={r["receiving_unit"] for r in rows})}
    blocks: dict[int, UnitBlock] = {}
    total = Row(unit=None)
    for r in rows:
        unit = units[r["receiving_unit"]]
        block = blocks.setdefault(unit.pk, UnitBlock(unit=unit, total=Row(unit=unit)))
        day = Row(unit, r["day"], r["filed"], r["online"], r["assisted"])
        block.days.append(day)
        block.total.add(day)
        total.add(day)
    ordered = sorted(blocks.values(), key=lambda b: b.unit.path)
    return Report(agency=agency, period=period, units=ordered, total=total)


def _percent(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def to_csv(report: Report) -> str:
    """Machine numbers (dot decimals), one row per desk and day, then each desk's total and the
    grand total; compared with the same period a year earlier (``with_prior``), each figure of
    the totals is followed by the prior one and the difference (days are not compared)."""
    out = io.StringIO()
    writer = csv.writer(out)
    labels = [
        _("Tổng số hồ sơ nộp"),
        _("Trực tuyến"),
        _("Tỷ lệ trực tuyến (%)"),
        _("Trực tuyến có hỗ trợ"),
        _("Tỷ lệ có hỗ trợ (%)"),
        _("Trực tiếp, bưu chính"),
    ]
    if report.prior is not None:
        labels = compare.compared_header(labels)
    writer.writerow([_("Đơn vị tiếp nhận"), _("Ngày"), *labels])

    def line(unit_name, day_text, row, compared=None):
        values = [getter(row) for getter in FIGURES.values()]
        if report.prior is not None:
            values = compare.compared_values(
                zip(
                    values,
                    [compared.get(name) if compared else None for name in FIGURES],
                    strict=True,
                )
            )
        writer.writerow([unit_name, day_text, *(_percent(v) for v in values)])

    for block in report.units:
        for row in block.days:
            line(block.unit.name, row.day.isoformat(), row)
        line(block.unit.name, _("Cả kỳ"), block.total, block.compared)
    line(_("Tổng cộng"), _("Cả kỳ"), report.total, report.compared)
    if report.prior is not None:
        writer.writerow([_("Cùng kỳ năm trước: %(period)s") % {"period": report.prior.period}])
    return out.getvalue()
