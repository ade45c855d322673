"""Levels of the agency tree and the roles staff hold in a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """Level of a node in the agency tree (cấp hành chính / loại đơn vị)."""

    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    DISTRICT = "district", _("Huyện, quận, thị xã (cấp huyện, đã bãi bỏ từ 01/07/2025)")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    UNIT = "unit", _("Phòng, ban, đơn vị trực thuộc")


# Which levels may sit directly under which. Districts stay valid parents so that
# pre-2025 history can be recorded; see docs/agencies.md.
ALLOWED_PARENT_LEVELS: dict[str, set[str | None]] = {
    Level.MINISTRY: {None},
    Level.PROVINCE: {None},
    Level.DEPARTMENT: {Level.PROVINCE, Level.MINISTRY},
    Level.DISTRICT: {Level.PROVINCE},
    Level.COMMUNE: {Level.PROVINCE, Level.DISTRICT},
    Level.UNIT: {
        Level.MINISTRY,
        Level.PROVINCE,
        Level.DEPARTMENT,
        Level.DISTRICT,
        Level.COMMUNE,
        Level.UNIT,
    },
}


class Role(models.TextChoices):
    """Role of a staff member in a unit (vai trò của cán bộ, công chức)."""

    DESK_OFFICER = "desk_officer", _("Cán bộ một cửa")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo phòng")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo cơ quan")
    REGISTRY_CLERK = "registry_clerk", _("Văn thư")
    MANAGER = "manager", _("Thống kê, giám sát")
    # Keeps the unit's fee accounts: records remittances to the treasury, signs the month off.
    ACCOUNTANT = "accountant", _("Kế toán")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class EventKind(models.TextChoices):
    """What happened to an agency (lịch sử thay đổi đơn vị hành chính)."""

    CREATED = "created", _("Thành lập")
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển đơn vị cấp trên")
    MERGED = "merged", _("Sáp nhập vào đơn vị khác")
    DISSOLVED = "dissolved", _("Giải thể, chấm dứt hoạt động")
    SPLIT = "split", _("Chia tách thành các đơn vị khác")


# What a unit's open work may pass to in a reorganisation: a unit of the same level, and for an
# abolished district (01/07/2025) also the province, its departments or the communes.
SUCCESSOR_LEVELS: dict[str, set[str]] = {level: {level} for level in Level.values} | {
    Level.DISTRICT: {Level.DISTRICT, Level.PROVINCE, Level.DEPARTMENT, Level.COMMUNE}
}
