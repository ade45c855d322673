"""Uploads are checked by content, not by name, and bounded in size; a refusal says why."""

import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.documents import services
from motcua.documents.tests import samples
from motcua.documents.validation import (
    ACCEPT_ATTRIBUTE,
    JPEG,
    PDF,
    PNG,
    accept_attribute,
    describe,
    sniff,
    validate_stored,
    validate_upload,
)
from motcua.signatures.tests.helpers import simple_pdf


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def upload(content: bytes, name: str, declared="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=declared)


def test_pdf_jpeg_and_png_are_accepted_by_their_content():
    assert validate_upload(upload(simple_pdf(), "to-khai.pdf")) == PDF
    assert validate_upload(upload(_image("JPEG"), "anh.jpg", "image/jpeg")) == JPEG
    # The name and the declared type are ignored: the bytes decide.
    assert validate_upload(upload(_image("PNG"), "scan.pdf")) == PNG


def test_a_text_file_named_pdf_is_rejected_with_the_reason_in_vietnamese():
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(b"Day khong phai PDF\n", "giay-to.pdf"))
    assert info.value.code == "file_type"
    message = info.value.messages[0]
    assert "giay-to.pdf" in message and "không phải tệp JPEG, PDF, PNG" in message


def test_an_oversize_file_is_rejected_with_the_limit():
    content = simple_pdf() + b"\n%" + b"0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(content, "lon.pdf"), max_bytes=1024 * 1024)
    assert info.value.code == "file_too_large"
    message = info.value.messages[0].replace("\xa0", " ")
    assert "có dung lượng 2,0 MB, vượt quá giới hạn 1 MB" in message


def test_the_default_limit_is_ten_megabytes_and_configurable(settings):
    big = upload(samples.pdf(size=10 * 1024 * 1024 + 9), "big.pdf")
    with pytest.raises(ValidationError):
        validate_upload(big)
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    assert validate_upload(big) == PDF


def test_empty_files_and_types_a_component_does_not_accept_are_rejected():
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(b"", "rong.pdf"))
    assert info.value.code == "empty_file"
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(_image("PNG"), "anh.png"), accepted={PDF})
    assert "không phải tệp PDF" in info.value.messages[0]


def test_sniffing():
    assert sniff(b"%PDF-1.4") == PDF
    assert sniff(b"\x00\x00junk%PDF-1.4") == PDF
    assert sniff(b"\xff\xd8\xff\xe0") == JPEG
    assert sniff(b"\x89PNG\r\n\x1a\n") == PNG
    assert sniff(b"GIF89a") is None
    assert sniff(b"PK\x03\x04") is None


@pytest.mark.django_db
def test_store_upload_keeps_the_content_type_read_from_the_bytes(people):
    stored = services.store_upload(
        upload(_image("PNG"), "C:\\scan\\ho-so.pdf"), uploaded_by=people.desk_x
    )
    assert stored.content_type == PNG
    assert stored.uploaded_by == people.desk_x
    assert services.verify(stored)
    assert services.read_bytes(stored)[:4] == b"\x89PNG"


@pytest.mark.django_db
def test_store_upload_refuses_and_stores_nothing():
    from motcua.documents.models import StoredFile

    with pytest.raises(ValidationError):
        services.store_upload(upload(b"<html></html>", "form.pdf"))
    assert not StoredFile.objects.exists()


@pytest.mark.django_db
def test_read_bytes_refuses_a_file_changed_in_storage():
    stored = services.store_file(simple_pdf(), name="a.pdf", content_type=PDF)
    with open(stored.file.path, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ValidationError) as info:
        services.read_bytes(stored)
    assert info.value.code == "file_tampered"


def test_a_components_limits_are_worded_as_the_components():
    big = upload(simple_pdf() + b"\n%" + b"0" * (2 * 1024 * 1024), "to-khai.pdf")
    with pytest.raises(ValidationError) as info:
        validate_upload(big, max_bytes=1024 * 1024, for_component=True)
    assert info.value.messages[0].replace("\xa0", " ") == (
        "Tệp “to-khai.pdf” (2,0 MB) vượt quá dung lượng tối đa 1 MB của thành phần này."
    )
    with pytest.raises(ValidationError) as info:
        validate_upload(upload(_image("PNG"), "scan.pdf"), accepted={PDF}, for_component=True)
    assert info.value.code == "file_type"
    assert info.value.messages[0].startswith(
        "Tệp “scan.pdf” là tệp PNG; thành phần này chỉ nhận tệp PDF"
    )


def test_the_accept_attribute_and_the_description_follow_the_types():
    assert accept_attribute() == ACCEPT_ATTRIBUTE
    assert accept_attribute({PDF}) == ".pdf,application/pdf"
    assert accept_attribute({PNG, JPEG}) == ".jpg,.jpeg,.png,image/jpeg,image/png"
    assert describe(max_bytes=1024 * 1024, accepted={PDF}).replace("\xa0", " ") == (
        "Tệp PDF, tối đa 1 MB mỗi tệp."
    )
    assert "tối đa 10 MB" in describe().replace("\xa0", " ")


def test_a_stored_file_is_checked_against_a_components_limits():
    stored = SimpleNamespace(name="anh.png", size=2048, content_type=PNG)
    validate_stored(stored)
    with pytest.raises(ValidationError) as info:
        validate_stored(stored, accepted={PDF})
    assert "là tệp PNG; thành phần này chỉ nhận tệp PDF" in info.value.messages[0]
    with pytest.raises(ValidationError) as info:
        validate_stored(stored, max_bytes=stored.size - 1)
    assert info.value.code == "file_too_large"
