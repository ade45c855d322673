"""Reading a whole upload, not only its first bytes (#17 item 10): a file is stored only when it
is what its leading bytes claim from its first byte to its last, so that no file can be both a
PDF or an image and a web page (a polyglot: HTML after a ``%PDF-`` header or after JPEG magic,
which a browser or a careless viewer could run as a page of this site).

- PDF: parsed with pypdf, every page reached; no HTML markup outside the streams (before the
  header, between objects, after the last ``%%EOF``). A stream's bytes are compressed content
  or drawing operators, where a chance match of a tag would refuse good files.
- JPEG and PNG: decoded in full with Pillow (``verify`` then ``load``); the file's structure is
  walked (JPEG segments, PNG chunks) and markup is looked for in everything but the compressed
  image data: metadata segments and chunks, and whatever follows the end marker (EOI, IEND).

``check_content`` answers a short reason (English, for the log) or None when the file is sound.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import warnings

from PIL import Image

logger = logging.getLogger(__name__)

# Tags a browser's HTML sniffing or an HTML parser acts on. Each has a letter that is no hex
# digit right after "<", so a PDF hex string (<4f2a…>) never matches.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|frame|svg|object|embed|img|style|"
    rb"title|meta|link|form|div|table|math|template|base)[\s>/]",
    re.IGNORECASE,
)
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
# Decoding a picture past this many pixels is refused rather than risked (a decompression bomb).
_MAX_PIXELS = 100_000_000


def has_markup(data: bytes) -> bool:
    return _MARKUP.search(data) is not None


def _pdf(data: bytes) -> str | None:
    if has_markup(_STREAM.sub(b"stream endstream", data)):
        return "HTML markup outside the PDF's streams"
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                # Encrypted PDFs are accepted as such (a citizen's protected e-document); their
                # structure was parsed; the pages cannot be read without the password.
                return None
            pages = [page.mediabox for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        return f"not a readable PDF ({type(error).__name__})"
    if not pages:
        return "a PDF without pages"
    return None


def _jpeg_metadata(data: bytes) -> tuple[bytes, int] | str:
    """The JPEG's bytes other than its compressed scans, and where its EOI ends; or a reason."""
    position, parts = 2, []
    length = len(data)
    while position < length:
        if data[position] != 0xFF:
            return "a JPEG segment that does not start with a marker"
        while position < length and data[position] == 0xFF:
            position += 1  # fill bytes
        if position >= length:
            break
        marker = data[position]
        position += 1
        if marker == 0xD9:  # EOI
            return b"".join(parts), position
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if position + 2 > length:
            return "a truncated JPEG segment"
        (size,) = struct.unpack(">H", data[position : position + 2])
        parts.append(data[position + 2 : position + size])
        position += size
        if marker == 0xDA:  # SOS: compressed data up to the next marker that is not RSTn/stuffing
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= length:
                    return "a JPEG without its end marker"
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2
                    continue
                break
    return "a JPEG without its end marker"


def _png_metadata(data: bytes) -> tuple[bytes, int] | str:
    position, parts = 8, []
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + size]
        position += 12 + size
        if kind != b"IDAT":
            parts.append(kind + body)
        if kind == b"IEND":
            return b"".join(parts), position
    return "a PNG without its IEND chunk"


def _image(data: bytes, walk) -> str | None:
    walked = walk(data)
    if isinstance(walked, str):
        return walked
    metadata, end = walked
    if has_markup(metadata + data[end:]):
        return "HTML markup in the image's metadata"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > _MAX_PIXELS:
                    return "an image too large to decode"
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (OSError, SyntaxError, ValueError, struct.error, Image.DecompressionBombWarning) as e:
        return f"not a decodable image ({type(e).__name__})"
    return None


def check_content(data: bytes, content_type: str) -> str | None:
    """Why ``data``, sniffed as ``content_type``, must not be stored; None when it is sound."""
    from .validation import JPEG, PDF, PNG

    if content_type == PDF:
        return _pdf(data)
    if content_type == JPEG:
        return _image(data, _jpeg_metadata)
    if content_type == PNG:
        return _image(data, _png_metadata)
    return None
