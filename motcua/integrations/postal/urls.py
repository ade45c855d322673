"""motcua's postal routes under ``/integrations/postal/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("callback/<str:operator>/", views.callback, name="postal_callback"),
    path("dossiers/<str:code>/order/", views.request_delivery, name="postal_request"),
    path("dossiers/<str:code>/orders/<int:order_id>/retry/", views.retry, name="postal_retry"),
]
