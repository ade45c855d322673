"""A report table as CSV, XLSX (openpyxl) or PDF (reportlab, DejaVu Sans so that Vietnamese
renders). Each writer may report how far it got through ``progress(fraction, step)``, which the
background export (``export_jobs``) turns into the progress shown to the requester."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from .tables import Table

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
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerow(table.header)
    for chunk in _row_chunks(table, progress):
        writer.writerows([[_cell(v) for v in row] for row in chunk])
    for note in table.notes:
        writer.writerow([note])
    # A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table, progress: Progress = _silent) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(table.header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    # Saving compresses the whole sheet: the last fifth of the work.
    for chunk in _row_chunks(table, progress, share=0.8):
        for row in chunk:
            sheet.append([_cell(v) for v in row])
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
    data = [[Paragraph(str(h), cell) for h in table.header]]
    data += [[Paragraph(str(_cell(v)), cell) for v in row] for row in table.rows]
    grid = PdfTable(data, repeatRows=1)
    grid.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
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


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}
