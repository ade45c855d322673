"""The names of audited reads, as a citizen reads them on "who opened my dossier"."""

from django.utils.translation import gettext_lazy as _

READ_VERBS = {
    "view_dossier": _("Xem hồ sơ"),
    "view_file": _("Mở giấy tờ trong hồ sơ"),
    "view_notifications": _("Xem các thông báo đã gửi"),
    "view_notice": _("Mở văn bản, phiếu của hồ sơ"),
    "view_applicant": _("Tra cứu thông tin người nộp"),
    "api_view_dossier": _("Hệ thống kết nối đọc hồ sơ"),
    "api_download_document": _("Hệ thống kết nối tải giấy tờ"),
}
