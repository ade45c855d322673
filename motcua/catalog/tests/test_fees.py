"""Fee lines that follow the request: the counting rule (fixed, per copy, per page of each copy,
per item, with a lower rate from some unit on and a cap), how it reads, where it is checked
(catalogue file with paths, administration, publication) and that it travels in the file."""

from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import make_officer
from motcua.catalog import fees, services
from motcua.catalog.constants import FeeBasis, Quantity
from motcua.catalog.models import FeeLine, ProcedureVersion
from motcua.catalog.tests import factories

from .test_interchange import problems, small_file

COPY_CERTIFICATION = {
    "name": "Phí chứng thực bản sao từ bản chính",
    "amount": Decimal(2000),
    "basis": FeeBasis.PER_PAGE,
    "tier_from": 3,
    "tier_amount": Decimal(1000),
    "maximum": Decimal(200000),
}
COPIES_FIELD = {"name": "so_ban", "label": "Số bản", "kind": "integer", "required": True, "min": 1}


def test_a_fixed_line_costs_its_amount_whatever_was_asked():
    line = {"name": "Lệ phí", "amount": Decimal(50000)}
    assert fees.total(line, {Quantity.COPIES: 7}) == 50000
    assert fees.rate_text(line) == "50.000 đồng"


def test_per_copy_multiplies_by_the_copies_asked():
    line = {"name": "Phí cấp bản sao trích lục", "amount": Decimal(8000), "basis": "per_copy"}
    assert fees.total(line, {Quantity.COPIES: 3}) == 24000
    assert fees.rate_text(line) == "8.000 đồng/bản"


@pytest.mark.parametrize(
    ("pages", "copies", "expected"),
    [
        (1, 1, 2000),
        (2, 1, 4000),
        (5, 1, 7000),  # 2 × 2.000 + 3 × 1.000 (TT 226/2016 Art. 4)
        (5, 2, 14000),  # the tier and the cap apply to each copy
        (300, 1, 200000),  # 4.000 + 298.000 capped at 200.000 per copy
        (300, 3, 600000),
    ],
)
def test_per_page_is_tiered_and_capped_per_copy_then_times_the_copies(pages, copies, expected):
    counts = {Quantity.PAGES: pages, Quantity.COPIES: copies}
    assert fees.total(COPY_CERTIFICATION, counts) == expected


def test_the_rate_reads_as_published():
    assert fees.rate_text(COPY_CERTIFICATION) == (
        "2.000 đồng/trang; từ trang thứ 3: 1.000 đồng/trang; tối đa 200.000 đồng/bản"
    )
    item = {"name": "Phí chứng thực chữ ký", "amount": 10000, "basis": "per_item"}
    assert fees.rate_text(item) == "10.000 đồng/trường hợp"


def test_a_waived_line_reads_mien_never_zero_dong():
    assert fees.rate_text({"name": "Lệ phí hộ tịch", "amount": 0}) == "miễn"
    assert fees.rate_text({"name": "Phí", "amount": 0, "basis": "per_copy"}) == "miễn"
    assert fees.money_text(Decimal(0)) == "miễn"
    assert fees.money_text(Decimal(150000)) == "150.000 đồng"


def test_quantities_come_from_what_was_asked_then_from_the_form_field():
    line = {"name": "Phí", "amount": 8000, "basis": "per_copy", "quantity_field": "so_ban"}
    assert fees.resolve(line, {Quantity.COPIES: 2}, {"so_ban": 5}) == {Quantity.COPIES: 2}
    assert fees.resolve(line, {}, {"so_ban": 5}) == {Quantity.COPIES: 5}
    with pytest.raises(fees.QuantityMissing, match="trường “so_ban”"):
        fees.resolve(line, {}, {"so_ban": 0})
    with pytest.raises(fees.QuantityMissing, match="Chưa nhập số trang"):
        fees.resolve(COPY_CERTIFICATION, {Quantity.COPIES: 1}, {})


def test_what_to_ask_where_the_form_is_shown_and_at_the_desk():
    by_field = {"name": "A", "amount": 1, "basis": "per_copy", "quantity_field": "so_ban"}
    lines = [by_field, COPY_CERTIFICATION]
    assert fees.to_ask(lines, form_fields_shown=True) == [Quantity.COPIES, Quantity.PAGES]
    assert fees.to_ask([by_field], form_fields_shown=True) == []
    assert fees.to_ask([by_field], form_fields_shown=False) == [Quantity.COPIES]
    assert fees.question_label(Quantity.PAGES, lines) == "Số trang của mỗi bản"


