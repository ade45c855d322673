"""Desk intake against each component's upload limits: "Tờ khai" takes PDF only, at most 1 MB;
"Giấy ủy quyền" keeps the defaults (PDF, JPEG, PNG, 10 MB). A refused file says which and why,
the rest of the form stays, and the files that passed are stored and kept."""

import copy
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.documents.models import StoredFile
from motcua.documents.tests import samples
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def version(db):
    data = copy.deepcopy(CATALOGUE)
    components = data["procedures"][0]["versions"][0]["components"]
    components[0].update(max_upload_mb=1, accepted_types=["application/pdf"])
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000001", datetime.date(2026, 3, 2))


@pytest.fixture
def limited(version):
    return version.components.get(name="Tờ khai")


@pytest.fixture
def neighbour(version):
    return version.components.get(name="Giấy ủy quyền")


def _pdf(name="to-khai.pdf", size=None):
    body = samples.pdf("scan", size=size)
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _png_named_pdf(name="anh-chup.pdf"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def _data(tree, limited, **overrides):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Trần Văn Bình",
        "id_number": "068080999999",
        "phone": "0911222333",
        "delivery": "desk",
        "idempotency_key": "intake-limits-1",
        f"c{limited.pk}_originals": "1",
        "decision": "receive",
    }
    return data | overrides


def _post(as_user, people, version, data):
    response = as_user(people.desk_x).post(
        reverse("backoffice:intake_form", args=[version.pk]), data
    )
    return response, response.content.decode().replace("\xa0", " ")


def test_the_file_inputs_accept_what_their_component_accepts(
    as_user, people, version, limited, neighbour
):
    html = as_user(people.desk_x).get(reverse("backoffice:intake_form", args=[version.pk]))
    html = html.content.decode()
    assert f'name="c{limited.pk}_files" accept=".pdf,application/pdf"' in html
    assert (
        f'name="c{neighbour.pk}_files" '
        'accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"'
    ) in html
    html = html.replace("\xa0", " ")
    assert "Tệp PDF, tối đa 1 MB mỗi tệp." in html
    assert "Tệp JPEG, PDF, PNG, tối đa 10 MB mỗi tệp." in html


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_2_mb_pdf_is_refused_by_a_1_mb_component_and_taken_by_its_neighbour(
    as_user, people, version, tree, limited, neighbour
):
    data = _data(tree, limited, summary="Giữ lại nội dung")
    data[f"c{limited.pk}_files"] = [_pdf("to-khai-lon.pdf", 2 * MB)]
    data[f"c{neighbour.pk}_files"] = [_pdf("uy-quyen.pdf", 2 * MB)]
    response, html = _post(as_user, people, version, data)
    assert response.status_code == 400
    assert (
        "Tệp “to-khai-lon.pdf” (2,0 MB) vượt quá dung lượng tối đa 1 MB của thành phần này." in html
    )
    # The rest of the form is kept, and the neighbour's file is stored and carried over.
    assert "Giữ lại nội dung" in html and "Trần Văn Bình" in html
    stored = StoredFile.objects.get()
    assert stored.name == "uy-quyen.pdf" and stored.size == 2 * MB
    assert f'name="c{neighbour.pk}_kept" value="{stored.pk}"' in html
    assert not Dossier.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_png_named_pdf_is_refused_by_a_pdf_only_component_by_its_content(
    as_user, people, version, tree, limited, neighbour
):
    data = _data(tree, limited)
    data[f"c{limited.pk}_files"] = [_png_named_pdf()]
    response, html = _post(as_user, people, version, data)
    assert response.status_code == 400
    assert "Tệp “anh-chup.pdf” là tệp PNG; thành phần này chỉ nhận tệp PDF" in html
    assert not StoredFile.objects.exists()

    # The neighbour takes PNG scans.
    data = _data(tree, limited, idempotency_key="intake-limits-2")
    data[f"c{neighbour.pk}_files"] = [_png_named_pdf("uy-quyen.pdf")]
    response, _html = _post(as_user, people, version, data)
    assert response.status_code == 302
    component = Dossier.objects.get().components.get(component=neighbour)
    assert [f.content_type for f in component.files.all()] == ["image/png"]


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_the_valid_sibling_of_a_refused_file_is_kept(
    as_user, people, version, tree, limited, neighbour
):
    data = _data(tree, limited)
    data[f"c{limited.pk}_files"] = [_pdf("trang-1.pdf"), _png_named_pdf("trang-2.pdf")]
    response, html = _post(as_user, people, version, data)
    assert response.status_code == 400
    assert "Tệp “trang-2.pdf” là tệp PNG" in html
    kept = StoredFile.objects.get()
    assert kept.name == "trang-1.pdf"
    assert f'name="c{limited.pk}_kept" value="{kept.pk}"' in html

    # The officer re-selects only the refused page, now as a PDF.
    data = _data(tree, limited)
    data[f"c{limited.pk}_kept"] = [str(kept.pk)]
    data[f"c{limited.pk}_files"] = [_pdf("trang-2.pdf")]
    response, _html = _post(as_user, people, version, data)
    assert response.status_code == 302
    files = Dossier.objects.get().components.get(component=limited).files.order_by("pk")
    assert [f.name for f in files] == ["trang-1.pdf", "trang-2.pdf"]
