from django.urls import path

from .evaluation import views as evaluation
from .exports import views as exports
from .index766 import views as index766
from .online_share import views as online_share
from .periodic import views as periodic
from .remittance import views as remittance

app_name = "reports"

urlpatterns = [
    path("", index766.index, name="index"),
    path("chi-so/<str:indicator_id>/", index766.indicator, name="indicator"),
    path("tinh-hinh-giai-quyet/", periodic.periodic, name="periodic"),
    path("danh-gia/", evaluation.evaluation_page, name="evaluation"),
    path("nop-truc-tuyen/", online_share.online_share_page, name="online_share"),
    path("xuat/<str:report>.<str:fmt>", exports.export, name="export"),
    path("xuat/tep/<int:export_id>/", exports.export_status, name="export_status"),
    path("xuat/tep/<int:export_id>/tai-ve", exports.export_download, name="export_download"),
    # The monthly remittance to the treasury (docs/remittance.md).
    path("nop-ngan-sach/", remittance.index, name="remittance_index"),
    path(
        "nop-ngan-sach/<str:unit>/<int:year>-<int:month>/",
        remittance.month_page,
        name="remittance_month",
    ),
    path(
        "nop-ngan-sach/<str:unit>/<int:year>-<int:month>/ghi-nop/",
        remittance.record,
        name="remittance_record",
    ),
    path(
        "nop-ngan-sach/<str:unit>/<int:year>-<int:month>/ky-xac-nhan/",
        remittance.sign,
        name="remittance_sign",
    ),
    path(
        "nop-ngan-sach/<str:unit>/<int:year>-<int:month>/bao-cao.<str:fmt>",
        remittance.export,
        name="remittance_export",
    ),
]
