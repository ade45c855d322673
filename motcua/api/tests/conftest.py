"""A small public catalogue for the API tests, made through the catalogue services:

- 1.000100 "Đăng ký khai sinh" (field HT, commune, fully online): version 1 from 2025-07-01 with
  a charge of 8.000 đồng, replaced on 2026-01-01 by version 2 where the charge is waived
  ("miễn") and extracts cost 8.000 đồng a copy, counted from the form's field ``so_ban``;
- 2.000200 "Chứng thực bản sao từ bản chính" (field CT, commune, partly online): 2.000 đồng a
  page, 1.000 đồng from the third page, at most 200.000 đồng a copy;
- 3.000300 "Cấp giấy phép xây dựng" (province, not online): published for 2030 only.
"""

import copy
import datetime

import pytest
from django.core.cache import cache

from motcua.catalog.tests import factories

BIRTH_FORM = [
    {"name": "ho_ten_tre", "label": "Họ, chữ đệm, tên của trẻ", "kind": "text", "required": True},
    {
        "name": "ngay_sinh",
        "label": "Ngày sinh của trẻ",
        "kind": "date",
        "required": True,
        "not_after": "today",
    },
    {"name": "so_ban", "label": "Số bản trích lục", "kind": "integer", "required": True, "min": 1},
]


def _with_fees(fee_lines: list[dict], channels=("direct", "online")) -> dict:
    data = factories.parts(channels=channels)
    for channel in data["channels"]:
        channel["fee_lines"] = copy.deepcopy(fee_lines)
    return data


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(db):
    civil = factories.field("HT", "Hộ tịch")
    copies = factories.field("CT", "Chứng thực")
    factories.published(
        "1.000100",
        name="Đăng ký khai sinh",
        field=civil,
        parts_data=_with_fees([{"name": "Lệ phí", "amount": 8000, "stage": "at_receipt"}]),
    )
    factories.published(
        "1.000100",
        name="Đăng ký khai sinh",
        field=civil,
        valid_from=datetime.date(2026, 1, 1),
        form_fields=BIRTH_FORM,
        parts_data=_with_fees(
            [
                {"name": "Lệ phí", "amount": 0, "stage": "at_receipt"},
                {
                    "name": "Phí cấp bản sao trích lục",
                    "kind": "fee",
                    "amount": 8000,
                    "basis": "per_copy",
                    "quantity_field": "so_ban",
                    "stage": "at_return",
                },
            ]
        ),
    )
    factories.published(
        "2.000200",
        name="Chứng thực bản sao từ bản chính",
        field=copies,
        online_level="partial",
        parts_data=_with_fees(
            [
                {
                    "name": "Phí chứng thực",
                    "kind": "fee",
                    "amount": 2000,
                    "basis": "per_page",
                    "tier_from": 3,
                    "tier_amount": 1000,
                    "maximum": 200000,
                    "stage": "at_receipt",
                }
            ]
        ),
    )
    factories.published(
        "3.000300",
        name="Cấp giấy phép xây dựng",
        field=factories.field("XD", "Xây dựng"),
        level="province",
        online_level="none",
        parts_data=factories.parts(channels=("direct",)),
        valid_from=datetime.date(2030, 1, 1),
    )
