"""What the agencies issue, where the applicant looks: the dossier page links the Giấy tiếp nhận
(Form 01) and every fee receipt; the personal data store holds what was issued to the applicant
with who issued it, and never an internal form (the control slip); every download is named for
what it is."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from motcua.documents.models import StoredFile
from motcua.documents.services import store_file
from motcua.dossiers import services
from motcua.notices import services as notices
from motcua.notices.constants import FormKey
from motcua.payments.services import record_cash_payment
from motcua.signatures.tests.fixtures import _isolated_files, signing_var_dir  # noqa: F401

pytestmark = pytest.mark.django_db


def _disposition(response) -> str:
    return response["Content-Disposition"]


def test_the_dossier_page_links_form_01_and_every_fee_receipt(
    as_user, client, people, file_online, officers
):
    dossier = officers.accept(file_online())
    txn = record_cash_payment(dossier, actor=people.desk_x)
    form_01 = reverse("notices:document", args=[dossier.code, FormKey.RECEIPT])
    receipt = reverse("payments:receipt", args=[txn.pk])
    before = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code]))
    assert form_01 not in before.content.decode()  # not issued yet: no link to a blank page
    notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    html = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code]))
    html = html.content.decode()
    assert f'<a href="{form_01}">Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)</a>' in html
    fee_line = html[html.index('<ul class="fee-lines">') :]
    fee_line = fee_line[: fee_line.index("</ul>")]
    assert f'<a href="{receipt}">biên lai điện tử {txn.receipt_number} (PDF)</a>' in fee_line
    opened = client.get(form_01)
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    assert _disposition(opened) == (
        f'inline; filename="{dossier.code}-giay-tiep-nhan-ho-so-va-hen-tra-ket-qua.pdf"'
    )
    assert client.get(receipt).status_code == 200
    for url in (form_01, receipt):
        assert as_user(people.citizen_b).get(url).status_code == 404, url
    client.logout()
    for url in (form_01, receipt):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_before_receipt_there_is_no_form_01_to_link(as_user, people, file_online):
    dossier = file_online()
    html = as_user(people.citizen_a).get(reverse("portal:dossier", args=[dossier.code]))
    assert "notices/" not in html.content.decode()


def test_the_control_slip_never_reaches_the_applicant(as_user, people, file_online, officers):
    dossier = officers.accept(file_online())
    slip = notices.issue_notice(dossier, FormKey.CONTROL_SLIP, actor=people.desk_x)
    form_01 = notices.issue_notice(dossier, FormKey.RECEIPT, actor=people.desk_x)
    assert slip.file.owner is None and form_01.file.owner == people.citizen_a
    client = as_user(people.citizen_a)
    url = reverse("notices:document", args=[dossier.code, FormKey.CONTROL_SLIP])
    assert client.get(url).status_code == 404
    assert client.get(reverse("portal:store_file", args=[slip.file_id])).status_code == 404
    store = client.get(reverse("portal:store")).content.decode()
    assert "kiem-soat" not in store and "Phiếu kiểm soát" not in store
    assert f"{dossier.code}-giay-tiep-nhan-ho-so-va-hen-tra-ket-qua.pdf" in store
    assert (
        f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ {dossier.code}, do Xã Thử X cấp ngày"
    ) in store
    assert "Bạn đã tải lên ngày" in store  # the form the applicant uploaded stays theirs
    # The officers keep their slip.
    assert as_user(people.desk_x).get(url).status_code == 200


def test_a_control_slip_stored_before_leaves_the_store(as_user, people, file_online, officers):
    dossier = officers.accept(file_online())
    slip = notices.issue_notice(dossier, FormKey.CONTROL_SLIP, actor=people.desk_x)
    # As issued before internal forms were kept out: owned by the applicant.
    StoredFile.objects.filter(pk=slip.file_id).update(owner=people.citizen_a)
    client = as_user(people.citizen_a)
    assert client.get(reverse("portal:store_file", args=[slip.file_id])).status_code == 404
    migration = importlib.import_module(
        "motcua.notices.migrations.0001_internal_forms_out_of_personal_stores"
    )
    migration.forward(apps, None)
    assert StoredFile.objects.get(pk=slip.file_id).owner is None


def test_the_result_is_downloaded_under_a_name_that_says_what_it_is(
    as_user, people, file_online, officers
):
    dossier = officers.accept(file_online(delivery="online"))
    dossier = services.complete_step(dossier, actor=people.specialist_x)
    dossier = services.approve(dossier, actor=people.leader_x)
    signed = store_file(b"%PDF-1.4 result", name="duthao-ky-so.pdf", content_type="application/pdf")
    dossier = services.record_result(
        dossier, actor=people.leader_x, document_number="12/GCN", file=signed
    )
    result = dossier.results.get()
    wanted = f'filename="{result.code}-giay-chung-nhan-thu-nghiem.pdf"'
    assert result.code == f"{dossier.code}-KQ1"
    client = as_user(people.citizen_a)
    for url in (
        reverse("portal:dossier_file", args=[dossier.code, result.file_id]),
        reverse("portal:store_file", args=[result.file_id]),
    ):
        assert _disposition(client.get(url)).endswith(wanted), url
    store = client.get(reverse("portal:store")).content.decode()
    assert f"{result.code}-giay-chung-nhan-thu-nghiem.pdf" in store and "duthao" not in store
    assert f"Kết quả {result.code} của hồ sơ {dossier.code}, do Xã Thử X cấp ngày" in store
    officer = as_user(people.desk_x).get(
        reverse("backoffice:file", args=[dossier.code, result.file_id])
    )
    assert _disposition(officer).endswith(wanted)
