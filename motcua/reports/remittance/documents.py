"""The month's report as a PDF (the official-form writer of ``notices.render``: ReportLab with
DejaVu, the two-column heading, tables that continue on new pages, signature blocks) and as an
XLSX workbook (openpyxl, numbers kept as numbers). Both are written from ``report.MonthReport``,
so they hold the same figures as the page."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.notices.render import Column, Heading, Writer
from motcua.payments.ledger import channel_label

from ..common.numbers import XLSX_FORMATS, format_number
from .report import MonthReport


def file_name(report: MonthReport, fmt: str) -> str:
    return f"nop-ngan-sach-{report.unit.code or report.unit.pk}-{report.month.month:%Y-%m}.{fmt}"


def _place_date(unit) -> str:
    now = timezone.localtime()
    place = unit.short_name or unit.name
    return _("%(place)s, ngày %(d)02d tháng %(m)02d năm %(y)d") % {
        "place": place,
        "d": now.day,
        "m": now.month,
        "y": now.year,
    }


def _accounts_text(report: MonthReport) -> str:
    if not report.accounts:
        return _("Tài khoản thu ngân sách: chưa khai báo.")
    parts = [
        f"{a.account_number} – {a.treasury}" + (f" ({a.name})" if a.name else "")
        for a in report.accounts
    ]
    return _("Tài khoản thu ngân sách tại Kho bạc Nhà nước: %(list)s") % {"list": "; ".join(parts)}


def _entry_rows(entries) -> list[list]:
    return [
        [
            f"{e.paid_on:%d/%m/%Y}",
            e.dossier_code,
            e.receipt_number,
            channel_label(e.gateway),
            format_number(e.amount),
            f"{e.counted:%m/%Y}" if e.counted else _("chưa đối soát"),
        ]
        for e in entries
    ]


ENTRY_COLUMNS = [
    (gettext_lazy("Ngày thu"), 1.1),
    (gettext_lazy("Mã hồ sơ"), 1.8),
    (gettext_lazy("Số biên lai"), 1.5),
    (gettext_lazy("Kênh thu"), 1.8),
    (gettext_lazy("Số tiền (đồng)"), 1.1),
    (gettext_lazy("Tính vào tháng"), 1.0),
]


def to_pdf(report: MonthReport) -> bytes:
    unit = report.unit
    writer = Writer(title=report.title, code=f"{unit.code} {report.period}")
    writer.heading(
        Heading(
            parent_body=unit.parent.name if unit.parent_id else "",
            issuing_body=unit.name,
            place_date=_place_date(unit),
        )
    )
    writer.centred(report.title.upper())
    writer.paragraph(_("Đơn vị thu: %(name)s (%(code)s)") % {"name": unit.name, "code": unit.code})
    writer.paragraph(_accounts_text(report))
    summary = [
        [("\u2003" * row.level) + row.label, format_number(row.amount)] for row in report.summary()
    ]
    writer.table([Column(_("Nội dung"), 4), Column(_("Số tiền (đồng)"), 1.3)], summary)
    writer.paragraph(report.balance_text())
    writer.table(
        [Column(_("Không tính vào số phải nộp"), 4), Column(_("Số tiền (đồng)"), 1.3)],
        [[row.label, format_number(row.amount)] for row in report.side_rows()],
    )
    writer.paragraph(_("Các lần nộp ngân sách trong tháng"), font="DejaVuSerif-Bold")
    remitted = [
        [str(n), day, voucher, account, format_number(amount), who]
        for n, day, voucher, account, amount, who in report.remittance_rows()
    ]
    writer.table(
        [
            Column(_("STT"), 0.5),
            Column(_("Ngày nộp"), 1.1),
            Column(_("Số chứng từ"), 1.4),
            Column(_("Tài khoản, Kho bạc"), 2.6),
            Column(_("Số tiền (đồng)"), 1.2),
            Column(_("Người ghi"), 1.6),
        ],
        remitted or [["", "", _("Không có"), "", "", ""]],
    )
    columns = [Column(str(title), width) for title, width in ENTRY_COLUMNS]
    if report.month.unreconciled:
        writer.paragraph(
            _("Thu trực tuyến trong tháng chưa được tính (chờ đối soát hoặc tính vào tháng sau)"),
            font="DejaVuSerif-Bold",
        )
        writer.table(columns, _entry_rows(report.month.unreconciled), size=8.5)
    if report.month.carried_in:
        writer.paragraph(
            _("Thu của tháng trước, đối soát sau khi tháng đó đã ký, tính vào tháng này"),
            font="DejaVuSerif-Bold",
        )
        writer.table(columns, _entry_rows(report.month.carried_in), size=8.5)
    writer.paragraph(report.sign_off_text())
    signed = report.month.sign_off
    writer.signatures(
        [
            (_("Người lập biểu"), ""),
            (_("Kế toán"), signed.signed_by.get_full_name() if signed else ""),
        ],
        hint=_("(Ký, ghi rõ họ tên)"),
    )
    return writer.finish()


def to_xlsx(report: MonthReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    unit = report.unit
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([_("Đơn vị thu"), f"{unit.name} ({unit.code})"])
    sheet.append([_accounts_text(report)])
    sheet.append([])
    sheet.append([_("Nội dung"), _("Số tiền (đồng)")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in report.summary() + report.side_rows():
        sheet.append([("  " * row.level) + row.label, int(row.amount)])
        sheet.cell(row=sheet.max_row, column=2).number_format = XLSX_FORMATS["int"]
    sheet.append([report.balance_text()])
    sheet.append([report.sign_off_text()])
    sheet.column_dimensions["A"].width = 70
    sheet.column_dimensions["B"].width = 18

    remitted = book.create_sheet("Nộp ngân sách")
    remitted.append(
        [
            _("STT"),
            _("Ngày nộp"),
            _("Số chứng từ"),
            _("Tài khoản, Kho bạc"),
            _("Số tiền (đồng)"),
            _("Người ghi"),
        ]
    )
    for row in report.remittance_rows():
        remitted.append([*row[:4], int(row[4]), row[5]])
        remitted.cell(row=remitted.max_row, column=5).number_format = XLSX_FORMATS["int"]

    for title, entries in (
        ("Chi tiết thu", report.month.entries),
        ("Chưa đối soát", report.month.unreconciled),
    ):
        detail = book.create_sheet(title)
        detail.append([str(label) for label, _width in ENTRY_COLUMNS])
        for entry, row in zip(entries, _entry_rows(entries), strict=True):
            detail.append([*row[:4], int(entry.amount), row[5]])
            detail.cell(row=detail.max_row, column=5).number_format = XLSX_FORMATS["int"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {
    "pdf": (to_pdf, "application/pdf"),
    "xlsx": (
        to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
