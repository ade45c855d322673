"""The files of a dossier on its page: each scan and attachment keeps its link and gains an
inline viewer, is served inline to the dossier's officers only and may be framed by our own pages
only."""

import pytest
from django.urls import reverse

from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.dossiers.services import ComponentInput

from .conftest import freeze_time, vn
from .states import open_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_files(awaiting_supplement, scans, people):
    """The dossier awaiting a supplement (states.py), its form scanned as a PDF and a JPEG, the
    supplement then answered with a PNG (an attachment of that history event)."""
    png = store_file(
        b"\x89PNG\r\n\x1a\n scan",
        name="bo-sung.png",
        content_type="image/png",
        uploaded_by=people.desk_x,
    )
    dossier = services.complete_supplement(
        awaiting_supplement,
        actor=people.desk_x,
        components=[ComponentInput(name="Bản sao giấy khai sinh", files=[png])],
        at=vn(2026, 3, 4, 9, 0),
    )
    pdf, jpeg = scans
    return dossier, pdf, jpeg, png


def _file_url(dossier, stored):
    return reverse("backoffice:file", args=[dossier.code, stored.pk])


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_files_open_in_an_inline_viewer(as_user, people, with_files):
    dossier, pdf, jpeg, png = with_files
    client = as_user(people.desk_x)
    response = open_page(client, dossier)
    html = response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    pdf_url, jpeg_url, png_url = (_file_url(dossier, f) for f in (pdf, jpeg, png))
    # Each file keeps its link and gains a closed "Xem" viewer that fetches only when opened.
    for url, name in ((pdf_url, pdf.name), (jpeg_url, jpeg.name), (png_url, png.name)):
        assert f'<a href="{url}" target="_blank" rel="noopener">{name}</a>' in html
    assert f'<iframe src="{pdf_url}" title="Tệp to-khai.pdf" loading="lazy"></iframe>' in html
    assert f'<img src="{jpeg_url}" alt="Ảnh của tệp anh-chup.jpg" loading="lazy">' in html
    # The PNG is shown with the supplement's component and with its history event.
    assert html.count(f'<img src="{png_url}" alt="Ảnh của tệp bo-sung.png" loading="lazy">') == 2
    assert html.count('<details class="file-viewer"><summary>Xem') == 4
    # The files may be framed by our own pages only.
    for url in (pdf_url, jpeg_url, png_url):
        served = client.get(url)
        assert served.status_code == 200
        assert served["Content-Disposition"].startswith("inline")
        assert served["X-Frame-Options"] == "SAMEORIGIN"
        assert served["Content-Security-Policy"] == "frame-ancestors 'self'"


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_another_communes_desk_cannot_open_the_files(
    as_user, people, tree, walk_in, form_component, with_files
):
    dossier, pdf, _jpeg, png = with_files
    assert dossier.events.filter(attachments=png).exists()
    client = as_user(people.desk_y)
    # A component's file and a history event's attachment of commune X's dossier.
    assert client.get(_file_url(dossier, pdf)).status_code == 404
    assert client.get(_file_url(dossier, png)).status_code == 404
    # Nor is another dossier's file served through one's own dossier's address.
    theirs = store_file(
        b"%PDF-1.4 y", name="xa-y.pdf", content_type="application/pdf", uploaded_by=people.desk_y
    )
    own = walk_in(
        actor=people.desk_y,
        receiving_unit=tree.commune_y,
        resolving_agency=tree.commune_y,
        components=[
            ComponentInput(
                name="Tờ khai", component=form_component, files=[theirs], paper_originals=1
            )
        ],
        at=vn(2026, 3, 4, 9, 0),
    )
    assert client.get(_file_url(own, theirs)).status_code == 200
    assert client.get(_file_url(own, pdf)).status_code == 404
    assert as_user(people.desk_x).get(_file_url(dossier, theirs)).status_code == 404


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_a_file_changed_in_storage_is_refused_with_a_message(as_user, people, with_files):
    from django.core.files.storage import default_storage

    dossier, pdf, _jpeg, _png = with_files
    client = as_user(people.desk_x)
    with default_storage.open(pdf.file.name, "wb") as changed:
        changed.write(b"%PDF-1.4 not the scan that was received\n")

    response = client.get(_file_url(dossier, pdf))

    assert response.status_code == 409
    assert "đã bị thay đổi trên kho lưu trữ" in response.content.decode()


@freeze_time(vn(2026, 3, 4, 10, 0))
def test_a_file_lost_from_storage_is_a_410_with_a_message(as_user, people, with_files):
    from django.core.files.storage import default_storage

    dossier, pdf, _jpeg, _png = with_files
    default_storage.delete(pdf.file.name)

    response = as_user(people.desk_x).get(_file_url(dossier, pdf))

    assert response.status_code == 410
    assert "không còn trên kho lưu trữ" in response.content.decode()
