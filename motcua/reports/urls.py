from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("chi-so/<str:indicator_id>/", views.indicator, name="indicator"),
    path("tinh-hinh-giai-quyet/", views.periodic, name="periodic"),
    path("xuat/<str:report>.<str:fmt>", views.export, name="export"),
]
