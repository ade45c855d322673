from django.urls import path

from . import views, views_evaluation, views_exports, views_online_share
from .remittance import views as remittance

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("chi-so/<str:indicator_id>/", views.indicator, name="indicator"),
    path("tinh-hinh-giai-quyet/", views.periodic, name="periodic"),
    path("danh-gia/", views_evaluation.evaluation_page, name="evaluation"),
    path("nop-truc-tuyen/", views_online_share.online_share_page, name="online_share"),
    path("xuat/<str:report>.<str:fmt>", views.export, name="export"),
    path("xuat/tep/<int:export_id>/", views_exports.export_status, name="export_status"),
    path("xuat/tep/<int:export_id>/tai-ve", views_exports.export_download, name="export_download"),
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
