from django.urls import path

from . import procedures

app_name = "procedures"

urlpatterns = [
    path("", procedures.index, name="index"),
    path("<str:code>/", procedures.detail, name="detail"),
    path("<str:code>/forms/<int:form_id>/", procedures.download_form, name="form"),
]
