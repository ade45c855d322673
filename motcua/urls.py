from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.accounts.forms import AdminLoginForm
from motcua.accounts.language import set_language
from motcua.siteadmin.discovery import discover

# Every app's admin module, imported when the URLs load rather than at every process's start
# (motcua/siteadmin/discovery.py): commands that resolve no URL never import them (#18).
discover()

admin.site.site_header = _("motcua – Quản trị hệ thống")
# The admin's sign-in says how long to wait when throttled (#17 item 3).
admin.site.login_form = AdminLoginForm
admin.site.site_title = _("motcua")

# Error pages in the site's layout and the visitor's language (motcua/portal/errors.py).
handler400 = "motcua.portal.errors.bad_request"
handler403 = "motcua.portal.errors.permission_denied"
handler404 = "motcua.portal.errors.page_not_found"
handler500 = "motcua.portal.errors.server_error"

urlpatterns = [
    # Health and metrics for the load balancer and Prometheus (#19, docs/deployment.md).
    path("", include("motcua.operations.urls")),
    path("", include("motcua.portal.urls")),
    path("accounts/", include("motcua.accounts.urls")),
    path("backoffice/", include("motcua.backoffice.urls")),
    path("notices/", include("motcua.notices.urls")),
    path("signatures/", include("motcua.signatures.urls")),
    path("payments/", include("motcua.payments.urls")),
    path("notifications/", include("motcua.notifications.urls")),
    path("integrations/", include("motcua.integrations.urls")),
    path("feedback/", include("motcua.feedback.urls")),
    path("reports/", include("motcua.reports.urls")),
    # --- counter equipment (#20 item 3; docs/counter.md): kiosk, board, desk, tablet, report ---
    path("counter/", include("motcua.counter.urls")),
    # --- end counter equipment ---
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("motcua.api.urls")),
    path("admin/", admin.site.urls),
]

# --- identity (OIDC) ---
from django.conf import settings  # noqa: E402

if settings.IDP_ENABLED:
    urlpatterns.append(path("idp/", include("motcua.accounts.idp_urls")))
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
# --- end identity (OIDC) ---
