from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.Root.as_view(), name="root"),
    path("procedures/", views.ProcedureList.as_view(), name="procedure-list"),
    path("procedures/<str:code>/", views.ProcedureDetail.as_view(), name="procedure-detail"),
    path("agencies/", views.AgencyList.as_view(), name="agency-list"),
    path("agencies/<str:code>/", views.AgencyDetail.as_view(), name="agency-detail"),
    re_path(r"^.*$", views.Unknown.as_view(), name="unknown"),
]
