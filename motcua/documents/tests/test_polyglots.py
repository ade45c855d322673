"""A file is stored only when it is, from its first byte to its last, the type its first bytes
claim (#17 item 10): no PDF or picture that is also a web page, no name that reads backwards."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.documents import services
from motcua.documents.models import StoredFile
from motcua.documents.tests import samples
from motcua.documents.validation import BIDI_CONTROLS, JPEG, PDF, PNG, validate_upload
from motcua.signatures.tests.helpers import simple_pdf

HTML = b"<html><body><script>fetch('/backoffice/').then(r=>r.text())</script></body></html>"


def upload(content: bytes, name: str = "giay-to.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refused(content: bytes, name: str = "giay-to.pdf") -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(content, name))
    return info.value


def _jpeg(**save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def _png_with_chunk(kind: bytes, body: bytes) -> bytes:
    import struct
    import zlib

    png = samples.image("PNG")
    chunk = struct.pack(">I", len(body)) + kind + body
    chunk += struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return png[:33] + chunk + png[33:]  # after the signature and IHDR


# -- what must be refused --------------------------------------------------------------------


def test_html_after_a_pdf_header_is_refused_with_a_clear_message():
    error = refused(b"%PDF-1.7\n" + HTML)
    assert error.code == "file_content"
    message = error.messages[0]
    assert "giay-to.pdf" in message and "không phải tệp PDF hợp lệ" in message


def test_a_parsable_pdf_carrying_html_in_a_comment_is_refused():
    pdf = simple_pdf()
    header, rest = pdf.split(b"\n", 1)
    assert refused(header + b"\n%" + HTML + b"\n" + rest).code == "file_content"


def test_html_after_the_end_of_a_pdf_or_before_its_header_is_refused():
    assert refused(simple_pdf() + b"\n" + HTML).code == "file_content"
    assert refused(HTML + b"\n" + simple_pdf()).code == "file_content"


def test_a_truncated_pdf_is_refused():
    pdf = simple_pdf()
    assert refused(pdf[: len(pdf) // 3]).code == "file_content"


def test_html_after_jpeg_magic_is_refused():
    assert refused(b"\xff\xd8\xff\xe0" + HTML, "anh.jpg").code == "file_content"


def test_a_jpeg_with_html_in_a_comment_segment_is_refused():
    jpeg = _jpeg()
    comment = b"\xff\xfe" + (len(HTML) + 2).to_bytes(2, "big") + HTML
    assert refused(jpeg[:2] + comment + jpeg[2:], "anh.jpg").code == "file_content"


def test_html_appended_to_a_jpeg_or_a_png_is_refused():
    assert refused(_jpeg() + HTML, "anh.jpg").code == "file_content"
    assert refused(samples.image("PNG") + HTML, "anh.png").code == "file_content"


def test_a_png_with_html_in_a_text_chunk_is_refused():
    assert refused(_png_with_chunk(b"tEXt", b"Comment\x00" + HTML), "anh.png").code == (
        "file_content"
    )


def test_a_picture_that_does_not_decode_is_refused():
    jpeg = _jpeg()
    assert refused(jpeg[: len(jpeg) // 2] + b"\xff\xd9", "anh.jpg").code == "file_content"


@pytest.mark.parametrize(
    "control",
    sorted(BIDI_CONTROLS),
)
def test_a_name_with_a_bidirectional_control_is_refused(control):
    error = refused(simple_pdf(), f"hoa-don{control}fdp.exe")
    assert error.code == "file_name"
    assert "ký tự điều khiển hướng chữ" in error.messages[0]


def test_a_refused_polyglot_is_not_stored(db):
    with pytest.raises(ValidationError):
        services.store_upload(upload(b"%PDF-1.4\n" + HTML))
    assert not StoredFile.objects.exists()


# -- what must still be accepted -------------------------------------------------------------


def test_real_pdfs_and_pictures_are_accepted():
    assert validate_upload(upload(simple_pdf())) == PDF
    assert validate_upload(upload(samples.pdf("Tờ khai"))) == PDF
    assert validate_upload(upload(_jpeg(), "anh.jpg")) == JPEG
    assert validate_upload(upload(_jpeg(progressive=True, quality=90), "anh.jpg")) == JPEG
    assert validate_upload(upload(samples.image("PNG"), "anh.png")) == PNG


def test_a_picture_with_metadata_and_a_pdf_with_markup_in_its_content_are_accepted():
    exif = Image.Exif()
    exif[0x010E] = "Ảnh chụp giấy khai sinh"  # ImageDescription
    assert validate_upload(upload(_jpeg(exif=exif.tobytes()), "anh.jpg")) == JPEG
    text = _png_with_chunk(b"tEXt", b"Software\x00motcua scanner 1.0")
    assert validate_upload(upload(text, "anh.png")) == PNG
    # A page whose text speaks of <html> holds it inside a content stream: not a web page.
    assert validate_upload(upload(simple_pdf("Hướng dẫn: thẻ <html> và <script>"))) == PDF


def test_an_ordinary_name_in_vietnamese_is_accepted():
    assert validate_upload(upload(simple_pdf(), "Giấy khai sinh (bản sao).pdf")) == PDF
