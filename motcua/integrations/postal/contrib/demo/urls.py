"""The demo postal operator's API, mounted at ``/integrations/demo/post/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.create_order, name="demo_post_create"),
    path("orders/<str:code>/", views.order_status, name="demo_post_status"),
    path("orders/<str:code>/cancel/", views.cancel_order, name="demo_post_cancel"),
]
