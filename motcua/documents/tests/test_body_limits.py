"""Bodies over an address's limit are refused before they are read (#17 item 1): by their
Content-Length, or while a file streams; nothing beyond the limit reaches the disk."""

import json
import wsgiref.util

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse

from motcua.documents.tests import samples
from motcua.signatures.forms import MAX_VERIFY_BYTES
from motcua.signatures.tests.helpers import simple_pdf

MB = 1024 * 1024
BOUNDARY = "BoUnDaRyLiMiT"


@pytest.fixture
def written(monkeypatch, tmp_path, settings):
    """Bytes handed to the temporary-file writer, and the temp dir it writes to."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    seen = {"bytes": 0, "largest_file": 0}
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        seen["bytes"] += len(raw_data)
        seen["largest_file"] = max(seen["largest_file"], start + len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    seen["dir"] = tmp_path
    return seen


def _multipart(client, url, files: dict, **fields):
    # Any CSRF cookie makes the CSRF check read the form (without one it refuses unread).
    client.cookies["csrftoken"] = "a" * 32
    body = encode_multipart(BOUNDARY, {**fields, **files})
    return client.generic(
        "POST", url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


def _file(size: int, name="lon.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, samples.pdf(size=size), "application/pdf")


@pytest.mark.django_db
def test_a_public_form_refuses_an_oversized_body_by_its_length_and_reads_none_of_it(written):
    response = _multipart(
        Client(enforce_csrf_checks=True),
        reverse("signatures:verify"),
        {"document": _file(MAX_VERIFY_BYTES + 2 * MB)},
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in text and "20\xa0MB" in text
    assert "Chưa có gì được lưu" in text
    assert written["bytes"] == 0
    # A WSGI application may not set hop-by-hop headers (the server would answer a bare 500).
    assert not any(wsgiref.util.is_hop_by_hop(name) for name in response.headers)
    assert list(written["dir"].iterdir()) == []


@pytest.mark.django_db
def test_the_signature_check_still_takes_a_pdf_within_its_limit(written):
    response = _multipart(Client(), reverse("signatures:verify"), {"document": _file(3 * MB)})
    assert response.status_code == 200
    assert "Dữ liệu gửi lên quá lớn" not in response.content.decode()


@pytest.mark.django_db
def test_a_sign_in_form_refuses_a_large_body_before_the_csrf_check_reads_it(written):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y" * (2 * MB)})
    assert response.status_code == 413  # not the CSRF 403: the body was never parsed
    response = _multipart(client, reverse("accounts:login"), {"file": _file(2 * MB)})
    assert response.status_code == 413
    assert written["bytes"] == 0


@pytest.mark.django_db
def test_a_file_over_the_largest_allowed_size_is_stopped_while_streaming(written, settings):
    # The whole body is within the form's limit (so its Content-Length passes), but the file is
    # over the largest size any component allows: the parser stops at that size, anonymous or
    # not, while the CSRF check reads the form.
    settings.UPLOAD_MAX_BYTES = 1 * MB
    url = reverse("portal:draft_step", kwargs={"draft_id": 1, "step": "documents"})
    response = _multipart(Client(enforce_csrf_checks=True), url, {"upload_a": _file(6 * MB)})
    assert response.status_code == 413
    assert "1\xa0MB" in response.content.decode()
    assert 0 < written["largest_file"] <= 1 * MB
    assert written["bytes"] <= 1 * MB
    assert [p for p in written["dir"].iterdir() if p.stat().st_size > 1 * MB] == []


@pytest.mark.django_db
def test_a_file_stopped_while_streaming_gets_the_413_page_with_debug_on_too(written, settings):
    # With DEBUG on Django answers a SuspiciousOperation raised in the CSRF check with its
    # technical 400 page: the guard parses the form itself, first.
    settings.DEBUG = True
    settings.UPLOAD_MAX_BYTES = 1 * MB
    url = reverse("portal:draft_step", kwargs={"draft_id": 1, "step": "documents"})
    response = _multipart(Client(enforce_csrf_checks=True), url, {"upload_a": _file(3 * MB)})
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert written["bytes"] <= 1 * MB


@pytest.mark.django_db
def test_a_whole_upload_form_over_its_limit_is_refused_by_length(written, settings):
    settings.UPLOAD_MAX_BYTES = 3 * MB
    settings.UPLOAD_REQUEST_MAX_BYTES = 4 * MB
    url = reverse("portal:draft_step", kwargs={"draft_id": 1, "step": "documents"})
    files = {f"upload_{i}": _file(2 * MB, f"{i}.pdf") for i in range(3)}
    response = _multipart(Client(enforce_csrf_checks=True), url, files)
    assert response.status_code == 413
    assert "mỗi tệp tối đa 3\xa0MB, cả lần gửi tối đa 4\xa0MB" in response.content.decode()
    assert written["bytes"] == 0


@pytest.mark.django_db
def test_a_payment_notification_over_the_callback_limit_is_refused_and_not_stored(written):
    from motcua.payments.models import GatewayMessage

    junk = json.dumps({"vnp_TxnRef": "1", "junk": "x" * (2 * MB)})
    response = Client().post(
        reverse("payments:ipn", kwargs={"gateway": "demo"}), junk, content_type="application/json"
    )
    assert response.status_code == 413
    assert GatewayMessage.objects.count() == 0


@pytest.mark.django_db
def test_the_api_answers_an_oversized_body_with_a_problem():
    response = Client().post(
        "/api/v1/procedures/", json.dumps({"x": "y" * (2 * MB)}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 413 and "quá lớn" in body["detail"]


@pytest.mark.django_db
def test_a_small_pdf_still_reaches_the_signature_check():
    response = _multipart(
        Client(), reverse("signatures:verify"), {"document": _file(len(simple_pdf()) + 100)}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_catalogue_is_asked_for_its_largest_limit_only_past_the_default(written, settings):
    # A component allowing 3 MB over a 1 MB default: a 2 MB file streams through (the catalogue
    # is read once it passes 1 MB), a 4 MB one is stopped at 3 MB; a small body never asks.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.catalog import services as catalog_services
    from motcua.catalog.models import Component
    from motcua.dossiers.tests.conftest import CATALOGUE

    catalog_services.import_catalogue(CATALOGUE)
    Component.objects.filter(name="Tờ khai").update(max_upload_mb=3)
    settings.UPLOAD_MAX_BYTES = 1 * MB
    url = reverse("portal:draft_step", kwargs={"draft_id": 1, "step": "documents"})

    def catalogue_reads(captured):
        return [q for q in captured if "catalog_component" in q["sql"]]

    with CaptureQueriesContext(connection) as small:
        _multipart(Client(enforce_csrf_checks=True), url, {"upload_a": _file(MB // 2)})
    assert catalogue_reads(small) == []
    with CaptureQueriesContext(connection) as within:
        response = _multipart(Client(enforce_csrf_checks=True), url, {"upload_a": _file(2 * MB)})
    assert response.status_code != 413 and len(catalogue_reads(within)) == 1
    response = _multipart(Client(enforce_csrf_checks=True), url, {"upload_a": _file(4 * MB)})
    assert response.status_code == 413
    assert "3\xa0MB" in response.content.decode()
    assert written["largest_file"] <= 3 * MB
