from django.urls import path

from . import views, views_report

app_name = "counter"

urlpatterns = [
    # Public, bound to a service centre
    path("centres/<int:centre_id>/kiosk/", views.kiosk, name="kiosk"),
    path(
        "centres/<int:centre_id>/tickets/<int:ticket_id>/<str:key>/",
        views.ticket,
        name="ticket",
    ),
    path("centres/<int:centre_id>/board/", views.board, name="board"),
    # The counter's rating tablet, bound by its device token
    path("tablet/<int:counter_id>/<str:token>/", views.tablet, name="tablet"),
    # Back office: the officer at a counter, the managers' report
    path("desk/", views.desk, name="desk"),
    path("desk/<int:counter_id>/<slug:action>/", views.desk_act, name="desk_act"),
    path("report/", views_report.waiting_report, name="report"),
]
