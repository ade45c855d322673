from django.urls import include, path

from . import assisted, mine, readers, submission, tracking, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("procedures/", include("motcua.portal.procedure_urls")),
    path("track/", tracking.track, name="track"),
    path("my/dossiers/", mine.dossier_list, name="dossiers"),
    path("my/dossiers/<str:code>/", mine.dossier_detail, name="dossier"),
    path("my/dossiers/<str:code>/readers/", readers.dossier_readers, name="dossier_readers"),
    path("my/dossiers/<str:code>/files/<int:file_id>/", mine.dossier_file, name="dossier_file"),
    path("my/dossiers/<str:code>/supplement/", mine.answer_supplement, name="supplement"),
    path("my/dossiers/<str:code>/withdraw/", mine.withdraw, name="withdraw"),
    path("my/assisted/<str:token>/", assisted.confirm, name="assisted_confirm"),
    path("my/store/", mine.data_store, name="store"),
    path("my/store/<int:file_id>/", mine.store_file, name="store_file"),
    path("apply/<str:procedure_code>/", submission.start, name="apply"),
    path("my/drafts/<int:draft_id>/<slug:step>/", submission.step, name="draft_step"),
    path("my/drafts/<int:draft_id>/", submission.review, name="draft_review"),
]
