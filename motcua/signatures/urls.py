from django.urls import path

from . import views

app_name = "signatures"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<slug:token>/", views.issued, name="issued"),
]
