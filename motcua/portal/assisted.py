"""The applicant's side of assisted online filing: signed in with their own account (VNeID at
the counter), they confirm that the desk officer may file online for them now."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import AssistedConsent, ConsentMethod

from .access import applicant_required


@applicant_required
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """Someone else's request, or one asking for a code, is "not found"."""
    consent = (
        AssistedConsent.objects.select_related("unit")
        .filter(token=token[:64], applicant=request.user, method=ConsentMethod.SIGNIN)
        .first()
    )
    if consent is None:
        raise Http404(_("Không tìm thấy yêu cầu xác nhận."))
    error = ""
    if request.method == "POST" and consent.granted_at is None:
        try:
            consent = services.confirm_by_signin(token, applicant=request.user)
        except DossierError as refused:
            error = " ".join(refused.messages)
    context = {
        "consent": consent,
        "error": error,
        "expired": consent.granted_at is None and consent.expires_at <= timezone.now(),
    }
    return render(request, "portal/assisted_confirm.html", context, status=400 if error else 200)
