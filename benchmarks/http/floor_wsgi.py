"""WSGI entry point of the floor app (gunicorn floor_wsgi, run from benchmarks/http/)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "floor_settings")

application = get_wsgi_application()
