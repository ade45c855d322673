"""The reports as plain tables (title, header, rows), the one shape every export format and the
drill-down tables are written from."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import PERIODIC_COLUMNS


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list]
    notes: list[str]


def _fmt(value):
    return "N/A" if value is None else value


def index_table(index) -> Table:
    rows = [
        [
            i.id,
            i.name,
            _fmt(i.numerator),
            _fmt(i.denominator),
            _fmt(i.ratio),
            _fmt(i.target),
            _fmt(i.points),
            i.max,
            i.not_applicable,
        ]
        for i in index.indicators
    ]
    rows += [[g.id, g.name, "", "", "", "", g.points, g.max, ""] for g in index.groups]
    rows.append(["", _("Tổng điểm"), "", "", "", "", index.total, 100, ""])
    return Table(
        title=_("Chỉ số 766 – %(agency)s – %(period)s")
        % {"agency": index.agency.name, "period": index.period},
        header=[
            _("Mã"),
            _("Chỉ số"),
            _("Tử số"),
            _("Mẫu số"),
            _("Tỷ lệ (%)"),
            _("Chỉ tiêu (%)"),
            _("Điểm"),
            _("Điểm tối đa"),
            _("Ghi chú"),
        ],
        rows=rows,
        notes=[_("Bộ chỉ số: %(name)s") % {"name": index.indicator_set.name}],
    )


def periodic_table(report) -> Table:
    keys = [key for key, _label in PERIODIC_COLUMNS]
    rows = [[row.label, *[row.counts[k] for k in keys]] for row in [*report.units, report.total]]
    return Table(
        title=_("Tình hình giải quyết TTHC – %(agency)s – %(period)s")
        % {"agency": report.agency.name, "period": report.period},
        header=[_("Đơn vị"), *[str(label) for _key, label in PERIODIC_COLUMNS]],
        rows=rows,
        notes=[
            report.rule_version,
            _("Cân đối: kỳ trước chuyển sang + trong kỳ = đã xử lý + đang xử lý + tạm dừng: %(ok)s")
            % {"ok": _("đúng") if report.balanced else _("SAI")},
        ],
    )


def drilldown_table(agency, period, indicator) -> Table:
    return Table(
        title=_("Chỉ số %(id)s – %(name)s – %(agency)s – %(period)s")
        % {
            "id": indicator.id,
            "name": indicator.name,
            "agency": agency.name,
            "period": period,
        },
        header=[_("Mã"), _("Tên"), _("Đơn vị"), _("Lý do mất điểm")],
        rows=[[i.key, i.label, i.unit, i.reason] for i in indicator.costing],
        notes=[],
    )
