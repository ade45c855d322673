"""Fees at the desk and on the officer's dossier page: the intake form asks the pages and copies a
per-page fee counts by and takes the computed total in cash; the fee row reads "miễn" for a
waived line (never offered for cash), shows what was asked and links its e-receipt, which only
those who see the dossier can open."""

import pytest
from django.urls import reverse

from motcua.catalog.models import FeeLine
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import copy_component, copy_version  # noqa: F401
from motcua.payments.models import Transaction

from .conftest import freeze_time, vn

pytestmark = pytest.mark.django_db


def _url(version):
    return reverse("backoffice:intake_form", args=[version.pk])


def _data(tree, component, **overrides):
    data = {
        "receiving_unit": tree.commune_x.pk,
        "resolving_agency": tree.commune_x.pk,
        "channel": "direct",
        "applicant_kind": "citizen",
        "applicant_name": "Nguyễn Văn An",
        "id_number": "",
        "phone": "0912345678",
        "delivery": "desk",
        "idempotency_key": "intake-copies-1",
        f"c{component.pk}_originals": "1",
        "decision": "receive",
    }
    return data | overrides


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_the_intake_form_asks_pages_and_copies_and_never_offers_a_waived_line(
    as_user,
    people,
    copy_version,  # noqa: F811
):
    html = as_user(people.desk_x).get(_url(copy_version)).content.decode()
    # The desk types the application form with the applicant: pages and copies are asked once,
    # as the form's own fields the fee line reads, never again as separate quantities.
    assert 'name="answer_so_trang"' in html and 'name="answer_so_ban"' in html
    assert 'name="qty_pages"' not in html and 'name="qty_copies"' not in html
    assert "Phí chứng thực bản sao: 2.000 đồng/trang; từ trang thứ 3: 1.000 đồng/trang" in html
    assert "Lệ phí: miễn" in html
    assert 'name="collect_fees"' in html
    help_text = html[html.index('id="collect-fees-help"') :]
    help_text = help_text[: help_text.index("</p>")]
    assert "Phí chứng thực bản sao" in help_text and "Lệ phí" not in help_text


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_a_missing_quantity_keeps_the_form_and_receives_nothing(
    as_user,
    people,
    tree,
    copy_version,  # noqa: F811
    copy_component,  # noqa: F811
):
    client = as_user(people.desk_x)
    response = client.post(_url(copy_version), _data(tree, copy_component, answer_so_ban="2"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chưa nhập “Số trang”" in html and 'name="answer_so_ban" value="2"' in html
    assert 'value="Nguyễn Văn An"' in html and not Dossier.objects.exists()


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_received_with_cash_the_page_shows_quantities_mien_and_the_receipt(
    as_user,
    people,
    tree,
    copy_version,  # noqa: F811
    copy_component,  # noqa: F811
):
    client = as_user(people.desk_x)
    data = _data(tree, copy_component, answer_so_trang="5", answer_so_ban="2", collect_fees="on")
    response = client.post(_url(copy_version), data)
    assert response.status_code == 302, response.content.decode()
    dossier = Dossier.objects.get()
    txn = Transaction.objects.get(dossier=dossier)
    assert txn.amount == 14000
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    fees = page[page.index('id="h-fees"') : page.index("</section>", page.index('id="h-fees"'))]
    receipt = reverse("payments:receipt", args=[txn.pk])
    assert "5 trang × 2 bản" in fees and "14.000 đồng" in fees
    assert f'<a href="{receipt}">Biên lai {txn.receipt_number} (PDF)</a>' in fees
    assert '<td data-label="Số tiền">miễn</td>' in fees and "Không phải nộp" in fees
    # Everything payable is paid; the waived line alone never brings the cash button back.
    assert "Thu tiền mặt, in biên lai" not in fees
    assert client.get(receipt).status_code == 200
    assert as_user(people.desk_y).get(receipt).status_code == 404
    assert as_user(people.citizen_b).get(receipt).status_code == 404


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_unpaid_lines_offer_cash_and_no_receipt_yet(
    as_user,
    people,
    tree,
    copy_version,  # noqa: F811
    copy_component,  # noqa: F811
):
    client = as_user(people.desk_x)
    data = _data(tree, copy_component, answer_so_trang="1", answer_so_ban="1")
    assert client.post(_url(copy_version), data).status_code == 302
    dossier = Dossier.objects.get()
    page = client.get(reverse("backoffice:dossier", args=[dossier.code])).content.decode()
    assert "Thu tiền mặt, in biên lai" in page and "Chưa nộp" in page and "Biên lai BL" not in page


@freeze_time(vn(2026, 3, 2, 9, 0))
def test_without_a_form_field_the_desk_asks_each_quantity_and_says_what_it_counts(
    as_user,
    people,
    copy_version,  # noqa: F811
):
    copy_version.form_fields = []
    copy_version.save(update_fields=["form_fields"])
    FeeLine.objects.filter(term__version=copy_version).update(quantity_field="", copies_field="")
    html = as_user(people.desk_x).get(_url(copy_version)).content.decode()
    assert 'name="qty_pages"' in html and 'name="qty_copies"' in html
    help_text = html[html.index('id="id_qty_pages_helptext"') :]
    help_text = help_text[: help_text.index("</p>")]
    assert "Để tính: Phí chứng thực bản sao (2.000 đồng/trang" in help_text
    assert 'aria-describedby="id_qty_pages_helptext"' in html
