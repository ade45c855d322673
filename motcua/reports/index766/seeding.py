"""The two configurations of the 766 index known to the domain reference (domain.md §9): the
2022 split of the Decision (group 3 = 22 points over 3.1, 3.2, 3.3 and payment) and the split of
the live DVCQG dashboard (group 3 = DVCTT 12, scored only on the full-online share, + payment
10). The switch date is unconfirmed; 01/01/2024 is used (the live split is documented from week
03/2024). Administrators correct dates and points in the admin; existing rows are never changed
here."""

import datetime
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS

# (indicator, group, name, points 2022, points live, target %)
INDICATORS = [
    ("1.1", "1", "TTHC công bố đúng hạn", 6, 6, None),
    ("1.2", "1", "TTHC cập nhật, công khai đúng hạn", 4, 4, None),
    ("1.3", "1", "TTHC công khai đầy đủ các bộ phận", 2, 2, None),
    ("1.4", "1", "Hồ sơ đồng bộ lên Cổng DVCQG", 6, 6, None),
    ("2.1", "2", "Hồ sơ xử lý trước hạn, đúng hạn", 20, 20, None),
    ("2.2", "2", "Thời gian giải quyết trung bình (ngày làm việc)", 0, 0, None),
    ("3.1", "3", "TTHC cung cấp dịch vụ công trực tuyến", 2, 0, 80),
    ("3.2", "3", "DVCTT có phát sinh hồ sơ", 4, 0, 100),
    ("3.3", "3", "Hồ sơ trực tuyến", 6, 0, 50),
    ("3.4", "3", "Hồ sơ DVCTT toàn trình trên hồ sơ TTHC đủ điều kiện toàn trình", None, 12, None),
    ("3.5a", "3", "TTHC có nghĩa vụ tài chính được tích hợp thanh toán", 2, 2, 80),
    ("3.5b", "3", "TTHC có phát sinh giao dịch thanh toán trực tuyến", 2, 2, 80),
    ("3.6", "3", "Hồ sơ thanh toán trực tuyến", 6, 6, 100),
    ("4.1", "4", "Hồ sơ có kết quả điện tử", 6, 6, None),
    ("4.2", "4", "Hồ sơ số hóa", 4, 4, 80),
    ("4.3", "4", "Tái sử dụng dữ liệu số hóa", 2, 2, 80),
    ("4.4", "4", "Số hóa có kết nối, chia sẻ dữ liệu", 4, 4, None),
    ("4.5a", "4", "TTHC kết nối, sử dụng dữ liệu dân cư", 2, 2, None),
    ("4.5b", "4", "Hồ sơ sử dụng dữ liệu dân cư", 2, 2, None),
    ("4.6", "4", "Chứng thực bản sao điện tử từ bản chính", 2, 2, None),
    ("5.1", "5", "PAKN theo phân loại", 0, 0, None),
    ("5.2", "5", "PAKN xử lý đúng hạn", 6, 6, None),
    ("5.3", "5", "Hài lòng về xử lý PAKN", 6, 6, None),
    ("5.4", "5", "Hài lòng trong tiếp nhận, giải quyết TTHC", 6, 6, 90),
]
LIVE_GROUP = {"3.1": "3a", "3.2": "3a", "3.3": "3a", "3.4": "3a"}
LIVE_GROUP |= {"3.5a": "3b", "3.5b": "3b", "3.6": "3b"}

DEFAULT_SETS = [
    {
        "name": "QĐ 766/2022",
        "source": "Quyết định 766/QĐ-TTg ngày 23/06/2022; mô tả công thức tính chỉ số 766",
        "valid_from": datetime.date(2022, 8, 1),
        "valid_to": datetime.date(2023, 12, 31),
        "live": False,
    },
    {
        "name": "Bảng điều hành DVCQG",
        "source": "Điểm trên Hệ thống thông tin phục vụ chỉ đạo, điều hành (dichvucong.gov.vn)",
        "valid_from": datetime.date(2024, 1, 1),
        "valid_to": None,
        "live": True,
    },
]


def weights_of(live: bool) -> list[dict]:
    rows = []
    for order, (indicator, group, name, points_2022, points_live, target) in enumerate(
        INDICATORS, start=1
    ):
        points = points_live if live else points_2022
        if points is None:
            continue
        rows.append(
            {
                "indicator": indicator,
                "group": LIVE_GROUP.get(indicator, group) if live else group,
                "name": name,
                "max_points": Decimal(points),
                "target": None if target is None else Decimal(target),
                "order": order,
            }
        )
    return rows


def ensure_indicator_sets(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """Create the configurations that are missing, with their indicators."""
    if apps is not None:
        try:
            set_model = apps.get_model("reports", "IndicatorSet")
            weight_model = apps.get_model("reports", "IndicatorWeight")
        except LookupError:
            return
    else:
        from ..models import IndicatorSet as set_model
        from ..models import IndicatorWeight as weight_model
    for values in DEFAULT_SETS:
        fields = {k: v for k, v in values.items() if k != "live"}
        indicator_set, created = set_model.objects.using(using).get_or_create(
            name=values["name"], defaults=fields
        )
        if created:
            weight_model.objects.using(using).bulk_create(
                weight_model(indicator_set=indicator_set, **row)
                for row in weights_of(values["live"])
            )
