"""URLs of the national-systems integrations: the demo twins (under ``demo/``) and callbacks.
Each system adds its own ``include`` here."""

from django.urls import include, path

app_name = "integrations"
urlpatterns: list = [
    path("demo/dvcqg/", include("motcua.integrations.portal.demo.urls")),
    path("postal/", include("motcua.integrations.postal.urls")),
    path("demo/post/", include("motcua.integrations.postal.contrib.demo.urls")),
    path("demo/population/", include("motcua.integrations.population.contrib.demo.urls")),
]
