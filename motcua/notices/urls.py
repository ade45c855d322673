from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("<str:code>/<slug:form_key>/", views.document, name="document"),
]
