"""The demo procedure catalogue: data/catalogue.json, loaded by the catalogue import.

The file is in the import format (docs/catalog.md) with one difference: form files are made
here at load time instead of being carried as base64. Each entry of "forms" has a "key", a
title, a file name and the lines to print; components and results refer to forms by that key.
This module renders each form as a one-page PDF with its Vietnamese title (DejaVu Sans, which
Debian ships), or as UTF-8 text when no such font is installed, replaces the keys by the
files' SHA-256 and hands the document to ``services.import_catalogue``. The PDFs are built
with ReportLab's invariant mode, so loading twice yields the same bytes and imports nothing new.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
from pathlib import Path

from motcua.catalog import services

DATA_FILE = Path(__file__).resolve().parent / "data" / "catalogue.json"
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
FONT_NAME = "DejaVuSans"


def _font_file(name: str) -> Path | None:
    return next((d / name for d in FONT_DIRS if (d / name).exists()), None)


def _register_fonts() -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return True
    regular, bold = _font_file("DejaVuSans.ttf"), _font_file("DejaVuSans-Bold.ttf")
    if regular is None:
        return False
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(regular)))
    pdfmetrics.registerFont(TTFont(f"{FONT_NAME}-Bold", str(bold or regular)))
    return True


def render_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 form: national motto, title, one dotted line per field, signature box."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor("motcua – dữ liệu demo")
    width, height = A4
    y = height - 20 * mm
    pdf.setFont(f"{FONT_NAME}-Bold", 11)
    pdf.drawCentredString(width / 2, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 6 * mm
    pdf.drawCentredString(width / 2, y, "Độc lập – Tự do – Hạnh phúc")
    y -= 14 * mm
    pdf.setFont(f"{FONT_NAME}-Bold", 13)
    for part in _wrap(title.upper(), 60):
        pdf.drawCentredString(width / 2, y, part)
        y -= 7 * mm
    y -= 6 * mm
    pdf.setFont(FONT_NAME, 10.5)
    for line in lines:
        for part in _wrap(line, 95):
            pdf.drawString(20 * mm, y, part)
            y -= 6 * mm
        pdf.setDash(1, 2)
        pdf.line(20 * mm, y + 4 * mm, width - 20 * mm, y + 4 * mm)
        pdf.setDash()
        y -= 3 * mm
    y -= 8 * mm
    pdf.drawCentredString(width * 0.7, y, "…, ngày … tháng … năm …")
    pdf.setFont(f"{FONT_NAME}-Bold", 10.5)
    pdf.drawCentredString(width * 0.7, y - 6 * mm, "NGƯỜI YÊU CẦU")
    pdf.setFont(FONT_NAME, 9)
    pdf.drawCentredString(width * 0.7, y - 11 * mm, "(Ký, ghi rõ họ, chữ đệm, tên)")
    pdf.drawString(
        20 * mm, 12 * mm, "Mẫu minh hoạ của dữ liệu demo motcua, không phải mẫu ban hành."
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_text(title: str, lines: list[str]) -> bytes:
    body = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "",
        title.upper(),
        "",
        *(f"{line} ........................................" for line in lines),
        "",
        "Mẫu minh hoạ của dữ liệu demo motcua, không phải mẫu ban hành.",
    ]
    return ("\n".join(body) + "\n").encode("utf-8")


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def build_document(raw: dict) -> dict:
    """The demo file turned into a plain import document, form files included."""
    document = copy.deepcopy(raw)
    pdf = _register_fonts()
    shas: dict[str, str] = {}
    forms = []
    for entry in document["forms"]:
        lines = entry.get("lines", [])
        if pdf:
            content, filename, kind = (
                render_pdf(entry["title"], lines),
                entry["filename"],
                "application/pdf",
            )
        else:
            filename = entry["filename"].rsplit(".", 1)[0] + ".txt"
            content, kind = render_text(entry["title"], lines), "text/plain; charset=utf-8"
        sha = hashlib.sha256(content).hexdigest()
        shas[entry["key"]] = sha
        forms.append(
            {
                "sha256": sha,
                "title": entry["title"],
                "filename": filename,
                "content_type": kind,
                "content_base64": base64.b64encode(content).decode("ascii"),
            }
        )
    document["forms"] = forms
    for procedure in document["procedures"]:
        for version in procedure["versions"]:
            result = version.get("result", {})
            if result.get("template"):
                result["template"] = shas[result["template"]]
            for component in version.get("components", []):
                if component.get("form"):
                    component["form"] = shas[component["form"]]
    return document


def load_catalogue(path: Path = DATA_FILE) -> services.importer.ImportSummary:
    """Import the demo catalogue; running it again changes nothing."""
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    return services.import_catalogue(build_document(raw))
