from django.urls import path

from . import views, views_boundary

app_name = "notices"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("boundary-free/", views_boundary.boundary_free, name="boundary_free"),
    path("<str:code>/<slug:form_key>/", views.document, name="document"),
]
