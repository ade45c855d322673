from django.urls import path

from . import views
from .contrib.demo import views as demo_views
from .contrib.dvcqg import views as paygov_views

app_name = "payments"

urlpatterns = [
    path("dossiers/<str:code>/pay/", views.pay, name="pay"),
    path("dossiers/<str:code>/cash/", views.cash, name="cash"),
    path("transactions/<int:pk>/", views.transaction_detail, name="transaction"),
    path("transactions/<int:pk>/receipt.pdf", views.receipt, name="receipt"),
    path("return/<slug:gateway>/", views.gateway_return, name="return"),
    path("ipn/<slug:gateway>/", views.gateway_notification, name="ipn"),
    path("demo-gateway/pay/", demo_views.pay, name="demo_pay"),
    # The demo national payment platform (its API and the payer's page).
    path("demo-paygov/api/payment-requests", paygov_views.api_request, name="paygov_request"),
    path("demo-paygov/api/payments/<str:code>", paygov_views.api_lookup, name="paygov_lookup"),
    path("demo-paygov/pay/<str:code>/", paygov_views.pay, name="paygov_pay"),
]
