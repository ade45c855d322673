"""The QR code of every document the system issues (TT 01/2023, domain.md §14): what it holds
and, for a PDF that comes from outside (an electronic result), stamping it top-left on page 1.

The code holds the document's verification URL, which any phone camera opens, with the data
TT 01/2023 asks for as short query parameters: ``hs`` the dossier code (mã số hồ sơ), ``tt`` the
procedure code (mã TTHC), ``vb`` the document's name (tên văn bản), and ``dd`` the applicant's
identity code (mã định danh) only when ``settings.QR_APPLICANT_ID`` is on — a QR code is read by
anyone who sees the paper (data minimisation, ND 13/2023 Art. 3 §4)."""

from __future__ import annotations

import io
import unicodedata
from urllib.parse import urlencode

import qrcode
from django.conf import settings
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

DOSSIER, PROCEDURE, NAME, APPLICANT = "hs", "tt", "vb", "dd"
# Folded to ASCII and cut, a long result name ("Giấy chứng nhận quyền sử dụng đất, quyền sở
# hữu nhà ở …") keeps the code at version 8–10 (49–57 modules): at 20 mm a module stays
# ≥ 0.35 mm, which phones read from print. Percent-encoded Vietnamese would triple its length.
NAME_LIMIT = 60

MM = 72 / 25.4
STAMP_SIZE = 20 * MM
# From the page's top and left edges: inside the printable area, and with the 20 mm code
# ending 26 mm from the left, short of the 30–35 mm left margin of an administrative
# document (ND 30/2020, Phụ lục I), so it lies beside the heading, not on the text.
STAMP_INSET = 6 * MM


def verification_url(token: str) -> str:
    """The public page of one issued document."""
    return settings.SITE_URL + reverse("signatures:issued", args=[token])


def short_name(title: str) -> str:
    """``title`` without diacritics (đ → d), spaces collapsed, cut at a word to NAME_LIMIT."""
    text = title.replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = " ".join(text.split())
    if len(text) <= NAME_LIMIT:
        return text
    cut = text[:NAME_LIMIT]
    if text[NAME_LIMIT] == " " or " " not in cut:
        return cut
    return cut.rsplit(" ", 1)[0]


def qr_fields(issued) -> dict[str, str]:
    """The data an issued document's QR code holds beside its URL, the applicant's identity
    code left out (see ``qr_payload``)."""
    fields = {}
    if issued.dossier_id is not None:
        dossier = issued.dossier
        fields[DOSSIER] = dossier.code
        fields[PROCEDURE] = dossier.procedure_version.procedure.code
    fields[NAME] = short_name(issued.title)
    return fields


def qr_payload(issued) -> str:
    """What the QR code of ``issued`` holds: its verification URL with ``qr_fields`` as query
    parameters, and the applicant's identity code when ``QR_APPLICANT_ID`` is on."""
    fields = qr_fields(issued)
    if settings.QR_APPLICANT_ID and issued.dossier_id and issued.dossier.applicant_id_number:
        fields[APPLICANT] = issued.dossier.applicant_id_number
    return f"{verification_url(issued.token)}?{urlencode(fields)}"


def qr_matches(issued, query) -> bool | None:
    """Whether the parameters a scanned code brought (``query``: the request's GET) say what the
    record says: None when it brought none. The applicant's identity code is never compared:
    the page would otherwise tell whoever holds a token whether a guessed number is right."""
    expected = qr_fields(issued)
    given = {key: query.get(key) for key in (DOSSIER, PROCEDURE, NAME) if key in query}
    if not given:
        return None
    return all(expected.get(key) == value for key, value in given.items())


def can_stamp(pdf: bytes) -> bool:
    """Whether a code can be added to ``pdf``: not when it is encrypted or already carries a
    signature, which any change to its pages would break."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return not reader.encrypted and not reader.embedded_signatures


def _inherited(page, key: str):
    node = page
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return None


def _placement(page) -> tuple[float, ...]:
    """The matrix (a b c d e f) that puts a STAMP_SIZE square, upright as the page is shown
    (its /Rotate), STAMP_INSET from the top and left edges of the visible area (the CropBox)."""
    box = _inherited(page, "/CropBox") or _inherited(page, "/MediaBox")
    if box is None or len(box) != 4:
        raise ValueError("page 1 has no MediaBox")
    x0, y0, x1, y1 = (float(v) for v in box)
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    rotate = int(_inherited(page, "/Rotate") or 0) % 360
    near, far = STAMP_INSET, STAMP_INSET + STAMP_SIZE
    # Per rotation (clockwise when shown): the code's right and up axes in user space, and the
    # user-space point that is shown as its lower-left corner.
    if rotate == 90:
        return (0, 1, -1, 0, x0 + far, y0 + near)
    if rotate == 180:
        return (-1, 0, 0, -1, x1 - near, y0 + far)
    if rotate == 270:
        return (0, -1, 1, 0, x1 - far, y1 - near)
    return (1, 0, 0, 1, x0 + near, y1 - far)


def _modules(text: str) -> bytes:
    """The code as PDF path operators in a unit square: a white square (with a 2-module quiet
    zone) and the dark modules, one rectangle per horizontal run."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    count = len(matrix)
    step = 1 / count
    runs = []
    for row, cells in enumerate(matrix):
        y = (count - 1 - row) * step
        col = 0
        while col < count:
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < count and cells[col]:
                col += 1
            runs.append(b"%.5f %.5f %.5f %.5f re" % (start * step, y, (col - start) * step, step))
    return b"1 g 0 0 1 1 re f 0 g\n" + b"\n".join(runs) + b"\nf"


def stamp_qr(pdf: bytes, text: str) -> bytes:
    """``pdf`` with a QR code of ``text`` (vector, medium error correction) top-left on page 1,
    added as an incremental update: the original bytes stay as they were, in front."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    if "/Contents" not in page:
        # A blank page (no content stream, as some scanners and editors save one) gets an
        # empty one to draw on; adding to a page without one fails.
        page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b""))
        writer.update_container(page)
    a, b, c, d, e, f = _placement(page)
    scale = STAMP_SIZE
    matrix = b"%.4f %.4f %.4f %.4f %.4f %.4f cm" % (
        a * scale,
        b * scale,
        c * scale,
        d * scale,
        e,
        f,
    )
    # The page's own content is wrapped in q … Q so whatever state it leaves cannot move,
    # scale or recolour the code drawn after it.
    for data, prepend in ((b"q", True), (b"Q", False)):
        stream = writer.add_object(generic.StreamObject(stream_data=data))
        writer.add_stream_to_page(0, stream, prepend=prepend)
    drawing = generic.StreamObject(stream_data=b"q\n" + matrix + b"\n" + _modules(text) + b"\nQ")
    drawing.compress()
    writer.add_stream_to_page(0, writer.add_object(drawing))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
