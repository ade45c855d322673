"""The operator's status callback, and the desk officer's postal actions on a dossier (forms
posted from the back-office dossier page, which they return to)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.accounts import throttle
from motcua.documents.bodylimit import small_body
from motcua.dossiers.access import get_dossier_for
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.integrations.models import PostalOrder

from . import services
from .base import InvalidCallback
from .forms import DeliveryOrderForm
from .registry import registry


@small_body
@csrf_exempt
@require_POST
def callback(request, operator: str):
    """``POST /integrations/postal/callback/<operator>/``: 200 when applied or already known,
    401 when not signed by the operator (or outside the replay window), 400 when malformed, 404
    for a tracking code we never ordered."""
    if operator not in registry:
        raise Http404
    if not throttle.callback_allowed(request, f"postal:{operator}"):
        return throttle.too_many_callbacks()
    try:
        outcome, _order = services.record_callback(operator, request.body, request.headers)
    except InvalidCallback as refusal:
        status = 401 if refusal.signature else 400
        return JsonResponse({"result": "refused", "reason": str(refusal)}, status=status)
    if outcome == "unknown":
        return JsonResponse({"result": "unknown"}, status=404)
    return JsonResponse({"result": outcome})


def officer_required(view):
    """Officers only: the anonymous go to the officers' sign-in; anyone else finds nothing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), "backoffice:login")
        if not request.user.is_officer:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _back(code: str):
    return redirect("backoffice:dossier", code=code)


def _dossier(request, code: str) -> Dossier:
    try:
        return get_dossier_for(request.user, code)
    except Dossier.DoesNotExist as missing:
        raise Http404 from missing


@officer_required
@require_POST
def request_delivery(request, code: str):
    dossier = _dossier(request, code)
    form = DeliveryOrderForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(code)
    try:
        services.request_delivery(dossier, actor=request.user, **form.cleaned_data)
    except DossierError as refusal:
        for text in refusal.messages:
            messages.error(request, text)
        return _back(code)
    messages.success(
        request, _("Đã lập yêu cầu phát kết quả qua bưu chính; hệ thống đang gửi sang bưu điện.")
    )
    return _back(code)


@officer_required
@require_POST
def retry(request, code: str, order_id: int):
    dossier = _dossier(request, code)
    order = PostalOrder.objects.filter(dossier=dossier, pk=order_id).first()
    if order is None:
        raise Http404
    try:
        services.retry(order, actor=request.user)
    except DossierError as refusal:
        for text in refusal.messages:
            messages.error(request, text)
        return _back(code)
    messages.success(request, _("Đã gửi lại yêu cầu sang bưu điện."))
    return _back(code)
