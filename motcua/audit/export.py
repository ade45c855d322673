"""The audit trail for an inspector: CSV (UTF-8 with a byte-order mark, for spreadsheet programs)
or XLSX, one row per entry, times in Vietnam's time zone, the chain columns included so that a
copy can be checked against the database later."""

from __future__ import annotations

import csv
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry

FORMATS = ("csv", "xlsx")


def header() -> list[str]:
    return [
        _("Số thứ tự chuỗi"),
        _("Thời điểm"),
        _("Tài khoản"),
        _("Họ tên"),
        _("Loại"),
        _("Thao tác"),
        _("Loại đối tượng"),
        _("Mã đối tượng"),
        _("Mã hồ sơ"),
        _("Hệ thống kết nối"),
        _("Địa chỉ IP"),
        _("Trình duyệt"),
        _("Lý do"),
        _("Chi tiết"),
        _("Mã băm chuỗi"),
    ]


def row(entry: AuditEntry) -> list:
    actor = entry.actor
    data = entry.data or {}
    return [
        entry.seq,
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        actor.username if actor else "",
        actor.get_full_name() if actor else "",
        entry.get_action_display(),
        entry.verb,
        entry.object_type,
        entry.object_id,
        entry.dossier_code,
        data.get("api_client_name") or data.get("api_client") or "",
        entry.ip,
        entry.user_agent,
        entry.reason,
        json.dumps(data, ensure_ascii=False, sort_keys=True) if data else "",
        entry.hash,
    ]


def write_csv(entries, stream) -> int:
    """Write ``entries`` to the text ``stream``; the number of entries written."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(header())
    count = 0
    for entry in entries:
        writer.writerow(["" if value is None else value for value in row(entry)])
        count += 1
    return count


def write_xlsx(entries, stream) -> int:
    """Write ``entries`` to the binary ``stream`` (a write-only workbook: memory stays flat)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Nhật ký"))
    sheet.append(header())
    count = 0
    for entry in entries:
        sheet.append(row(entry))
        count += 1
    book.save(stream)
    return count
