from django.urls import path

from . import views
from .contrib.demo import views as demo_views

app_name = "payments"

urlpatterns = [
    path("dossiers/<str:code>/pay/", views.pay, name="pay"),
    path("dossiers/<str:code>/cash/", views.cash, name="cash"),
    path("transactions/<int:pk>/", views.transaction_detail, name="transaction"),
    path("transactions/<int:pk>/receipt.pdf", views.receipt, name="receipt"),
    path("return/<slug:gateway>/", views.gateway_return, name="return"),
    path("ipn/<slug:gateway>/", views.gateway_notification, name="ipn"),
    path("demo-gateway/pay/", demo_views.pay, name="demo_pay"),
]
