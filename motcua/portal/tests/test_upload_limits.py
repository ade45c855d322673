"""Portal uploads against each component's limits: "Tờ khai" takes PDF only, at most 1 MB;
"Giấy ủy quyền" keeps the defaults (PDF, JPEG, PNG, 10 MB). In the application form and in a
supplement answer a refused file says which and why, and what passed is kept."""

import copy
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents.models import StoredFile
from motcua.documents.services import store_file
from motcua.documents.tests import samples
from motcua.dossiers import services
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def version(db):
    data = copy.deepcopy(CATALOGUE)
    components = data["procedures"][0]["versions"][0]["components"]
    components[0].update(max_upload_mb=1, accepted_types=["application/pdf"])
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000001")


@pytest.fixture
def limited(version):
    return version.components.get(name="Tờ khai")


@pytest.fixture
def neighbour(version):
    return version.components.get(name="Giấy ủy quyền")


def _pdf(name, size=None):
    body = samples.pdf("motcua test", size=size)
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _png_named_pdf(name="anh-chup.pdf"):
    return SimpleUploadedFile(name, _png_bytes(), content_type="application/pdf")


@pytest.fixture
def draft(as_user, people, version, tree):
    """Citizen A's draft, past the first step; returns (client, draft)."""
    client = as_user(people.citizen_a)
    client.post(
        reverse("portal:apply", args=[version.procedure.code]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    return client, Dossier.objects.get(applicant=people.citizen_a, status=Status.DRAFT)


def _documents(draft):
    return reverse("portal:draft_step", args=[draft.pk, "documents"])


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_each_file_input_accepts_and_describes_what_its_component_takes(draft, limited, neighbour):
    client, draft = draft
    html = _text(client.get(_documents(draft)))
    assert f'name="upload_{limited.pk}" accept=".pdf,application/pdf"' in html
    assert (
        f'name="upload_{neighbour.pk}" '
        'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"'
    ) in html
    assert "Tệp PDF, tối đa 1 MB mỗi tệp." in html
    assert "Tệp JPEG, PDF, PNG, tối đa 10 MB mỗi tệp." in html


def test_a_2_mb_pdf_is_refused_by_a_1_mb_component_and_taken_by_its_neighbour(
    draft, limited, neighbour
):
    client, draft = draft
    response = client.post(
        _documents(draft),
        {
            f"upload_{limited.pk}": _pdf("to-khai-lon.pdf", 2 * MB),
            f"upload_{neighbour.pk}": _pdf("uy-quyen.pdf", 2 * MB),
            "version": draft.version,
        },
    )
    assert response.status_code == 200
    assert (
        "Tệp “to-khai-lon.pdf” (2,0 MB) vượt quá dung lượng tối đa 1 MB của thành phần này."
        in _text(response)
    )
    draft.refresh_from_db()
    assert list(draft.form_data["attachments"]) == [str(neighbour.pk)]
    assert StoredFile.objects.get().name == "uy-quyen.pdf"


def test_a_png_named_pdf_is_refused_by_a_pdf_only_component_by_its_content(
    draft, limited, neighbour
):
    client, draft = draft
    response = client.post(
        _documents(draft),
        {
            f"upload_{limited.pk}": _png_named_pdf(),
            f"upload_{neighbour.pk}": _png_named_pdf("uy-quyen.pdf"),
            "version": draft.version,
        },
    )
    assert "Tệp “anh-chup.pdf” là tệp PNG; thành phần này chỉ nhận tệp PDF" in _text(response)
    draft.refresh_from_db()
    assert list(draft.form_data["attachments"]) == [str(neighbour.pk)]


def test_a_file_from_the_data_store_must_fit_the_component_too(draft, people, limited):
    client, draft = draft
    photo = store_file(
        _png_bytes(),
        name="anh-cu.png",
        content_type="image/png",
        uploaded_by=people.citizen_a,
        owner=people.citizen_a,
    )
    response = client.post(
        _documents(draft), {f"pick_{limited.pk}": photo.pk, "version": draft.version}
    )
    assert "Tệp “anh-cu.png” là tệp PNG; thành phần này chỉ nhận tệp PDF" in _text(response)
    draft.refresh_from_db()
    assert draft.form_data.get("attachments", {}) == {}


@pytest.fixture
def asked(people, file_online, officers):
    """A dossier of citizen A asked for "Tờ khai" again (the component's limits apply, the
    name matching) and for a paper outside the catalogue (the default limits)."""
    dossier = officers.accept(file_online())
    return services.request_supplement(
        dossier,
        actor=people.specialist_x,
        items=[
            {"name": "Tờ khai", "reason": "Thiếu chữ ký"},
            {"name": "Bản sao sổ hộ khẩu", "reason": "Bản chụp bị mờ"},
        ],
    )


def test_a_supplement_item_named_like_a_component_takes_its_limits_and_keeps_the_rest(
    as_user, people, asked
):
    client = as_user(people.citizen_a)
    url = reverse("portal:supplement", args=[asked.code])
    response = client.post(
        url,
        {
            "upload_0": _pdf("to-khai-moi.pdf", 2 * MB),
            "upload_1": _pdf("so-ho-khau.pdf", 2 * MB),
            "note": "Gửi lại tờ khai",
            "version": asked.version,
        },
    )
    html = _text(response)
    assert response.status_code == 200
    assert "Tệp “to-khai-moi.pdf” (2,0 MB) vượt quá dung lượng tối đa 1 MB" in html
    assert "Gửi lại tờ khai" in html
    # The other item's file passed: it is stored and sent again with the next try.
    kept = StoredFile.objects.get(name="so-ho-khau.pdf")
    assert f'name="kept_1" value="{kept.pk}"' in html and "so-ho-khau.pdf" in html

    response = client.post(
        url,
        {
            "upload_0": _pdf("to-khai-moi.pdf"),
            "kept_1": kept.pk,
            "note": "Gửi lại tờ khai",
            "version": asked.version,
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == Status.IN_PROGRESS
    names = {f.name for c in asked.components.all() for f in c.files.all()}
    assert {"to-khai-moi.pdf", "so-ho-khau.pdf"} <= names


def test_a_kept_file_must_be_ones_own(as_user, people, asked):
    foreign = store_file(
        b"%PDF-1.4 other",
        name="cua-nguoi-khac.pdf",
        content_type="application/pdf",
        uploaded_by=people.citizen_b,
        owner=people.citizen_b,
    )
    response = as_user(people.citizen_a).post(
        reverse("portal:supplement", args=[asked.code]),
        {"kept_1": foreign.pk, "version": asked.version},
    )
    asked.refresh_from_db()
    assert response.status_code == 200 and "cua-nguoi-khac.pdf" not in _text(response)
    assert asked.status == Status.AWAITING_SUPPLEMENT
