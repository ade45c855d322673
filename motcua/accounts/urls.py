from django.contrib.auth import views as auth_views
from django.urls import path

from . import registration_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.ApplicantLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path("register/", registration_views.register, name="register"),
    path("verify/", registration_views.verify, name="verify"),
    path(
        "password-reset/",
        registration_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        registration_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        registration_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        registration_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
