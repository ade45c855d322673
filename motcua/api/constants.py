"""What an API client may be granted (phạm vi quyền của hệ thống kết nối)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """OAuth2 scopes of API v1. A client gets only those it was granted."""

    CATALOG_READ = "catalog:read", _("Đọc danh mục thủ tục, cơ quan")
    DOSSIERS_READ = "dossiers:read", _("Đọc hồ sơ, tải giấy tờ của các cơ quan được gắn")
    DOSSIERS_WRITE = "dossiers:write", _("Tạo, xử lý hồ sơ của các cơ quan được gắn")
    REPORTS_READ = "reports:read", _("Đọc báo cáo, chỉ số 766 của các cơ quan được gắn")


# The channels a dossier created over the API may come in by (kênh tiếp nhận): handed in at
# the desk or by post; an online submission is the applicant's own act.
INTAKE_CHANNELS = [("direct", _("Trực tiếp")), ("postal", _("Qua dịch vụ bưu chính công ích"))]
