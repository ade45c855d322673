from django.urls import path

from . import actions, dossier, intake, queues, views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.OfficerLoginView.as_view(), name="login"),
    path("queue/", queues.queue, name="queue"),
    path("queue/assign/", queues.bulk_assign, name="bulk_assign"),
    path("intake/", intake.choose_procedure, name="intake"),
    path("intake/<int:version_id>/", intake.intake, name="intake_form"),
    path("dossiers/<str:code>/", dossier.dossier_page, name="dossier"),
    path("dossiers/<str:code>/files/<int:file_id>/", dossier.dossier_file, name="file"),
    path("dossiers/<str:code>/actions/<str:action>/", actions.act, name="act"),
]
