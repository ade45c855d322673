"""The people the demo register knows: the demo citizens who have accounts (``motcua.demo``,
same numbers, names and birth dates, with their register data) and a few who have none, so a
walk-in applicant can be found too."""

from __future__ import annotations

import datetime

from ...constants import FEMALE, MALE

# personal id -> what the register adds to the demo account's name and birth date
_WITH_ACCOUNTS = {
    "068080001234": (
        MALE,
        "12 Trần Phú, Phường Xuân Hương - Đà Lạt, Tỉnh Lâm Đồng",
        "Xã Đức Trọng, Tỉnh Lâm Đồng",
        "Kinh",
    ),
    "068192004567": (
        FEMALE,
        "5 Hùng Vương, Phường Cam Ly - Đà Lạt, Tỉnh Lâm Đồng",
        "Phường Phan Thiết, Tỉnh Lâm Đồng",
        "Kinh",
    ),
    "068055007890": (
        MALE,
        "Thôn 3, Xã Đức Trọng, Tỉnh Lâm Đồng",
        "Xã Đức Trọng, Tỉnh Lâm Đồng",
        "Kinh",
    ),
    "060201002345": (
        FEMALE,
        "20 Nguyễn Tất Thành, Phường Phan Thiết, Tỉnh Lâm Đồng",
        "Phường Phan Thiết, Tỉnh Lâm Đồng",
        "Chăm",
    ),
}

# People without an account: id, name, birth date, sex, residence, origin, ethnicity
_OTHERS = [
    (
        "068187003311",
        "Ka Thị Hoa",
        datetime.date(1987, 2, 14),
        FEMALE,
        "Thôn Ka Đơn, Xã Đơn Dương, Tỉnh Lâm Đồng",
        "Xã Đơn Dương, Tỉnh Lâm Đồng",
        "Cơ Ho",
    ),
    (
        "068070005522",
        "Đỗ Minh Khang",
        datetime.date(1970, 12, 1),
        MALE,
        "88 Phan Đình Phùng, Phường Xuân Hương - Đà Lạt, Tỉnh Lâm Đồng",
        "Tỉnh Nam Định",
        "Kinh",
    ),
    (
        "068199008844",
        "Hoàng Thị Lan",
        datetime.date(1999, 7, 21),
        FEMALE,
        "Tổ 4, Phường Bảo Lộc 1, Tỉnh Lâm Đồng",
        "Tỉnh Nghệ An",
        "Kinh",
    ),
]


def everyone() -> dict[str, dict]:
    """id -> the register's record, as the twin answers it (CongDan)."""
    from motcua.demo.province import CITIZENS  # the demo data: imported only by the twin

    records = {}
    for personal_id, name, born, _phone, _email, _address, _vneid in CITIZENS:
        sex, residence, origin, ethnicity = _WITH_ACCOUNTS[personal_id]
        records[personal_id] = _record(personal_id, name, born, sex, residence, origin, ethnicity)
    for row in _OTHERS:
        records[row[0]] = _record(*row)
    return records


def _record(personal_id, name, born, sex, residence, origin, ethnicity) -> dict:
    return {
        "SoDinhDanh": personal_id,
        "HoVaTen": name,
        "NgaySinh": born.isoformat(),
        "GioiTinh": {MALE: "NAM", FEMALE: "NU"}[sex],
        "NoiThuongTru": residence,
        "QueQuan": origin,
        "DanToc": ethnicity,
    }
