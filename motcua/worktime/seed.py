"""Government-announced swaps of working days and dates still to be confirmed, 2025–2027.

This is data, copied into the calendar rows when a year is materialised; administrators
correct the rows, not this file. Only swaps whose announcement is known are listed; see
docs/worktime.md for what is still to confirm.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

date = datetime.date


@dataclass(frozen=True, slots=True)
class Swap:
    """A working day given off (nghỉ) in exchange for a weekend day worked (làm bù)."""

    day_off: datetime.date
    makeup_day: datetime.date
    occasion: str
    legal_basis: str


SWAPS: tuple[Swap, ...] = (
    Swap(
        day_off=date(2025, 5, 2),
        makeup_day=date(2025, 4, 26),
        occasion="dịp 30/4 – 1/5/2025",
        legal_basis=(
            "Thủ tướng Chính phủ đồng ý hoán đổi ngày làm việc thứ Sáu 02/5/2025 sang thứ Bảy "
            "26/4/2025 đối với cán bộ, công chức, viên chức (số hiệu văn bản: cần xác nhận)."
        ),
    ),
    Swap(
        day_off=date(2026, 1, 2),
        makeup_day=date(2026, 1, 10),
        occasion="Tết Dương lịch 2026",
        legal_basis=(
            "Chính phủ đồng ý ngày 25/12/2025 hoán đổi ngày làm việc thứ Sáu 02/01/2026 sang "
            "thứ Bảy 10/01/2026; Bộ Nội vụ thông báo cùng ngày (số hiệu văn bản: cần xác nhận)."
        ),
    ),
    Swap(
        day_off=date(2026, 8, 31),
        makeup_day=date(2026, 8, 22),
        occasion="Quốc khánh 2/9/2026",
        legal_basis=(
            "Thủ tướng Chính phủ đồng ý phương án nghỉ lễ Quốc khánh 2026 do Bộ Nội vụ đề xuất: "
            "nghỉ thứ Hai 31/8/2026, làm bù thứ Bảy 22/8/2026 (số hiệu văn bản: cần xác nhận)."
        ),
    ),
)

_TET_2027 = (
    "Lịch nghỉ Tết Âm lịch 2027 do Thủ tướng Chính phủ quyết định hằng năm; ngày này là ước "
    "tính theo Bộ luật Lao động của thư viện holidays, cần xác nhận khi có thông báo."
)
_CULTURE_DAY = (
    "Ngày Văn hóa Việt Nam 24/11 (Nghị quyết 80-NQ/TW): cần xác nhận văn bản sửa đổi Điều 112 "
    "Bộ luật Lao động có hiệu lực cho năm này."
)

# Days off that the holidays package gives but that no announcement in hand confirms yet.
UNCONFIRMED: dict[datetime.date, str] = {
    date(2026, 11, 24): _CULTURE_DAY,
    date(2027, 11, 24): _CULTURE_DAY,
    **{date(2027, 2, day): _TET_2027 for day in range(4, 11)},
    date(2027, 9, 3): (
        "Ngày nghỉ liền kề Quốc khánh 2/9/2027 do Thủ tướng Chính phủ quyết định hằng năm; "
        "thư viện holidays chọn thứ Sáu 03/9/2027, cần xác nhận."
    ),
}

# Years whose announced swaps above are complete enough to seed (materialised after migrate).
SEEDED_YEARS = (2025, 2026, 2027)
