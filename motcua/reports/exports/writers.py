"""A report table as CSV, XLSX (openpyxl) or PDF (reportlab, DejaVu Sans so that Vietnamese
renders). Each writer may report how far it got through ``progress(fraction, step)``, which the
background export (``export_jobs``) turns into the progress shown to the requester."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from ..common.numbers import XLSX_FORMATS, format_number, is_number
from ..common.tables import Table

Progress = Callable[[float, str], None]

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# Our own name: other modules register "DejaVuSans" with its bold face as a family.
FONT_NAME = "ReportsDejaVuSans"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# Rows written between two progress reports of the CSV and XLSX writers.
PROGRESS_ROWS = 500
# A rough number of table rows on one landscape A4 page, to estimate a PDF's progress.
PDF_ROWS_PER_PAGE = 25


def _silent(fraction: float, step: str) -> None:
    return None


def _row_chunks(table: Table, progress: Progress, share: float = 1.0):
    """The rows in chunks, reporting after each chunk the share written (scaled to ``share``
    when saving the file still has work left)."""
    total = max(len(table.rows), 1)
    for start in range(0, len(table.rows), PROGRESS_ROWS):
        yield table.rows[start : start + PROGRESS_ROWS]
        done = min(start + PROGRESS_ROWS, len(table.rows))
        progress(
            share * done / total,
            _("Đã ghi %(done)d/%(total)d dòng") % {"done": done, "total": total},
        )


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else value


def to_csv(table: Table, progress: Progress = _silent) -> bytes:
    """Comma-separated, UTF-8 with a byte-order mark, one header row (each sub-column named with
    its block), numbers in the machine form (decimal point, no grouping: 1234.5) so that other
    software reads them; a spreadsheet reader gets the XLSX (docs/reports.md)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerow(table.flat_header())
    for chunk in _row_chunks(table, progress):
        writer.writerows([[_cell(v) for v in row] for row in chunk])
    for note in table.notes:
        writer.writerow([note])
    # A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_header(sheet, table: Table) -> None:
    """The header from row 2: the top row's groups merged over their columns, a column standing
    alone merged over both rows."""
    from openpyxl.styles import Alignment, Font

    top, bottom = table.header_rows()
    rows = 2 if bottom else 1
    column, below = 1, iter(bottom)
    for label, colspan, rowspan in top:
        sheet.cell(row=2, column=column, value=label)
        if colspan > 1 or (rowspan > 1 and rows > 1):
            sheet.merge_cells(
                start_row=2,
                start_column=column,
                end_row=2 + (rowspan if rows > 1 else 1) - 1,
                end_column=column + colspan - 1,
            )
        if rowspan == 1 and rows > 1:
            for offset in range(colspan):
                sheet.cell(row=3, column=column + offset, value=next(below))
        column += colspan
    for row in sheet.iter_rows(min_row=2, max_row=1 + rows):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def to_xlsx(table: Table, progress: Progress = _silent) -> bytes:
    """Numbers stay numbers, with a display format (#,##0 and #,##0.00) that the spreadsheet
    program shows with its reader's separators (1.234 and 65,73 in Vietnamese)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True)
    _xlsx_header(sheet, table)
    # Saving compresses the whole sheet: the last fifth of the work.
    for chunk in _row_chunks(table, progress, share=0.8):
        for row in chunk:
            sheet.append([_cell(v) for v in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if is_number(value):
                    kind = "int" if isinstance(value, int) else "decimal"
                    cell.number_format = XLSX_FORMATS[kind]
    for note in table.notes:
        sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    progress(1.0, _("Đã ghi trang tính “%(name)s”") % {"name": sheet.title})
    return out.getvalue()


def to_pdf(table: Table, progress: Progress = _silent) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_PATH))
    title = ParagraphStyle("title", fontName=FONT_NAME, fontSize=12, leading=15)
    cell = ParagraphStyle("cell", fontName=FONT_NAME, fontSize=6.5, leading=8)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), title=table.title)
    number = ParagraphStyle("number", parent=cell, alignment=2)  # right-aligned
    data, spans = _pdf_header(table, lambda text: Paragraph(str(text), cell))
    heading = len(data)
    data += [
        [
            Paragraph(format_number(v), number) if is_number(v) else Paragraph(str(_cell(v)), cell)
            for v in row
        ]
        for row in table.rows
    ]
    grid = PdfTable(data, repeatRows=heading)
    grid.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, heading - 1), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *spans,
        ]
    )
    story = [Paragraph(table.title, title), Spacer(1, 8), grid, Spacer(1, 8)]
    story += [Paragraph(note, cell) for note in table.notes]
    expected_pages = max(1, -(-len(table.rows) // PDF_ROWS_PER_PAGE))

    def on_page(canvas, document) -> None:
        # Called as each page begins: the pages before it are laid out.
        done = document.page - 1
        if done:
            progress(min(done / expected_pages, 0.95), _("Đã dựng %(n)d trang PDF") % {"n": done})

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    progress(1.0, _("Đã dựng xong tệp PDF"))
    return out.getvalue()


def _pdf_header(table: Table, paragraph):
    """The header rows as table data, and the SPAN commands that merge the groups' cells."""
    top, bottom = table.header_rows()
    first, second, spans = [], [], []
    below = iter(bottom)
    for label, colspan, rowspan in top:
        column = len(first)
        first += [paragraph(label)] + [""] * (colspan - 1)
        if bottom:
            if rowspan > 1:
                second.append("")
            else:
                second += [paragraph(next(below)) for _n in range(colspan)]
        last_row = 1 if bottom and rowspan > 1 else 0
        if colspan > 1 or last_row:
            spans.append(("SPAN", (column, 0), (column + colspan - 1, last_row)))
    return ([first, second] if bottom else [first]), spans


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}
