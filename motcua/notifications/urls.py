"""The deliveries of a dossier also render inside the portal and back-office dossier pages:
``{% load notifications %}{% dossier_deliveries dossier %}``."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("dossiers/<str:code>/", views.dossier_deliveries, name="dossier"),
]
