"""WSGI entry point (gunicorn motcua.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

application = get_wsgi_application()

# The URLconf, and with it every app's admin module (motcua/siteadmin/discovery.py), loaded as the
# server starts, not by a worker's first request (a command that serves nothing skips both).
get_resolver().url_patterns  # noqa: B018
