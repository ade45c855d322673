"""The one place where internal states become the 10 national status codes (TrangThaiHoSo)
synchronised to the National Public Service Portal (domain.md §4.1).

The mapping is data with an effective date: a new table is appended when the national rules
change, and a dossier's code is read from the table in force on the day asked about.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Status


class NationalStatus(models.IntegerChoices):
    """TrangThaiHoSo on DVCQG."""

    NEW = 1, _("Mới đăng ký")
    ACCEPTED = 2, _("Được tiếp nhận")
    NOT_ACCEPTED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung giấy tờ")
    FINANCIAL_OBLIGATION = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    DELIVERED = 10, _("Đã trả kết quả")


N = NationalStatus

# Drafts are never synchronised: they map to None on purpose.
# Reading to confirm (configurable here): an online dossier sent back for completion before
# acceptance is shown as 5 "Yêu cầu bổ sung giấy tờ", as the applicant sees it on DVCQG; it has
# no NgayTiepNhan, so it is not counted as received.
MAPPING_2018: dict[str, NationalStatus | None] = {
    Status.DRAFT: None,
    Status.SUBMITTED: N.NEW,
    Status.INTAKE_SUPPLEMENT: N.SUPPLEMENT_REQUESTED,
    Status.RECEIVED: N.ACCEPTED,
    Status.IN_PROGRESS: N.PROCESSING,
    Status.TRANSFERRED: N.PROCESSING,
    Status.AWAITING_APPROVAL: N.PROCESSING,
    Status.AWAITING_SUPPLEMENT: N.SUPPLEMENT_REQUESTED,
    Status.AWAITING_PAYMENT: N.FINANCIAL_OBLIGATION,
    Status.RESULT_READY: N.DONE,
    Status.RETURNED: N.DELIVERED,
    Status.REFUSED_AT_INTAKE: N.NOT_ACCEPTED,
    Status.STOPPED: N.STOPPED,
    Status.WITHDRAWN: N.WITHDRAWN,
}

# (effective from, mapping), oldest first. ND 118/2025 kept the same codes.
MAPPINGS: list[tuple[datetime.date, dict[str, NationalStatus | None]]] = [
    (datetime.date(2018, 6, 21), MAPPING_2018),
]


def mapping_on(day: datetime.date) -> dict[str, NationalStatus | None]:
    index = bisect_right([start for start, _mapping in MAPPINGS], day) - 1
    return MAPPINGS[max(index, 0)][1]


def national_status(status: str, day: datetime.date | None = None) -> NationalStatus | None:
    """The national code of an internal state on ``day`` (today's table when None)."""
    table = mapping_on(day) if day else MAPPINGS[-1][1]
    return table[Status(status)]


# The groups of the 766 dashboard (domain.md §4.1).
DONE_GROUP = frozenset({N.DONE, N.DELIVERED, N.WITHDRAWN})
PAUSED_GROUP = frozenset({N.SUPPLEMENT_REQUESTED, N.FINANCIAL_OBLIGATION, N.STOPPED})
