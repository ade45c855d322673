"""The floor: a bare Django app served the same way as motcua (same gunicorn, same database),
with nothing of ours in it. ``/ok/`` answers at once; ``/pk/?id=N`` reads one row of the dossier
table by primary key. What motcua's pages cost is measured against these two."""

import os

import dj_database_url
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = __name__
USE_TZ = True
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
}


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


def pk(request):
    key = request.GET.get("id", "")
    if not key.isdigit():
        return HttpResponseBadRequest("id?")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, code, status FROM dossiers_dossier WHERE id = %s", [int(key)])
        row = cursor.fetchone()
    return HttpResponse(row[1] if row else "-", content_type="text/plain")


# The stack's balancer checks each instance at /health/ready: the floor answers it at once.
urlpatterns = [path("ok/", ok), path("pk/", pk), path("health/ready", ok)]
