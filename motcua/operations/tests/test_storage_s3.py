"""Files on a real S3-compatible server (moto's server mode): stored through the storage API,
read back with their SHA-256 checked, and a clear refusal when the object is missing, changed,
or the store is down."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage

from motcua.documents.services import FileUnavailable, open_verified, read_bytes, store_file
from motcua.operations.storage_url import storage_from_url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 4096 + b"\n%%EOF\n"  # ~1 MB, crosses chunk borders


def test_a_stored_file_is_an_object_in_the_bucket_and_reads_back_with_its_sha256(s3_storage):
    stored = store_file(PDF, name="don.pdf", content_type="application/pdf")

    listed = s3_storage.list_objects_v2(Bucket=s3_storage.bucket)["Contents"]
    assert [item["Key"] for item in listed] == [stored.file.name]
    direct = s3_storage.get_object(Bucket=s3_storage.bucket, Key=stored.file.name)["Body"].read()
    assert hashlib.sha256(direct).hexdigest() == stored.sha256 == hashlib.sha256(PDF).hexdigest()

    with open_verified(stored) as served:
        assert served.read() == PDF
    assert read_bytes(stored) == PDF


def test_an_object_changed_in_the_store_is_refused(s3_storage):
    stored = store_file(PDF, name="don.pdf", content_type="application/pdf")
    s3_storage.put_object(Bucket=s3_storage.bucket, Key=stored.file.name, Body=PDF + b"x")

    with pytest.raises(FileUnavailable) as refused:
        open_verified(stored)

    assert refused.value.reason == "tampered"
    assert refused.value.status == 409
    assert "đã bị thay đổi" in refused.value.message


def test_a_missing_object_is_a_clear_error(s3_storage):
    stored = store_file(PDF, name="don.pdf", content_type="application/pdf")
    s3_storage.delete_object(Bucket=s3_storage.bucket, Key=stored.file.name)

    with pytest.raises(FileUnavailable) as refused:
        open_verified(stored)

    assert refused.value.reason == "missing"
    assert refused.value.status == 410
    assert "không còn trên kho lưu trữ" in refused.value.message


def test_the_same_name_twice_never_replaces_the_first_object(s3_storage):
    first = default_storage.save("files/x.txt", __import__("io").BytesIO(b"one"))
    second = default_storage.save("files/x.txt", __import__("io").BytesIO(b"two"))

    assert first != second
    assert default_storage.open(first).read() == b"one"


def test_a_store_that_does_not_answer_is_unreadable_not_a_crash(settings, db):
    # Nothing listens on port 9 of the loopback: the connection is refused at once.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_url(
            "s3://KEY:SECRET@motcua-none?endpoint_url=http://127.0.0.1:9&region_name=us-east-1"
        ),
    }
    settings.STORAGES["default"]["OPTIONS"]["client_config"] = __import__(
        "botocore.config"
    ).config.Config(retries={"max_attempts": 1}, connect_timeout=1)
    from motcua.documents.models import StoredFile

    stored = StoredFile(name="x.pdf", content_type="application/pdf", size=1, sha256="0" * 64)
    stored.file.name = "files/2026/12/absent"

    with pytest.raises(FileUnavailable) as refused:
        open_verified(stored)

    assert refused.value.reason == "unreadable"
    assert refused.value.status == 503


def test_the_storage_address_is_read_with_its_options_and_credentials():
    config = storage_from_url(
        "s3://AK%2F1:S%2Bcret@motcua-files?endpoint_url=http://10.0.0.5:9000"
        "&region_name=ap-southeast-1&location=prod&verify=false"
    )

    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert options["bucket_name"] == "motcua-files"
    assert options["endpoint_url"] == "http://10.0.0.5:9000"
    assert options["location"] == "prod"
    assert options["verify"] is False
    assert (options["access_key"], options["secret_key"]) == ("AK/1", "S+cret")
    assert options["file_overwrite"] is False


@pytest.mark.parametrize(
    "url", ["http://bucket", "s3://", "s3://bucket?endpoint=http://x", "s3://b?colour=red"]
)
def test_a_wrong_storage_address_stops_start_up_with_a_message(url):
    with pytest.raises(ImproperlyConfigured, match="STORAGE_URL"):
        storage_from_url(url)
