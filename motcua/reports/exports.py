"""A report table as CSV, XLSX (openpyxl) or PDF (reportlab, DejaVu Sans so that Vietnamese
renders)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from .tables import Table

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# Our own name: other modules register "DejaVuSans" with its bold face as a family.
FONT_NAME = "ReportsDejaVuSans"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else value


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerow(table.header)
    writer.writerows([[_cell(v) for v in row] for row in table.rows])
    for note in table.notes:
        writer.writerow([note])
    # A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
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
    for row in table.rows:
        sheet.append([_cell(v) for v in row])
    for note in table.notes:
        sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(table: Table) -> bytes:
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
    doc.build(story)
    return out.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "pdf": to_pdf}
