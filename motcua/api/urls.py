from django.urls import path, re_path
from oauth2_provider.views import TokenView

from motcua.documents.bodylimit import accepts_uploads

# The OpenAPI description's authentication extensions: registered where the API's URLs load
# (the schema generator walks them), not at every process's start (drf-spectacular, #18).
from . import (
    schema,  # noqa: F401
    views,
    views_actions,
    views_create,
    views_dossiers,
    views_reports,
    views_tracking,
)
from .webhooks import receiver

app_name = "api"

urlpatterns = [
    path("", views.Root.as_view(), name="root"),
    # OAuth2 token endpoint of API clients (client credentials; RFC 6749 §4.4).
    path("oauth/token/", TokenView.as_view(), name="token"),
    path("procedures/", views.ProcedureList.as_view(), name="procedure-list"),
    path("procedures/<str:code>/", views.ProcedureDetail.as_view(), name="procedure-detail"),
    path("agencies/", views.AgencyList.as_view(), name="agency-list"),
    path("agencies/<str:code>/", views.AgencyDetail.as_view(), name="agency-detail"),
    # Creating a dossier and acting on one carry files (base64 in JSON, or multipart): the body
    # may be as large as an upload form's (motcua.documents.bodylimit).
    path(
        "dossiers/",
        accepts_uploads(views_create.DossierCollection.as_view()),
        name="dossier-list",
    ),
    path("dossiers/<str:code>/", views_dossiers.DossierDetail.as_view(), name="dossier-detail"),
    path(
        "dossiers/<str:code>/documents/<int:file_id>/",
        views_dossiers.DossierDocument.as_view(),
        name="dossier-document",
    ),
    path(
        "dossiers/<str:code>/actions/<str:action>/",
        accepts_uploads(views_actions.DossierAction.as_view()),
        name="dossier-action",
    ),
    path("tracking/", views_tracking.Tracking.as_view(), name="tracking"),
    path("reports/periodic/", views_reports.PeriodicReport.as_view(), name="report-periodic"),
    path("reports/index766/", views_reports.Index766.as_view(), name="report-index766"),
    # The demo receiver of webhooks (not part of the API: a stand-in for an integrator's URL).
    path("demo/webhooks/<slug:name>/", receiver.receive, name="demo-webhook-receiver"),
    re_path(r"^.*$", views.Unknown.as_view(), name="unknown"),
]
