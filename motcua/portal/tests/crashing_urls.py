"""The site's URLs plus one view that crashes, to see the 500 page end to end."""

from django.urls import path

from motcua.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def crash(request):
    raise RuntimeError("a deliberate crash for the 500 page test")


urlpatterns = [*urlpatterns, path("crash/", crash)]
