"""Small but whole files for tests that upload: uploads are read to the end (content.py), so a
test file must be a real PDF or image, not just its first bytes."""

from __future__ import annotations

import io


def pdf(label: str | bytes = "tệp thử", *, size: int | None = None) -> bytes:
    """A one-page PDF whose title is ``label`` (different labels, different bytes); ``size``:
    padded (in its subject) to exactly that many bytes."""
    from pypdf import PdfWriter

    if isinstance(label, bytes):
        label = label.decode("utf-8", "replace")

    def build(padding: int) -> bytes:
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        writer.add_metadata({"/Title": label, "/Subject": "0" * padding})
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    padding = 1
    content = build(padding)
    while size is not None and len(content) != size:
        padding += size - len(content)
        content = build(padding)
    return content


def image(fmt: str = "JPEG", colour: str = "white") -> bytes:
    """An 8×8 picture in ``fmt`` (JPEG or PNG)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format=fmt)
    return buffer.getvalue()
