"""The reports as plain tables (title, header, rows), the one shape every export format and the
drill-down tables are written from."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..constants import PERIODIC_BLOCKS, PERIODIC_KEYS


@dataclass
class Table:
    """``groups``, when given, is the header's top row over ``header``: (label, span) left to
    right; a group with no label is a column standing alone, its header spanning both rows."""

    title: str
    header: list[str]
    rows: list[list]
    notes: list[str]
    groups: list[tuple[str, int]] = field(default_factory=list)

    def header_rows(self) -> tuple[list[tuple[str, int, int]], list[str]]:
        """The header as two rows: the top one as (label, colspan, rowspan), the bottom one as
        the labels of the grouped columns; the bottom row is empty without groups."""
        if not self.groups:
            return [(label, 1, 1) for label in self.header], []
        top, bottom, at = [], [], 0
        for label, span in self.groups:
            if label:
                top.append((label, span, 1))
                bottom += self.header[at : at + span]
            else:
                top += [(h, 1, 2) for h in self.header[at : at + span]]
            at += span
        return top, bottom

    def flat_header(self) -> list[str]:
        """One row of labels, each sub-column named with its group ("Đã xử lý – Quá hạn")."""
        labels, at = [], 0
        for label, span in self.groups or [("", len(self.header))]:
            for h in self.header[at : at + span]:
                labels.append(f"{label} – {h}" if label else h)
            at += span
        return labels


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


def periodic_table(report, *, by_field: bool = False) -> Table:
    """The periodic report with the form's two-row header: STT, the unit (or the field), then
    the blocks Tiếp nhận / Đã xử lý / Đang xử lý / Tạm dừng xử lý and their sub-columns; the
    total last."""
    rows = report.fields if by_field else report.units
    body = [
        [number, row.label, *[row.counts[k] for k in PERIODIC_KEYS]]
        for number, row in enumerate(rows, start=1)
    ]
    body.append(["", report.total.label, *[report.total.counts[k] for k in PERIODIC_KEYS]])
    first = _("Lĩnh vực") if by_field else _("Đơn vị")
    return Table(
        title=_("Tình hình giải quyết TTHC – %(agency)s – %(period)s")
        % {"agency": report.agency.name, "period": report.period},
        header=[
            _("STT"),
            first,
            *[str(label) for _block, columns in PERIODIC_BLOCKS for _key, label in columns],
        ],
        rows=body,
        notes=[
            report.rule_version,
            _("Cân đối: kỳ trước chuyển sang + trong kỳ = đã xử lý + đang xử lý + tạm dừng: %(ok)s")
            % {"ok": _("đúng") if report.balanced else _("SAI")},
        ],
        groups=[("", 2), *[(str(block), len(columns)) for block, columns in PERIODIC_BLOCKS]],
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