def _with_fee(line, form_fields=()):
    data = small_file(form_fields=list(form_fields))
    data["procedures"][0]["versions"][0]["channels"][1]["fee_lines"] = [line]
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "form_fields", "attribute", "message"),
    [
        (
            {"name": "Phí", "amount": 8000, "basis": "per_copy", "quantity_field": "so_ban"},
            [],
            "quantity_field",
            "tờ khai không có trường “so_ban”",
        ),
        (
            {"name": "Phí", "amount": 8000, "basis": "per_copy", "quantity_field": "so_ban"},
            [COPIES_FIELD | {"required": False}],
            "quantity_field",
            "phải là trường số nguyên, bắt buộc",
        ),
        (
            {"name": "Phí", "amount": 8000, "basis": "per_copy", "copies_field": "so_ban"},
            [COPIES_FIELD],
            "copies_field",
            "chỉ dùng khi tính theo trang",
        ),
        ({"name": "Phí", "amount": 8000, "unit": "bản"}, [], "unit", "chỉ dùng khi tính theo"),
        (
            {"name": "Phí", "amount": 2000, "basis": "per_page", "tier_from": 3},
            [],
            "tier_amount",
            "phải ghi cả đơn vị bắt đầu và mức thu",
        ),
        (
            {"name": "Phí", "amount": 2000, "basis": "per_page", "maximum": 1000},
            [],
            "maximum",
            "không được nhỏ hơn mức thu một đơn vị",
        ),
        (
            {"name": "Phí", "amount": 2000, "basis": "per_sheet"},
            [],
            "basis",
            "giá trị 'per_sheet' không hợp lệ",
        ),
    ],
)
def test_a_bad_counting_rule_is_refused_with_its_path(line, form_fields, attribute, message):
    found = problems(_with_fee(line, form_fields))
    path = f"procedures[0].versions[0].channels[1].fee_lines[0].{attribute}"
    assert any(p == path and message in m for p, m in found), found
    assert ProcedureVersion.objects.count() == 0


@pytest.mark.django_db
def test_the_counting_rule_goes_out_in_the_file_and_comes_back():
    data = _with_fee(COPY_CERTIFICATION | {"copies_field": "so_ban"}, [COPIES_FIELD])
    data["procedures"][0]["versions"][0]["channels"][1]["fee_lines"][0].update(
        amount=2000, tier_amount=1000, maximum=200000
    )
    services.import_catalogue(data)
    line = FeeLine.objects.get(term__channel="online")
    assert (line.basis, line.tier_from, line.tier_amount, line.maximum) == (
        FeeBasis.PER_PAGE,
        3,
        1000,
        200000,
    )
    exported = services.export_catalogue()
    out = exported["procedures"][0]["versions"][0]["channels"][1]["fee_lines"][0]
    assert out["basis"] == "per_page" and out["copies_field"] == "so_ban"
    assert (out["tier_from"], out["tier_amount"], out["maximum"]) == (3, 1000, 200000)
    assert services.import_catalogue(exported).unchanged == 1


@pytest.mark.django_db
def test_publication_rechecks_the_field_a_line_counts_by(people):
    draft = factories.draft("1.001193")
    services.update_draft(draft, actor=people.manager, form_fields=[COPIES_FIELD])
    line = FeeLine.objects.filter(term__version=draft).first()
    FeeLine.objects.filter(pk=line.pk).update(
        amount=8000, basis=FeeBasis.PER_COPY, quantity_field="so_ban"
    )
    assert not [p for p in services.validate_version(draft) if "so_ban" in p]
    services.update_draft(draft, actor=people.manager, form_fields=[])
    found = services.validate_version(draft)
    assert any("khoản “Lệ phí”: tờ khai không có trường “so_ban”" in p for p in found), found


@pytest.mark.django_db
def test_the_administration_edits_the_rule_and_shows_its_faults(client):
    client.force_login(make_officer("Quản trị", is_superuser=True))
    draft = factories.draft("1.001193")
    term = draft.channels.get(channel="direct")
    url = reverse("admin:catalog_channelterm_change", args=[term.pk])
    page = client.get(url)
    formset = page.context["inline_admin_formsets"][0].formset
    prefix = formset.forms[0].prefix
    html = page.content.decode()
    for name in ("basis", "unit", "quantity_field", "copies_field", "tier_from", "maximum"):
        assert f'name="{prefix}-{name}"' in html
    data = {
        "channel": "direct",
        "processing_amount": "1",
        "processing_unit": "working_days",
        f"{formset.prefix}-TOTAL_FORMS": "1",
        f"{formset.prefix}-INITIAL_FORMS": "1",
        f"{prefix}-id": str(formset.forms[0].instance.pk),
        f"{prefix}-term": str(term.pk),
        f"{prefix}-order": "1",
        f"{prefix}-name": "Phí cấp bản sao",
        f"{prefix}-kind": "fee",
        f"{prefix}-amount": "8000",
        f"{prefix}-basis": "per_copy",
        f"{prefix}-quantity_field": "so_ban",
        f"{prefix}-stage": "at_receipt",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "tờ khai không có trường “so_ban”" in response.content.decode()
    data[f"{prefix}-quantity_field"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    line = term.fee_lines.get()
    assert (line.basis, line.amount, str(line)) == (
        "per_copy",
        8000,
        "Phí cấp bản sao: 8.000 đồng/bản",
    )
