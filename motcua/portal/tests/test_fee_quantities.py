"""Fees that follow the request on the portal: a quantity no form field gives is asked with the
applicant's answers, kept in the draft, shown with the estimate on the review page and used on
filing; a waived line reads "miễn"; the procedure page shows each line's rate."""

import copy

import pytest
from django.urls import reverse

from motcua.catalog import selectors as catalog
from motcua.catalog import services as catalog_services
from motcua.catalog.models import FeeLine
from motcua.documents.tests import samples
from motcua.dossiers.constants import Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import CATALOGUE, CERTIFICATION, WAIVED

pytestmark = pytest.mark.django_db

PURPOSE = {"name": "muc_dich", "label": "Mục đích", "kind": "text", "required": True}


@pytest.fixture
def asked_version(db):
    """9.000003: per page of each copy online, no form field giving pages or copies."""
    data = copy.deepcopy(CATALOGUE)
    version = data["procedures"][0]["versions"][0]
    data["procedures"][0]["code"] = "9.000003"
    version["form_fields"] = [PURPOSE]
    for channel in version["channels"]:
        channel["fee_lines"] = [dict(CERTIFICATION), dict(WAIVED)]
    catalog_services.import_catalogue(data)
    return catalog.published_version_on("9.000003")


def _draft(client, tree, people):
    client.post(
        reverse("portal:apply", args=["9.000003"]),
        {"resolving_agency": tree.commune_x.pk, "receiving_unit": tree.commune_x.pk},
    )
    return Dossier.objects.get(applicant=people.citizen_a, status=Status.DRAFT)


def test_the_portal_asks_pages_and_copies_and_files_the_computed_fee(
    as_user, people, tree, asked_version
):
    client = as_user(people.citizen_a)
    draft = _draft(client, tree, people)
    step = reverse("portal:draft_step", args=[draft.pk, "applicant"])
    html = client.get(step).content.decode()
    assert 'name="qty_copies"' in html and 'name="qty_pages"' in html
    assert "Số trang của mỗi bản" in html
    assert "Để tính: Phí chứng thực bản sao (2.000 đồng/trang; từ trang thứ 3" in html

    # Missing and out-of-range quantities are refused; what was typed stays on the page.
    response = client.post(step, {"phone": "0912345678", "muc_dich": "Nộp hồ sơ xin việc"})
    assert response.status_code == 200 and "Nộp hồ sơ xin việc" in response.content.decode()
    response = client.post(
        step, {"phone": "0912345678", "muc_dich": "Xin việc", "qty_pages": "0", "qty_copies": "2"}
    )
    assert response.status_code == 200
    response = client.post(
        step, {"phone": "0912345678", "muc_dich": "Xin việc", "qty_pages": "5", "qty_copies": "2"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.form_data["quantities"] == {"pages": 5, "copies": 2}
    assert 'value="5"' in client.get(step).content.decode()  # kept when coming back

    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "Phí chứng thực bản sao (5 trang × 2 bản): <strong>14.000 đồng</strong>" in review
    assert "Lệ phí: <strong>miễn</strong>" in review
    assert "Khoản “miễn” không phải nộp." in review
    # Without a waived line the review says nothing of one. (The published version's lines
    # are changed behind the services, which refuse it: the process is told to read them again.)
    FeeLine.objects.filter(term__version=asked_version, amount=0).delete()
    catalog.forget_published_parts()
    review = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "14.000 đồng" in review and "miễn" not in review
    FeeLine.objects.create(
        term=asked_version.channels.get(channel="online"),
        name="Lệ phí",
        kind="charge",
        amount=0,
        stage="at_receipt",
        order=9,
    )
    catalog.forget_published_parts()

    _attach(client, draft, asked_version.components.get(name="Tờ khai"))
    response = client.post(reverse("portal:draft_review", args=[draft.pk]), {"version": ""})
    assert response.status_code == 302, response.content.decode()
    dossier = Dossier.objects.get(pk=draft.pk)
    fee, waived = dossier.fees.order_by("id")
    assert (fee.amount, fee.quantity_text, waived.amount) == (14000, "5 trang × 2 bản", 0)
    page = client.get(reverse("portal:dossier", args=[dossier.code])).content.decode()
    assert "Phí chứng thực bản sao (5 trang × 2 bản): <strong>14.000 đồng</strong>" in page
    assert "Lệ phí: <strong>miễn</strong> — không phải nộp" in page
    assert "Nộp 14.000 đồng trực tuyến" in page


def _attach(client, draft, component):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("to-khai.pdf", samples.pdf("t"), content_type="application/pdf")
    step = reverse("portal:draft_step", args=[draft.pk, "documents"])
    response = client.post(step, {f"upload_{component.pk}": upload})
    assert response.status_code == 302, response.content.decode()


def test_the_procedure_page_shows_each_rate_and_mien(client, asked_version):
    html = client.get(reverse("portal:procedures:detail", args=["9.000003"])).content.decode()
    assert "2.000 đồng/trang; từ trang thứ 3: 1.000 đồng/trang; tối đa 200.000 đồng/bản" in html
    assert "<strong>miễn</strong>" in html and ">0 đồng" not in html
