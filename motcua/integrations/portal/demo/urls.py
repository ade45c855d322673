from django.urls import path

from . import views

urlpatterns = [
    path("", views.service, name="demo-dvcqg"),
    path("token/", views.token, name="demo-dvcqg-token"),
]
