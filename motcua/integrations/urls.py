"""URLs of the national-systems integrations: the demo twins (under ``demo/``) and callbacks.
Each system adds its own ``include`` here."""

from django.urls import path  # noqa: F401 (used as systems add their routes)

app_name = "integrations"
urlpatterns: list = []
