from django.urls import path

from . import actions, assisted, dossier, intake, queues, views
from .second_factor import views as second_factor

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.OfficerLoginView.as_view(), name="login"),
    # Officers' second factor (second_factor/): after the password, and the officer's own page.
    path("login/code/", second_factor.verify, name="second_factor_verify"),
    path("login/app/", second_factor.enrol, name="second_factor_enrol"),
    path("login/app/qr.svg", second_factor.enrol_qr, name="second_factor_qr"),
    path("security/", second_factor.security, name="security"),
    path("security/app/", second_factor.enrol, name="security_enrol"),
    path("security/codes/", second_factor.recovery_codes, name="second_factor_codes"),
    path("security/codes/new/", second_factor.new_recovery_codes, name="second_factor_new_codes"),
    path("queue/", queues.queue, name="queue"),
    path("queue/assign/", queues.bulk_assign, name="bulk_assign"),
    path("intake/", intake.choose_procedure, name="intake"),
    path("intake/<int:version_id>/", intake.intake, name="intake_form"),
    # Assisted online filing at the counter (assisted.py).
    path("assisted/", assisted.start, name="assisted_start"),
    path("assisted/<int:consent_id>/", assisted.consent, name="assisted_consent"),
    path("assisted/<int:consent_id>/qr.svg", assisted.consent_qr, name="assisted_qr"),
    path("assisted/<int:consent_id>/file/<int:version_id>/", assisted.file, name="assisted_file"),
    path("dossiers/<str:code>/", dossier.dossier_page, name="dossier"),
    path("dossiers/<str:code>/files/<int:file_id>/", dossier.dossier_file, name="file"),
    path("dossiers/<str:code>/actions/<str:action>/", actions.act, name="act"),
]
